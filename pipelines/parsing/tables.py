"""Finding tables in report lines and reading them into rows and cells: the orchestrator.

General rules only: a table is a run of lines that end in numbers (space- or tab-separated
cells), below a header that names columns with header words (from the vocabulary seed) or
years, below a caption. Each line belongs to one table at most, so the finder walks down the
report and reads a table wherever one starts, in steps, each in a module of its own:

    regions.py   where a table starts and ends; tables continued after a page break
    header.py    the header zone above the first row: caption, header lines, stub fragments
    notes.py     a note column named in the header, read out of the rows
    columns.py   how many value columns, and their names
    rows.py      the rows: labels, headings, cells (tab.py, spaced.py, paragraphs.py, stacked.py)
    row_reader.py  rows of spaced numbers re-read where the table's relations confirm it
"""
from __future__ import annotations

import re

from .classify import table_kind, table_unit
from .columns import Columns, column_count, read_columns
from .header import header_zone
from .header_positions import PlacedNames
from .line_infos import LineInfos
from .lines import LineInfo, years_as_labels
from .model import Row, Table
from .notes import read_note_column
from .regions import merge_continued, paragraph_header, starts_table, table_end
from .roles import LineRoles
from .row_reader import settle_rows
from .running_sums import place_running_sums
from .unlabelled_totals import mark_unlabelled_totals
from .rows import read_rows
from .spaced import label_number
from .vocabulary import Vocabulary
from .words import rejoin_word_breaks


_FOOTNOTE_MARK_RE = re.compile(r"(?<=\w)\s?[*¹²³⁴⁵⁶⁷⁸⁹⁰]+$")


def find_tables(lines: list[str], vocab: Vocabulary) -> list[Table]:
    infos = LineInfos(lines)
    roles = LineRoles(infos, vocab)
    tables: list[Table] = []
    claimed = bytearray(len(infos))
    i = 0
    while i < len(infos):
        info = infos[i]
        if claimed[i] or not (info.tokens or info.is_tab):
            i += 1  # a space line with no values starts no table (starts_table, paragraph_header)
            continue
        found = _table_at(roles, i, vocab, len(tables) + 1)
        if found is not None:
            table, end = found
            tables.append(table)
            for k in range(table.first_line - 1, table.last_line):
                claimed[k] = 1
            i = end + 1
            continue
        i += 1
    return merge_continued(tables, infos, vocab)


def _table_at(roles: LineRoles, i: int, vocab: Vocabulary, table_no: int) -> tuple[Table, int] | None:
    """The table that starts at line i, if one does, and the index of its last row."""
    infos = roles.infos

    def candidates():
        anchor = paragraph_header(roles, i)
        if anchor is not None:
            # a header above rows printed as paragraphs: the table starts at its first row
            header_end, first_row = anchor
            yield first_row, table_end(roles, first_row, spaced=True), (i, header_end)
        if starts_table(roles, i):
            yield i, table_end(roles, i), None

    for start, end, header_at in candidates():
        table = _build_table(infos, start, end, vocab, table_no, header_at=header_at)
        if any(r.cells for r in table.rows):
            return table, end
    return None


def _build_table(
    infos: list[LineInfo], start: int, end: int, vocab: Vocabulary, table_no: int,
    header_at: tuple[int, int] | None = None,
) -> Table:
    """The table whose rows run from line index `start` to `end`: header zone, note column,
    columns, rows, then the table. `header_at` is the header of years above rows printed as
    paragraphs, when the table was found under one."""
    rows_below = years_as_labels(infos[start : end + 1])
    placed = PlacedNames(rows_below, column_count(rows_below), vocab)
    caption, between, header, pre = header_zone(infos, start, vocab, header_at, placed)
    tab = infos[start].is_tab
    if not tab:
        infos, caption, between, header = read_note_column(infos, start, end, vocab, caption, between, header)
    under_years = header_at is not None
    body = years_as_labels(infos[start : end + 1])
    columns = read_columns(body, caption, between, header, vocab, under_years, tab)
    if not tab and not under_years:
        body = [label_number(info, columns.n_cols) for info in body]
    span = infos[min([start] + [x.line_no - 1 for x in pre]) : end + 1]
    rows = read_rows(infos, body, pre, span, columns.n_cols, columns.stub, vocab, under_years)
    if not tab and not under_years:
        settle_rows(rows, {b.line_no: b for b in body}, columns.n_cols)
        place_running_sums(rows, columns.n_cols)
    mark_unlabelled_totals(rows)
    first_line = min([start + 1] + [p.line_no for p in pre] + [h.line_no for h in header[:1]])
    return _table(table_no, columns, header, rows, first_line, end + 1, "tab" if tab else "space", vocab)


def _table(
    table_no: int, columns: Columns, header: list[LineInfo], rows: list[Row], first_line: int, last_line: int,
    layout: str, vocab: Vocabulary,
) -> Table:
    """The table read: its caption (a tab header's stub when there is none), unit and kind."""
    caption = columns.caption.text.strip() if columns.caption else None
    if caption is None and header and header[-1].is_tab and columns.stub:
        caption = columns.stub
    if columns.caption is not None:
        first_line = min(first_line, columns.caption.line_no)
    unit = table_unit(caption, columns.stub, columns.headers, vocab)
    kind = table_kind(caption, columns.stub, columns.headers, rows, vocab, unit)
    # a footnote mark after a column's name ('Prognos 2025**') marks a note under the table
    headers = [_FOOTNOTE_MARK_RE.sub("", rejoin_word_breaks(h, vocab)) for h in columns.headers]
    if not headers:
        headers = [f"Kolumn {k + 1}" for k in range(columns.n_cols)]
    return Table(table_no, caption, unit, kind, first_line, last_line, columns.stub, headers, rows, layout)
