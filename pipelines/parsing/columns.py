"""How many value columns a table has, and what the header calls them.

The general facts these rules rest on:
- most rows of a table print one value per column, so the count most rows print is the
  column count; of two counts equally common, the larger wins (a row may leave cells blank,
  it does not print extra ones);
- a header may name more columns than most rows print: rows printed as paragraphs often leave
  cells blank, and in space text the spaces inside numbers can hide cells; the header's count
  wins when the rows are paragraphs, or when most rows can be read as that many cells;
- in a tab table every row's cells are columns: the widest row sets the count, and a tab
  header's last cells name the value columns, the cells before them the stub;
- names printed over aligned rows name the columns they stand over, however many lines they
  take (header_positions.py); only where they do not decide is the header read by its words;
- the names may begin on the line above the header (names broken over two lines at a hyphen),
  or after the unit of a caption printed right above the header;
- fragments printed between the caption and the header belong to the stub;
- a name printed over the notes the rows print after their values ('Kommentar' over short
  texts) names those notes, not a column of values: the values' columns are the names before it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .header import after_unit, segment_header
from .header_positions import aligned_count, names_by_position
from .lines import LineInfo, note_place
from .numbers import groupings, split_numbers
from .roles import is_row
from .settings import MAX_ALIGN_SLACK, MIN_FITTING_SHARE, MIN_NOTE_ROWS, NO_COLUMN_LIMIT
from .tab import tab_header_names, with_tab_groups
from .vocabulary import Vocabulary
from .words import broken_words


@dataclass
class Columns:
    n_cols: int
    headers: list[str]  # as segmented; empty when the table has no header
    stub: str | None  # the header text before the column names, with fragments above it
    caption: LineInfo | None  # the caption, unless its line began the column names
    between: list[LineInfo]  # fragments between caption and header left to the stub


def value_counts(body: list[LineInfo]) -> list[int]:
    """How many values each row prints: the cells of a tab row, the fewest numbers a space row
    reads as (a line of one bare number says nothing)."""
    counts = []
    for info in body:
        if is_row(info):
            if info.is_tab:
                counts.append(len(info.cells))
            elif info.label or len(info.tokens) > 1:
                counts.append(len(split_numbers(info.tokens, breaks=info.breaks)))
    return counts


def most_common_count(counts: list[int]) -> int:
    """The count most rows print (ties: the larger); 0 with no row."""
    freq = Counter(c for c in counts if c >= 1)
    return max(freq.items(), key=lambda kv: (kv[1], kv[0]))[0] if freq else 0


def column_count(body: list[LineInfo], counts: list[int] | None = None) -> int:
    """The count most rows print, or more where the rows' values stand right-aligned in more
    columns than that (rows that leave cells blank: header_positions.aligned_count)."""
    n = most_common_count(value_counts(body) if counts is None else counts)
    return aligned_count(body, n)


def _widest_tab_row(body: list[LineInfo], n: int) -> int:
    return max([n] + [len(i.cells) for i in body if is_row(i)])


def read_columns(
    body: list[LineInfo], caption: LineInfo | None, between: list[LineInfo], header: list[LineInfo],
    vocab: Vocabulary, under_years: bool, tab: bool,
) -> Columns:
    """The table's columns from its rows (`body`) and its header zone."""
    counts = value_counts(body)
    n = column_count(body, counts)
    stub, headers, notes_name = None, [], ""
    if header and header[-1].is_tab:
        stub, headers = tab_header_names(header[-1], _widest_tab_row(body, n))
        if len(header) >= 2 and header[-2].is_tab:
            stub, headers = with_tab_groups(header[-2], header[-1], stub, headers)
    elif header:
        text, printed, caption, between = _header_text(header, caption, between, vocab)
        # a name printed over the text the rows print after their values names those notes
        # ('Kommentar'): no value column, it stands after them
        text, printed, notes_name = _notes_name_apart(text, printed, _notes_place(body))
        # names printed over the rows' columns name them; else the header's words are read
        placed = names_by_position(printed, body, n, vocab)
        if placed is None:
            n = _space_column_count(text, body, n, counts, under_years, vocab)
            placed = segment_header(text, n, vocab)
        stub, headers = placed
        stub = stub or None
    n_cols = n
    if not tab and headers and len(headers) != n:
        if any(c == len(headers) for c in counts) or len(headers) > n:
            n_cols = len(headers)
    if notes_name:
        headers = headers + [notes_name]
    if tab:
        n_cols = _widest_tab_row(body, n)
        if headers and len(headers) < n_cols:
            headers = headers + [""] * (n_cols - len(headers))
    if between:
        extra = " ".join(b.text.strip() for b in between)
        stub = f"{extra} {stub}".strip() if stub else extra
    return Columns(n_cols, headers, stub, caption, between)


def _notes_place(body: list[LineInfo]) -> int | None:
    """Where the rows' notes begin, when they stand in a column of their own after the values:
    MIN_NOTE_ROWS rows at least print a note, each beginning at one place, and no row prints a
    value there."""
    places = [at for info in body if is_row(info) and (at := note_place(info)) is not None]
    if len(places) < MIN_NOTE_ROWS or max(places) - min(places) > MAX_ALIGN_SLACK:
        return None
    at = min(places) - MAX_ALIGN_SLACK
    if any(info.spans and not info.is_tab and info.spans[-1][1] > at for info in body if is_row(info)):
        return None  # other rows print values there: a column of values some rows fill with words
    return min(places)


def _notes_name_apart(text: list[str], printed: list[str], at: int | None) -> tuple[list[str], list[str], str]:
    """The header lines cut where the notes' column begins, and the name printed over it; the
    lines as they were when no word stands there, or a word crosses the cut."""
    if at is None:
        return text, printed, ""
    cut = max(at - MAX_ALIGN_SLACK, 1)
    if any(len(line) > cut and line[cut - 1] != " " for line in printed):
        return text, printed, ""
    name = " ".join(word for line in printed for word in line[cut:].split())
    if not name:
        return text, printed, ""
    return ([t[:cut].rstrip() if t == p else t for t, p in zip(text, printed)],
            [p[:cut].rstrip() for p in printed], name)


def _header_text(
    header: list[LineInfo], caption: LineInfo | None, between: list[LineInfo], vocab: Vocabulary
) -> tuple[list[str], list[str], LineInfo | None, list[LineInfo]]:
    """The text lines of a space header, with the line right above when it begins the column
    names; the same lines as printed (words after a caption's unit where they stand); the
    caption and the fragments left above."""
    text = [h.text for h in header]
    printed = list(text)
    above = between[-1] if between else caption
    if above is not None and header[0].line_no - above.line_no == 1 and broken_words(above.text):
        # the first pieces of column names broken over two header lines
        text.insert(0, above.text)
        printed.insert(0, above.text)
        if between:
            between = between[:-1]
        else:
            caption = None
    elif caption is not None and header[0].line_no - caption.line_no == 1:
        rest = after_unit(caption.text, vocab)
        if rest and any(vocab.is_header_word(w) for w in rest.split()):
            text.insert(0, rest)
            at = caption.text.rindex(rest)
            printed.insert(0, " " * at + rest)
    return text, printed, caption, between


def _space_column_count(
    text: list[str], body: list[LineInfo], n: int, counts: list[int], under_years: bool, vocab: Vocabulary
) -> int:
    """The column count of a table with a space header: the rows' count, unless the header
    names more columns and the rows allow that many."""
    _, wide = segment_header(text, NO_COLUMN_LIMIT, vocab)
    guess = max(n, 1)
    if under_years and len(wide) >= max(counts, default=0):
        # rows of paragraphs often print fewer values than the header names
        return len(wide)
    if len(wide) > guess:
        tokens = [i for i in body if is_row(i) and not i.is_tab]
        fits = sum(1 for i in tokens if groupings(i.tokens, len(wide), limit=1, breaks=i.breaks))  # can be read so
        if tokens and fits >= MIN_FITTING_SHARE * len(tokens):
            return len(wide)
    return guess
