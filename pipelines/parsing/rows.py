"""Reading a table's lines into rows: labels, headings and value cells.

The general facts these rules rest on:
- a row's label may wrap over the lines above its values; a line above continues into the
  row's label when it breaks a word, when the label goes on in lower case, with a parenthesis
  or a year, or when the line ends in a comma, a conjunction or a preposition; an 'of which'
  label starts a row of its own;
- a label may also wrap under its values: a line right under a row, indented where a word of
  its label starts and ending inside the label column, is the rest of that label; a line that
  begins where the note after the row's values begins is the rest of that note;
- label lines that do not continue into a row are headings; the rows under a heading belong to
  it until a total; 'of which' rows belong to a heading only when they follow it directly;
- a header printed again inside a table turns the lines above it into headings;
- when rows are printed as paragraphs (blank lines between rows), a row's label is the
  paragraph its values end, footnotes at a page foot stand between rows, and values printed
  under a row that filled fewer than the table's columns complete that row (paragraphs.py);
- values printed one under the other are read in blocks (stacked.py); the cells of a tab row
  are its columns (tab.py); the values of a space row are placed by their gaps (spaced.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .classify import row_role, to_cell
from .lines import YEAR_RE, LineInfo, wraps_note_under
from .model import Row
from .paragraphs import (
    adjacent_unpadded, continue_row, continues_values, goal_before_label, paragraph_above, rows_are_spaced,
    wrapped_numbers,
)
from .roles import follows_footnote, is_footnote, is_row
from .settings import MAX_ALIGN_SLACK, MIN_CELL_GAP, MIN_ROWS_FOR_SPACING, MIN_STUB_WORDS_FOR_GOAL
from .spaced import as_printed, learn_columns, read_values, space_cells, value_spans
from .stacked import StackedBlocks, stacked_blocks
from .tab import repeats_header, tab_cells
from .vocabulary import Vocabulary
from .words import join_label


@dataclass(frozen=True)
class RowLayout:
    """How a table prints its rows, beyond what each line says of itself."""

    n_cols: int
    paragraphs: bool  # rows separated by blank lines, their labels printed as paragraphs
    under_years: bool  # under a header of text columns and years
    goal_column: bool  # a stub of two text columns or more: a goal may come before a label


def read_rows(
    infos: list[LineInfo], body: list[LineInfo], pre: list[LineInfo], span: list[LineInfo],
    n_cols: int, stub: str | None, vocab: Vocabulary, under_years: bool,
) -> list[Row]:
    """The rows of a table: `body` its lines from the first row to the last, `pre` the label
    lines between its header and its first row, `span` all its lines from the first of those."""
    stacked = stacked_blocks(body, pre, span)
    unstacked = [b for b in body if b.line_no not in stacked.skip]
    # a table under a header of years whose rows follow as paragraphs: spaced, unless its rows
    # say otherwise
    paragraphs = rows_are_spaced(unstacked) or (under_years and sum(map(is_row, unstacked)) < MIN_ROWS_FOR_SPACING)
    goal_column = bool(stub) and len(stub.split()) >= MIN_STUB_WORDS_FOR_GOAL
    reader = _RowReader(infos, body, pre, RowLayout(n_cols, paragraphs, under_years, goal_column), stacked, vocab)
    for info in body:
        reader.read(info)
    return reader.rows


class _RowReader:
    """Reads a table's lines in order; label lines wait in `pending` until a row takes them
    into its label or they become headings."""

    def __init__(
        self, infos: list[LineInfo], body: list[LineInfo], pre: list[LineInfo], layout: RowLayout,
        stacked: StackedBlocks, vocab: Vocabulary,
    ):
        self.infos = infos
        self.layout = layout
        self.stacked = stacked
        self.vocab = vocab
        self.by_line = {b.line_no: b for b in body}
        self.wrapped = wrapped_numbers(body) if layout.paragraphs else set()
        self.rows: list[Row] = []
        self.heading: str | None = None
        self.pending: list[LineInfo] = [x for x in pre if x.line_no not in stacked.skip]
        self.last_pattern: dict[int, list[int]] = {}
        self.columns: list[tuple[int, int]] = []  # where the full rows print each column
        # learned from every full row of the table, those below a short row too (a table whose
        # rows leave cells blank may print its only full row last: 'Totalt')
        for line in body:
            if not line.is_tab and line.tokens and is_row(line):
                values = read_values(line, layout.n_cols)
                spans = value_spans(line, values) if len(values) == layout.n_cols else []
                if spans:
                    learn_columns(self.columns, spans)
        if any(e >= s for (_, e), (s, _) in zip(self.columns, self.columns[1:])):
            self.columns = []  # the full rows are not aligned: each row learns from those above it
        self.below = 0  # the last line of the last row, its label's lines under its values included

    def read(self, info: LineInfo) -> None:
        if info.blank:
            return
        if self._number_among_words(info):
            info = LineInfo(line_no=info.line_no, text=info.text, label=info.text.strip())
        if info.line_no in self.stacked.skip:
            self._stacked_above(info)
        elif info.line_no in self.stacked.rows:
            self._stacked(info)
        elif self._page_footnote(info):
            pass
        elif repeats_header(info, self.vocab):
            # the header printed again inside the table, under the caption of its block
            self._headings()
        elif not is_row(info) and self._wraps_label_above(info):
            row = self.rows[-1]
            row.label = join_label([row.label, info.text.strip()])
            self.below = info.line_no
        elif self._wraps_note_above(info):
            self.below = info.line_no  # the rest of the note the row above prints after its values
        elif not is_row(info) or info.line_no in self.wrapped:
            self.pending.append(info)
        elif self._continues_row_above(info):
            continue_row(self.rows[-1], self.pending, info, self.layout.n_cols)
            self.pending = []
        else:
            self._row(info)

    def _number_among_words(self, info: LineInfo) -> bool:
        """In a table that sets its values apart from their labels, a line of words that ends in
        one number a space after them, far from every column the full rows print
        ('Exploaterings-  12 500 …' / 'område Norr, etapp 2'): the number is a word of the text."""
        if info.is_tab or len(info.tokens) != 1 or info.gaps[0] != 1 or not self.columns or not self.rows:
            return False
        above = self.by_line.get(self.rows[-1].line_no)
        if above is None or above.is_tab or not above.gaps or above.gaps[0] < MIN_CELL_GAP:
            return False  # the table sets its values apart from their labels
        start, end = info.spans[0]
        return all(end < first - MAX_ALIGN_SLACK or start > last + MAX_ALIGN_SLACK for first, last in self.columns)

    def _wraps_note_above(self, info: LineInfo) -> bool:
        """A line of text right under a row that prints a note after its values, beginning
        where that note begins ('Lägre entreprenadkostnad än' / 'kalkylerat.'): the note's rest."""
        if self.pending or not self.rows or info.line_no != self.below + 1:
            return False
        above = self.by_line.get(self.rows[-1].line_no)
        return above is not None and wraps_note_under(above, info)

    def _stacked_above(self, info: LineInfo) -> None:
        """Stacked values whose labels came before the table's first row (in `pre`)."""
        for label_line in sorted(k for k in self.stacked.rows if k < info.line_no):
            label_info, cells = self.stacked.rows.pop(label_line)
            self.pending = [p for p in self.pending if p.line_no != label_line]
            self.rows.append(stacked_row(len(self.rows) + 1, label_info, cells))

    def _stacked(self, info: LineInfo) -> None:
        label_info, cells = self.stacked.rows.pop(info.line_no)
        self._headings()
        self.rows.append(stacked_row(len(self.rows) + 1, label_info, cells))

    def _page_footnote(self, info: LineInfo) -> bool:
        """A footnote at a page foot inside a table of paragraph rows."""
        return self.layout.paragraphs and not is_row(info) and (
            is_footnote(info) or follows_footnote(self.infos, info.line_no - 1)
        )

    def _continues_row_above(self, info: LineInfo) -> bool:
        """Values printed under the row above, after text in a value column: the rest of it."""
        return bool(
            self.layout.paragraphs and not info.is_tab and self.rows
            and continues_values(info, self.pending, self.rows[-1], self.layout.n_cols)
        )

    def _wraps_label_above(self, info: LineInfo) -> bool:
        """A line of text right under a row, inside its label column and starting where a word
        of its label starts (indented, as text laid out in columns prints it): the row's label
        wrapped under its values ('6289 Utrustning uppstart   1 000   500' / 'Korsavadsanläggningen')."""
        if info.is_tab or self.pending or not self.rows:
            return False
        row = self.rows[-1]
        if not row.cells or info.line_no != self.below + 1:
            return False
        return wraps_label_under(self.by_line.get(row.line_no), info, self.by_line.get(info.line_no + 1))

    def _headings(self, follow: bool = False) -> None:
        """The pending label lines become heading rows; with `follow`, the rows after them sit
        under the last one."""
        for p in self.pending:
            self.rows.append(Row(len(self.rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            if follow:
                self.heading = p.text.strip()
        self.pending = []

    def _row(self, info: LineInfo) -> None:
        label, label_first, goal = self._label(info)
        self._headings(follow=True)
        row = Row(len(self.rows) + 1, info.line_no, label.strip(), label_first, row_role(label, True),
                  context=info.context or goal)
        self._place_under_heading(row)
        if info.is_tab:
            row.cells = tab_cells(info, self.layout.n_cols)
        else:
            row.cells, row.placement = space_cells(
                info, self.layout.n_cols, self.layout.under_years, self.rows, self.last_pattern, self.columns
            )
        self.rows.append(row)
        self.below = info.line_no

    def _place_under_heading(self, row: Row) -> None:
        prev = self.rows[-1] if self.rows else None
        if row.role == "total":
            self.heading = None
        elif row.role == "of_which":
            # 'varav' rows directly under a label-only heading are that heading's parts
            if prev is not None and (prev.role == "heading" or (prev.role == "of_which" and prev.parent_heading)):
                row.parent_heading = self.heading
        elif self.heading is not None:
            row.parent_heading = self.heading

    def _label(self, info: LineInfo) -> tuple[str, int, str]:
        """The row's label, its first line and the goal printed before it, taking the label
        lines it continues out of `pending`."""
        joined, label = self._wrapped_label(info)
        goal = ""
        if self.layout.paragraphs and not info.is_tab and self.layout.goal_column:
            goal, joined, label = goal_before_label(joined, label)
        if joined:
            return join_label([j.text.strip() for j in joined] + [info.label]), joined[0].line_no, goal
        return label, info.line_no, goal

    def _wrapped_label(self, info: LineInfo) -> tuple[list[LineInfo], str]:
        """The label lines directly above the row that its label continues, and the label."""
        label = info.label
        joined: list[LineInfo] = []
        if self.layout.paragraphs and not info.is_tab:
            # rows printed as paragraphs: the label is the paragraph the values end
            joined = paragraph_above(self.pending, info, self.by_line)
            if joined:
                self.pending = self.pending[: self.pending.index(joined[0])]  # with a year note under the label
                label = " ".join(j.text.strip() for j in joined)
        while self.pending and (
            continues(self.pending[-1], label, info)
            or (self.layout.paragraphs and not joined and adjacent_unpadded(self.pending[-1], info))
        ):
            joined.insert(0, self.pending.pop())
            label = f"{joined[0].text.strip()} {label}".strip()
        return joined, label


def stacked_row(row_no: int, label: LineInfo, cells: list[tuple[int, LineInfo]]) -> Row:
    row = Row(row_no, label.line_no, label.text.strip(), label.line_no, row_role(label.text, True), placement="stacked")
    for col, value in cells:
        cell = to_cell(col, value.line_no, as_printed(value, [" ".join(value.tokens)])[0])
        if cell:
            row.cells.append(cell)
    return row


def wraps_label_under(above: LineInfo | None, info: LineInfo, below: LineInfo | None) -> bool:
    """Is the text line `info`, right under the row `above`, inside its label column and
    starting where a word of its label starts (indented, as text laid out in columns prints
    it), the rest of that row's label ('6289 Utrustning uppstart   1 000   500' /
    'Korsavadsanläggningen')? Not when it is the first line of the label of the row `below`."""
    if info.is_tab or above is None or above.is_tab or not above.spans:
        return False
    text = info.text
    indent = len(text) - len(text.lstrip())
    label_column = above.text[: above.spans[0][0]]
    starts = {m.start() for m in re.finditer(r"\S+", label_column)}
    if indent not in starts or len(text.rstrip()) >= above.spans[0][0] or begins_label_of(below):
        return False
    if indent > min(starts):
        return True  # under a word inside the label: its rest
    # at the labels' margin, in text laid out in columns (a wide space between the label and
    # its values), a line that goes on with a small letter, a bracket or a sign, or prints no
    # letter and is no year (a property's designation, '1:12'; a heading names something): a
    # label's second line ('Årets resultat i procent av skatteintäkter   2,3' / 'och generella
    # statsbidrag'; 'Nöjd kund-index för bygglovshantering   63' / '(skala 0–100)'). A line
    # there that begins with a capital letter begins the next row's label.
    return _goes_on(text.strip()) and above.gaps[0] >= MIN_CELL_GAP


def begins_label_of(below: LineInfo | None) -> bool:
    """`below` is a row whose label goes on with a small letter: the line above it is that
    label's first ('Skatteintäkter och generella' / 'statsbidrag och utjämning  2 514,0'), as a
    table whose values stand at the foot of their cells prints it."""
    return (
        below is not None and is_row(below) and below.label.strip()[:1].islower()
        and row_role(below.label, True) != "of_which"
    )


def _goes_on(text: str) -> bool:
    """Does a line at the labels' margin go on with a label rather than begin one? It starts
    with a small letter, a bracket or a plus sign, or it prints no letter and is no year."""
    return text[:1].islower() or text[:1] in "(+" or (not any(ch.isalpha() for ch in text) and not YEAR_RE.match(text))


def continues(prev: LineInfo, label: str, row: LineInfo) -> bool:
    """Does the label-only line `prev` start the label that `row` ends?"""
    p = prev.text.strip()
    if p.endswith("-"):
        return True
    first = label.strip()[:1]
    if not first or re.match(r"^(19|20)\d\d\b", label.strip()):
        return True
    if re.match(r"^[-–−]?\s*varav\b", label.strip(), re.IGNORECASE):
        return False
    # a label does not start with a parenthesis: '(HME)' ends 'Hållbart medarbetarengagemang'
    return first.islower() or first == "(" or (p.endswith((",", "och", "i", "av", "för")))
