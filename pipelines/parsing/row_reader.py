"""Rows of space-separated numbers read the way the table's own relations confirm.

'1 146 823 -323' under three columns is 1 146 · 823 · −323 or 1 · 146 823 · −323: spaces
separate both cells and thousands. The fewest-cells reading (numbers.split_numbers) is right
most of the time; where the columns obey a relation that most rows of the table satisfy (a
change is this year minus last year, a net is revenues plus costs), a row whose reading breaks
it while another reading of its tokens keeps it is read that other way (relations.py).
"""
from __future__ import annotations

from .classify import to_cell
from .lines import LineInfo
from .model import Row
from .numbers import groupings, parse_number
from .relations import Reading, Value, keep, learn

MAX_COLUMNS = 8  # wider tables are lists of values, not columns bound by relations
MAX_READINGS = 200  # readings of one row, at most


def _reading(info: LineInfo, spans: list[tuple[int, int]]) -> tuple[Reading, list[str]] | None:
    texts = [info.text[info.spans[a][0] : info.spans[b][1]] for a, b in spans]
    values = []
    for t in texts:
        num = parse_number(t)
        if num is None or num.percent:
            return None
        values.append(Value(t, num.value, num.decimals))
    return tuple(values), texts


def _options(info: LineInfo, n: int) -> list[tuple[Reading, list[str]]]:
    out = []
    for spans in groupings(info.tokens, n, limit=MAX_READINGS, breaks=info.breaks):
        read = _reading(info, spans)
        if read is not None:
            out.append(read)
    return out


def settle_rows(rows: list[Row], by_line: dict[int, LineInfo], n_cols: int) -> None:
    """Re-read, in place, the rows whose printed reading breaks the relations the table's
    other rows confirm, where another reading of the same tokens keeps them."""
    if not 3 <= n_cols <= MAX_COLUMNS:
        return
    lines = [by_line.get(r.line_no) for r in rows]
    if not any(
        info is not None and info.tokens and len(r.cells) < n_cols and groupings(info.tokens, n_cols, limit=1, breaks=info.breaks)
        for r, info in zip(rows, lines)
    ):
        return  # no row reads as fewer cells than the columns while its tokens could fill them
    options = [
        _options(info, n_cols) if info is not None and info.tokens and not info.is_tab
        and all(c.line_no == r.line_no for c in r.cells) else []
        for r, info in zip(rows, lines)
    ]
    relations = learn([[o[0] for o in opts] for opts in options], n_cols)
    if not relations:
        return
    for row, opts in zip(rows, options):
        if not opts:
            continue
        current = tuple(Value.of(c) if c.value is not None else None
                        for c in sorted(row.cells, key=lambda c: c.col_no)) if len(row.cells) == n_cols else None
        readings = [o[0] for o in opts]
        best = keep(readings, relations)
        if current is not None and all(rel.check(current) is not False for rel in relations):
            continue  # the printed reading keeps the relations
        if len(best) != 1 or not all(rel.check(best[0]) for rel in relations):
            continue  # no other reading keeps them either, or several do
        texts = opts[readings.index(best[0])][1]
        row.cells = [to_cell(k + 1, row.line_no, t) for k, t in enumerate(texts)]
        row.placement = "split"
