"""Tables whose cells are separated by tabs.

The general facts these rules rest on: each cell stands between two tabs, so a row's cells are
its columns in order; the header is one tab line of column names; it may be printed again
inside the table (after a page break, or above a block of rows with a caption of its own), as
a tab line whose every cell is a column name. A header printed again that names other columns
starts the next table.
"""
from __future__ import annotations

import re

from .lines import LineInfo, YEAR_RE, is_header_line
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
