"""Finding tables in report lines and reading them into rows and cells.

General rules only: a table is a run of lines that end in numbers, below a header that
names columns with header words (from the vocabulary seed) or years, below a caption.
"""
from __future__ import annotations

import re
from collections import Counter

from .classify import row_role, table_kind, table_unit, to_cell
from .header import after_unit, header_zone, segment_header
from .lines import LineInfo, analyse_line, is_compound_value
from .model import Cell, Row, Table
from .notes import read_note_column
from .numbers import groupings, is_marker, split_numbers
from .paragraphs import (
    adjacent_unpadded, continues_values, paragraph_above, rows_are_spaced, split_goal, wrapped_numbers,
)
from .regions import merge_continued, paragraph_header, starts_table, table_end
from .roles import follows_footnote, is_footnote, is_row
from .row_reader import settle_rows
from .settings import (
    MIN_FITTING_SHARE, MIN_LABEL_GAP_RIGHT, MIN_LABEL_GAP_SHIFTED, MIN_ROWS_FOR_SPACING,
    MIN_STUB_WORDS_FOR_GOAL, NO_COLUMN_LIMIT,
)
from .spaced import as_printed, label_number, space_positions
from .stacked import stacked_blocks
from .tab import repeats_header
from .vocabulary import Vocabulary
from .words import broken_words, join_label, rejoin_word_breaks

# ---------------------------------------------------------------------------


def find_tables(lines: list[str], vocab: Vocabulary) -> list[Table]:
    infos = [analyse_line(i + 1, raw) for i, raw in enumerate(lines)]
    tables: list[Table] = []
    claimed = [False] * len(infos)
    i = 0
    while i < len(infos):
        found = None if claimed[i] else _table_at(infos, i, vocab, len(tables) + 1)
        if found is not None:
            table, end = found
            tables.append(table)
            for k in range(table.first_line - 1, table.last_line):
                claimed[k] = True
            i = end + 1
            continue
        i += 1
    return merge_continued(tables, infos)


def _table_at(infos: list[LineInfo], i: int, vocab: Vocabulary, table_no: int) -> tuple[Table, int] | None:
    """The table that starts at line i, if one does, and the index of its last row."""

    def candidates():
        anchor = paragraph_header(infos, i, vocab)
        if anchor is not None:
            # a header above rows printed as paragraphs: the table starts at its first row
            header_end, first_row = anchor
            yield first_row, table_end(infos, first_row, vocab, spaced=True), (i, header_end)
        if starts_table(infos, i, vocab):
            yield i, table_end(infos, i, vocab), None

    for start, end, header_at in candidates():
        table = _build_table(infos, start, end, vocab, table_no, header_at=header_at)
        if table is not None and any(r.cells for r in table.rows):
            return table, end
    return None


# ---------------------------------------------------------------------------
# header and caption


# ---------------------------------------------------------------------------
# rows


def _build_table(
    infos: list[LineInfo], start: int, end: int, vocab: Vocabulary, table_no: int,
    header_at: tuple[int, int] | None = None,
) -> Table | None:
    caption_info, between, header_infos, pre = header_zone(infos, start, vocab, header_at)
    if not infos[start].is_tab:
        infos, caption_info, between, header_infos = read_note_column(
            infos, start, end, vocab, caption_info, between, header_infos
        )
    body = infos[start : end + 1]
    layout = "tab" if infos[start].is_tab else "space"

    # value-column count: the most common count among rows (ties: the larger)
    raw_counts = []
    for info in body:
        if is_row(info):
            if info.is_tab:
                raw_counts.append(len(info.cells))
            elif info.label or len(info.tokens) > 1:
                raw_counts.append(len(split_numbers(info.tokens)))
    count_freq = Counter(c for c in raw_counts if c >= 1)
    n_rows_mode = max(count_freq.items(), key=lambda kv: (kv[1], kv[0]))[0] if count_freq else 0

    stub_header = None
    headers: list[str] = []
    if header_infos:
        if header_infos[-1].is_tab:
            cells = [c.strip() for c in header_infos[-1].text.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            n_tab = max([n_rows_mode] + [len(i.cells) for i in body if is_row(i)])
            headers = cells[-n_tab:] if len(cells) > n_tab else cells[1:]
            stub_header = " ".join(c for c in cells[: len(cells) - len(headers)] if c) or None
        else:
            head_lines = [h.text for h in header_infos]
            above = between[-1] if between else caption_info
            if above is not None and header_infos[0].line_no - above.line_no == 1 and broken_words(above.text):
                # the first pieces of column names broken over two header lines
                head_lines.insert(0, above.text)
                if between:
                    between = between[:-1]
                else:
                    caption_info = None
            elif caption_info is not None and header_infos[0].line_no - caption_info.line_no == 1:
                rest = after_unit(caption_info.text, vocab)
                if rest and any(vocab.is_header_word(w) for w in rest.split()):
                    head_lines.insert(0, rest)
            _, wide = segment_header(head_lines, NO_COLUMN_LIMIT, vocab)
            n_guess = max(n_rows_mode, 1)
            if header_at is not None and len(wide) >= max(raw_counts, default=0):
                # rows of paragraphs often print fewer values than the header names
                n_guess = len(wide)
            elif len(wide) > n_guess:
                rows_tok = [i.tokens for i in body if is_row(i) and not i.is_tab]
                fits = sum(1 for t in rows_tok if groupings(t, len(wide), limit=1))  # can be read so
                if rows_tok and fits >= MIN_FITTING_SHARE * len(rows_tok):
                    n_guess = len(wide)
            n_rows_mode = n_guess
            stub_header, headers = segment_header(head_lines, n_guess, vocab)
            stub_header = stub_header or None
    n_cols = n_rows_mode
    if layout == "space" and headers and len(headers) != n_rows_mode:
        if any(c == len(headers) for c in raw_counts) or len(headers) > n_rows_mode:
            n_cols = len(headers)
    if layout == "tab":
        n_cols = max([n_rows_mode] + [len(i.cells) for i in body if is_row(i)])
        if headers and len(headers) < n_cols:
            headers = headers + [""] * (n_cols - len(headers))
    if between:
        extra = " ".join(b.text.strip() for b in between)
        stub_header = f"{extra} {stub_header}".strip() if stub_header else extra
    if layout == "space" and header_at is None:
        body = [label_number(info, n_cols) for info in body]

    rows: list[Row] = []
    heading: str | None = None
    pending: list[LineInfo] = list(pre)
    last_pattern: dict[int, list[int]] = {}
    span = infos[min([start] + [x.line_no - 1 for x in pre]) : end + 1]
    stacked = stacked_blocks(body, pending, span)
    pending = [x for x in pending if x.line_no not in stacked.skip]
    unstacked = [b for b in body if b.line_no not in stacked.skip]
    # a table under a header of years whose rows follow as paragraphs: spaced, unless its rows
    # say otherwise
    spaced_rows = rows_are_spaced(unstacked) or (header_at is not None and sum(map(is_row, unstacked)) < MIN_ROWS_FOR_SPACING)
    by_line = {b.line_no: b for b in body}
    wrapped = wrapped_numbers(body) if spaced_rows else set()
    # a stub of two text columns ('Nämndmål Nämndindikator'): a goal may precede the label
    two_text_columns = bool(stub_header) and len(stub_header.split()) >= MIN_STUB_WORDS_FOR_GOAL
    for info in body:
        if info.blank:
            continue
        if info.line_no in stacked.skip:
            # stacked values whose labels came before the table's first row (in `pre`)
            for label_line in sorted(k for k in stacked.rows if k < info.line_no):
                label_info, cells = stacked.rows.pop(label_line)
                pending = [p for p in pending if p.line_no != label_line]
                rows.append(_stacked_row(len(rows) + 1, label_info, cells))
            continue
        if info.line_no in stacked.rows:
            label_info, cells = stacked.rows.pop(info.line_no)
            for p in pending:
                rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            pending = []
            rows.append(_stacked_row(len(rows) + 1, label_info, cells))
            continue
        if spaced_rows and not is_row(info) and (
            is_footnote(info) or follows_footnote(infos, info.line_no - 1)
        ):
            continue  # a footnote at a page foot inside the table
        if repeats_header(info, vocab):
            # the header printed again inside the table, under the caption of its block
            for p in pending:
                rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            pending = []
            continue
        if not is_row(info) or info.line_no in wrapped:
            pending.append(info)
            continue
        if spaced_rows and not info.is_tab and rows and continues_values(info, pending, rows[-1], n_cols):
            # the rest of the row above: values printed under it, after text in a value column
            prev_row = rows[-1]
            col = max(c.col_no for c in prev_row.cells) + 1
            # a piece of value-column text that starts with a marker ('I.U (Ge-' … 'förs nov')
            # holds that marker as its cell
            for p in pending:
                first = p.text.split()[0] if p.text.split() else ""
                if is_marker(first) and first not in "-–−" and col < n_cols:
                    prev_row.cells.append(Cell(col, p.line_no, first, None, None))
                    col += 1
            values = split_numbers(info.tokens, n_cols - col + 1)
            for k, v in enumerate(as_printed(info, values)[: n_cols - col + 1]):
                cell = to_cell(col + k, info.line_no, v)
                if cell:
                    prev_row.cells.append(cell)
            prev_row.placement = "continued"
            pending = []
            continue
        label = info.label
        label_first = info.line_no
        # wrapped label: label-only lines directly above that the row's label continues
        joined: list[LineInfo] = []
        goal = ""
        if spaced_rows and not info.is_tab:
            # rows printed as paragraphs: the label is the paragraph the values end
            joined = paragraph_above(pending, info, by_line)
            if joined:
                pending = pending[: pending.index(joined[0])]  # with a year note under the label
                label = " ".join(j.text.strip() for j in joined)
        while pending and (
            _continues(pending[-1], label, info)
            or (spaced_rows and not joined and adjacent_unpadded(pending[-1], info))
        ):
            joined.insert(0, pending.pop())
            label = f"{joined[0].text.strip()} {label}".strip()
        if spaced_rows and not info.is_tab and two_text_columns:
            sentence_end = next((k for k in range(len(joined) - 1) if joined[k].text.strip().endswith(".")
                                 and joined[k + 1].text.strip()[:1].isupper()
                                 and joined[k + 1].line_no == joined[k].line_no + 1), None)
            if sentence_end is not None:
                # the end of the goal's sentence before the label's first line ('… god' 'kvalitet.')
                goal = " ".join(j.text.strip() for j in joined[: sentence_end + 1])
                joined = joined[sentence_end + 1 :]
                label = " ".join(j.text.strip() for j in joined)
            if not goal:
                goal, first = split_goal(joined[0].text if joined else label)
                if goal and joined:
                    joined[0] = LineInfo(joined[0].line_no, first)
                elif goal:
                    label = first
        if joined:
            label_first = joined[0].line_no
            label = join_label([j.text.strip() for j in joined] + [info.label])
        for p in pending:
            rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            heading = p.text.strip()
        pending = []
        row = Row(len(rows) + 1, info.line_no, label.strip(), label_first, row_role(label, True),
                  context=info.context or goal)
        prev = rows[-1] if rows else None
        if row.role == "total":
            heading = None
        elif row.role == "of_which":
            # 'varav' rows directly under a label-only heading are that heading's parts
            if prev is not None and (prev.role == "heading" or (prev.role == "of_which" and prev.parent_heading)):
                row.parent_heading = heading
        elif heading is not None:
            row.parent_heading = heading
        if info.is_tab:
            for k, c in enumerate(info.cells[:n_cols]):
                cell = to_cell(k + 1, info.line_no, c)
                if cell is None and is_compound_value(c):
                    cell = Cell(k + 1, info.line_no, c.strip(), None, None)
                if cell:
                    row.cells.append(cell)
        else:
            values = split_numbers(info.tokens, n_cols)
            if len(values) == n_cols - 1 and not info.note and not any(g > 1 for g in info.gaps[1:]):
                # no wider space between the numbers hints at a blank cell
                values = split_numbers(info.tokens, n_cols, any_split=True)
            pos, how = space_positions(info, values, n_cols)
            if header_at is not None and info.note and len(values) == n_cols - 1:
                # a note after the values ('Öka', 'Minska') is the last column's text
                pos, how = list(range(len(values))), "full"
            elif header_at is not None and how in ("gaps", "ambiguous") and info.label and info.gaps:
                # paragraph tables: the space after a label counts only where it puts the
                # values under the columns the row above filled ('Män   1,8' under '… 1,9')
                filled = next((r for r in reversed(rows) if r.cells), None)
                above = {c.col_no - 1 for c in filled.cells} if filled is not None else set()
                shifted = [info.gaps[0] - 1 + k for k in range(len(values))]
                right = list(range(n_cols - len(values), n_cols))
                if how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_SHIFTED and set(shifted) <= above:
                    pos, how = shifted, "neighbour"
                elif how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_RIGHT and set(right) <= above:
                    pos, how = right, "neighbour"
                elif how == "gaps" and not set(pos) <= above:
                    pos, how = space_positions(info, values, n_cols, label_gap=False)
            elif header_at is not None and not info.label and len(values) < n_cols and info.text[:1] == " ":
                # bare values indented under a label: the first columns are empty
                pos, how = list(range(n_cols - len(values), n_cols)), "indented"
            if how == "ambiguous" and len(values) in last_pattern:
                pos, how = last_pattern[len(values)], "neighbour"
            elif how in ("gaps",):
                last_pattern[len(values)] = pos
            row.placement = how
            for p, v in zip(pos, as_printed(info, values)):
                cell = to_cell(p + 1, info.line_no, v)
                if cell:
                    row.cells.append(cell)
        rows.append(row)
    if layout == "space" and header_at is None:
        settle_rows(rows, by_line, n_cols)
    first_line = min([start + 1] + [p.line_no for p in pre])
    last_line = end + 1
    caption = caption_info.text.strip() if caption_info else None
    if caption is None and header_infos and header_infos[-1].is_tab and stub_header:
        caption = stub_header
    if caption_info is not None:
        first_line = min(first_line, caption_info.line_no)
    if header_infos:
        first_line = min(first_line, header_infos[0].line_no)
    unit = table_unit(caption, stub_header, headers, vocab)
    kind = table_kind(caption, stub_header, headers, rows, vocab, unit)
    headers = [rejoin_word_breaks(h, vocab) for h in headers]
    if not headers:
        headers = [f"Kolumn {k + 1}" for k in range(n_cols)]
    return Table(table_no, caption, unit, kind, first_line, last_line, stub_header, headers, rows, layout)


def _stacked_row(row_no: int, label: LineInfo, cells: list[tuple[int, LineInfo]]) -> Row:
    row = Row(row_no, label.line_no, label.text.strip(), label.line_no, row_role(label.text, True), placement="stacked")
    for col, value in cells:
        cell = to_cell(col, value.line_no, as_printed(value, [" ".join(value.tokens)])[0])
        if cell:
            row.cells.append(cell)
    return row


def _continues(prev: LineInfo, label: str, row: LineInfo) -> bool:
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


