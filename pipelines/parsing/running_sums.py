"""Single values under a total row, placed in the column whose sum they carry on.

A table often ends with a total and then a few rows of one value each that adjust it: 'varav
finansiering från statsbidrag −414', then 'Summa 9 396'. Such a row says nothing of its column
by its spaces; but the last of them is the total above plus the adjustments between, and that
holds in one column only: the column they all stand in.
"""
from __future__ import annotations

from dataclasses import replace

from .model import Row
from .relations import Value, sums_to


def place_running_sums(rows: list[Row], n_cols: int) -> None:
    """In place: the longest run of two or more rows of one ambiguously placed value, right
    after a row that fills every column, moves to the one column where the run's last value is
    the filled row's value plus the others."""
    k = 0
    while k < len(rows):
        run = _run_after(rows, k, n_cols)
        full = {c.col_no: Value.of(c) for c in rows[k].cells} if run else {}
        for m in range(len(run), 1, -1):  # the longest run that carries the sum on
            parts, total = [Value.of(r.cells[0]) for r in run[: m - 1]], Value.of(run[m - 1].cells[0])
            cols = [col for col, v in full.items() if sums_to([v] + parts, total)]
            if len(cols) == 1:
                for row in run[:m]:
                    row.cells = [replace(row.cells[0], col_no=cols[0])]
                    row.placement = "running_sum"
                break
        k += 1 + len(run)


def _run_after(rows: list[Row], k: int, n_cols: int) -> list[Row]:
    """The rows of one ambiguously placed value each that follow rows[k], if it fills every column."""
    if len(rows[k].cells) != n_cols or n_cols < 2 or any(c.value is None or c.is_percent for c in rows[k].cells):
        return []
    run = []
    for row in rows[k + 1:]:
        if len(row.cells) != 1 or row.placement != "ambiguous" or row.cells[0].value is None or row.cells[0].is_percent:
            break
        run.append(row)
    return run
