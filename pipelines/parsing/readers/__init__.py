"""Readers of table layouts the line-by-line table finder does not read (see tables.py for
rows of space- or tab-separated cells). Each reader finds its own tables in the lines of a
report and reads them into the common model (model.py)."""
from __future__ import annotations

from ..model import Table
from ..vocabulary import Vocabulary
from . import cell_per_line, glued, pipe

READERS = (pipe, glued, cell_per_line)


def find_layout_tables(lines: list[str], vocab: Vocabulary) -> tuple[list[Table], set[int]]:
    """The tables every reader finds, the first reader to claim a line keeping it; and the
    line numbers they cover."""
    found: list[Table] = []
    taken: set[int] = set()
    for reader in READERS:
        for table in reader.find(lines, vocab):
            span = set(range(table.first_line, table.last_line + 1))
            if not span & taken:
                found.append(table)
                taken |= span
    return found, taken
