"""Column names read by where they are printed: a space header over rows laid out in columns.

The general facts these rules rest on:
- in text laid out in columns (a PDF's text, a report typed with spaces), a column's name is
  printed over its values: right-aligned, left-aligned or centred, the name overlaps the
  values' place or stands nearer to it than to any other column's;
- a name broken over two or three lines ('Budget' / '2024') is printed over the same column on
  each line, and a column whose name has no second line leaves a gap there: its neighbours'
  second lines stay over their own columns;
- the names are parted by a wide space (two spaces or more); the words of one name by one;
  so one line prints one piece over each column (two over one: the header names a column the
  rows leave blank, and the reading gives up);
- what is printed to the left of the first column's values, from the labels' margin, is the
  stub's ('Nämnd', 'Belopp i mnkr').

The place of each column's values is read from the rows that print one value per column, each
apart from the next by a wide space, when those rows are aligned (text whose rows each set their
own spaces, as a converter without layout writes it, gives no places). Where a piece of the header cannot be placed (it runs over
two columns: names printed one space apart, or a name over several columns; or it stands as near
to two), the reading gives up and the header is read by its words (header.segment_header).
"""
from __future__ import annotations

import re

from .lines import LineInfo
from .roles import is_row
from .settings import MAX_ALIGN_SLACK, MIN_CELL_GAP

_PIECE_RE = re.compile(r"\S+(?: \S+)*")  # words parted by single spaces: one piece of a header
STUB = -1


def names_by_position(header: list[str], body: list[LineInfo], n_cols: int) -> tuple[str, list[str]] | None:
    """The stub and the names of `n_cols` value columns, read from the header lines as
    printed (their spaces kept) over the rows of `body`; None when the places do not decide."""
    if n_cols < 2:
        return None
    places = _value_places(body, n_cols)
    if places is None:
        return None
    margin = _label_margin(body, places[0][0])
    lines = [line for line in header if line.strip()]
    stub: list[str] = []
    names: list[list[str]] = [[] for _ in range(n_cols)]
    for line in lines:
        named = set()
        for m in _PIECE_RE.finditer(line):
            col = _column_of(m.start(), m.end(), places, margin)
            if col is None or (col != STUB and col in named):
                return None  # undecided, or two names over one column: the rows print fewer
            named.add(col)
            (stub if col == STUB else names[col]).append(m.group())
    if not all(names):
        return None
    return " ".join(stub), [" ".join(words) for words in names]


def _value_places(body: list[LineInfo], n_cols: int) -> list[tuple[int, int]] | None:
    """Where each column's values are printed: from the first character any row prints in it
    to the last, over the rows that print n_cols values each apart by a wide space. None
    unless the rows are aligned: in each column the values start, or end, at one place, and
    each column's place ends before the next one's begins."""
    rows = [
        cells for info in body
        if not info.is_tab and info.spans and is_row(info)
        for cells in [_cells_apart(info)] if len(cells) == n_cols
    ]
    if not rows:
        return None
    places = []
    for column in zip(*rows):
        starts, ends = [s for s, _ in column], [e for _, e in column]
        if min(max(starts) - min(starts), max(ends) - min(ends)) > MAX_ALIGN_SLACK:
            return None
        places.append((min(starts), max(ends)))
    if any(e >= s for (_, e), (s, _) in zip(places, places[1:])):
        return None
    return places


def _cells_apart(info: LineInfo) -> list[tuple[int, int]]:
    """The places of a row's values, tokens one space apart kept together ('1 012,4')."""
    cells: list[tuple[int, int]] = []
    for (s, e), gap in zip(info.spans, info.gaps):
        if cells and gap < MIN_CELL_GAP:
            cells[-1] = (cells[-1][0], e)
        else:
            cells.append((s, e))
    return cells


def _label_margin(body: list[LineInfo], first_value: int) -> int:
    """Where the rows' labels begin: the stub's column."""
    starts = [len(i.text) - len(i.text.lstrip()) for i in body if i.label and not i.is_tab]
    return min(starts) if starts else first_value


def _column_of(start: int, end: int, places: list[tuple[int, int]], margin: int) -> int | None:
    """The column a header piece printed from `start` to `end` names: the column whose
    values it overlaps, else the nearest; STUB for a piece left of the values from the labels'
    margin; None when that is not decided."""
    over = [c for c, (s, e) in enumerate(places) if start < e and s < end]
    if start <= margin:
        return None if over else STUB
    if len(over) > 1:
        return None  # names run together ('Budget Plan'), or one name over several columns
    if over:
        return over[0]
    distances = sorted((max(s - end, start - e), c) for c, (s, e) in enumerate(places))
    if end <= places[0][0] and start - margin < distances[0][0]:
        return STUB  # nearer the labels' margin than the values
    if len(distances) > 1 and distances[0][0] == distances[1][0]:
        return None
    return distances[0][1]
