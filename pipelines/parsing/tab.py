"""Tables whose cells are separated by tabs.

The general facts these rules rest on: each cell stands between two tabs, so a row's cells are
its columns in order; the header is one tab line of column names; it may be printed again
inside the table (after a page break, or above a block of rows with a caption of its own), as
a tab line whose every cell is a column name. A header printed again that names other columns
starts the next table.
"""
from __future__ import annotations

import re

from .classify import to_cell
from .lines import LineInfo, YEAR_RE, is_compound_value, is_header_line
from .model import Cell
from .settings import MIN_REPEATED_HEADER_CELLS, TAB_HEADER_REACH
from .vocabulary import Vocabulary


def repeats_header(info: LineInfo, vocab: Vocabulary) -> bool:
    """A tab row whose value cells are all column names ('2022', 'Augusti 2024', 'Riktning
    2025', '2023 januari-juli'): the header printed again, not a row."""
    cells = [c for c in info.cells if c.strip()]
    if not info.is_tab or len(cells) < MIN_REPEATED_HEADER_CELLS:
        return False
    for cell in cells:
        words = [w for w in re.split(r"[\s\-/]+", cell.strip()) if w]
        if not words or not all(YEAR_RE.match(w) or vocab.is_header_word(w) for w in words):
            return False
    return True


def tab_header_above(infos: list[LineInfo], start: int, vocab: Vocabulary) -> LineInfo | None:
    """The tab header line just above a table's first row, if there is one."""
    for k in range(start - 1, max(start - 1 - TAB_HEADER_REACH, -1), -1):
        if infos[k].is_tab and is_header_line(infos[k], vocab):
            return infos[k]
    return None


def same_columns(repeated: LineInfo, header: LineInfo | None) -> bool:
    """Does a header printed again name the table's own columns (all of them, or the first
    ones)? With no header to compare with, it is taken for the same."""
    if header is None:
        return True
    a = [c.strip() for c in repeated.cells if c.strip()]
    b = [c.strip() for c in header.cells if c.strip()]
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def tab_header_names(line: LineInfo, n_cols: int) -> tuple[str | None, list[str]]:
    """The stub and the column names of a tab header line: its last n_cols cells name the
    value columns (all but the first when it has no more), the cells before them the stub."""
    cells = [c.strip() for c in line.text.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    headers = cells[-n_cols:] if len(cells) > n_cols else cells[1:]
    stub = " ".join(c for c in cells[: len(cells) - len(headers)] if c) or None
    return stub, headers


def with_tab_groups(upper: LineInfo, lower: LineInfo, stub: str | None, headers: list[str]) -> tuple[str | None, list[str]]:
    """The names of a tab header under a line of group names, as a spreadsheet's merged cells
    print them: a group's name in the cell of its first column, the cells of the others empty;
    it heads each column from its own to the next group's ('Januari–augusti' over 'Utfall',
    'Budget', 'Avvikelse'). The upper line's first cell adds to the stub ('Mnkr')."""
    up = [c.strip() for c in upper.text.split("\t")]
    low = [c.strip() for c in lower.text.split("\t")]
    while low and not low[-1]:
        low.pop()
    first = len(low) - len(headers)  # the cell of the first column's name
    named: list[str] = []
    group = ""
    for k in range(1, len(low)):
        if k < len(up) and up[k]:
            group = up[k]
        if k >= first:
            named.append(f"{group} {low[k]}".strip() if group else low[k])
    top = up[0] if up else ""
    stub = " ".join(x for x in (top, stub or "") if x) or None
    return stub, named if len(named) == len(headers) else headers


def tab_cells(info: LineInfo, n_cols: int) -> list[Cell]:
    """The value cells of a tab row, in its first n_cols columns; a value printed with words
    is kept as printed, with no number."""
    cells = []
    for k, c in enumerate(info.cells[:n_cols]):
        cell = to_cell(k + 1, info.line_no, c)
        if cell is None and is_compound_value(c):
            cell = Cell(k + 1, info.line_no, c.strip(), None, None)
        if cell:
            cells.append(cell)
    return cells
