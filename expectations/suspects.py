"""Which printed cell is most likely wrong, given which identities fail and which hold.

A cell that two or more failing identities share, and that no passing identity contains, is
the likely misprint. Where the failures do not single one out, the smallest printing error
that explains the difference is looked for: a sign lost or added, one digit changed, two
adjacent digits swapped. Plain pandas, no GX, no Dagster.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd


@dataclass(frozen=True)
class CellInfo:
    key: str
    source_file: str
    line_no: int
    row_label: str
    column_header: str | None
    raw_text: str
    value: float | None
    decimals: int | None

    def describe(self) -> str:
        return (
            f"{self.source_file} line {self.line_no}: '{self.row_label}' / "
            f"'{self.column_header or ''}' printed {self.raw_text}"
        )


def _digits(value: float, decimals: int) -> str:
    return f"{abs(value):.{max(decimals, 0)}f}".replace(".", "")


def one_printing_error(printed: float, corrected: float, decimals: int | None) -> str | None:
    """Name the single printing error that turns `corrected` into `printed`, if there is one."""
    if decimals is None:
        return None
    if round(abs(printed + corrected), max(decimals, 0) + 1) == 0 and printed != 0:
        return "sign"
    if (printed < 0) != (corrected < 0) and round(corrected, decimals) != 0:
        return None  # a changed digit and a lost or added minus: two errors ('0' for -9)
    a, b = _digits(printed, decimals), _digits(corrected, decimals)
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) == 1:
            return "one digit"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "two digits swapped"
    return None


class Row(NamedTuple):
    Index: object
    passed: object
    difference: float
    tolerance: float
    cell_keys: object
    cell_coefs: object


def suspects(identities: pd.DataFrame, cells: dict[str, CellInfo]) -> pd.Series:
    """For each identity row (with `passed`, `difference`, `tolerance`, `cell_keys` and
    `cell_coefs`: difference = Σ coef·value), the suspected cell of a failing identity as text.

    Each cell of a failing identity is tried as the one wrong number: the correction that makes
    this identity hold is applied to every identity the cell is in. The cell whose correction
    makes the most failing identities hold and breaks none that hold is the suspect; a tie is
    broken by the correction being one printing error (sign, one digit, two digits swapped)."""
    # the columns used, as plain lists (faster to walk than the frame's rows)
    rows = [Row(*values) for values in zip(
        identities.index.tolist(), identities["passed"].tolist(), identities["difference"].tolist(),
        identities["tolerance"].tolist(), identities["cell_keys"].tolist(), identities["cell_coefs"].tolist())]
    # the other numbers of a cell's row and of its column
    row_values: dict[str, list[tuple[str, float]]] = {}
    col_values: dict[str, list[tuple[str, float]]] = {}
    for key, cell in cells.items():
        if cell.value is not None:
            document, table, row, col = key.split("|")
            row_values.setdefault(f"{document}|{table}|{row}", []).append((key, cell.value))
            col_values.setdefault(f"{document}|{table}|{col}", []).append((key, cell.value))
    state = {}
    by_cell: dict[str, list[tuple[int, float]]] = {}
    for r in rows:
        if pd.isna(r.passed):
            continue
        state[r.Index] = (bool(r.passed), float(r.difference), float(r.tolerance))
        for key, coef in zip(list(r.cell_keys), list(r.cell_coefs)):
            by_cell.setdefault(key, []).append((r.Index, float(coef)))

    out: dict[int, str | None] = {}
    for r in rows:
        if pd.isna(r.passed) or bool(r.passed):
            continue
        scored = []
        for key, coef in zip(list(r.cell_keys), list(r.cell_coefs)):
            cell = cells.get(key)
            if not coef or cell is None or cell.value is None:
                continue
            delta = -float(r.difference) / float(coef)
            fixed = broken = 0
            for other, other_coef in by_cell.get(key, []):
                passed, difference, tolerance = state[other]
                holds = round(abs(difference + other_coef * delta), 6) <= round(tolerance, 6)
                if not passed and holds:
                    fixed += 1
                elif passed and not holds:
                    broken += 1
            error = one_printing_error(cell.value, cell.value + delta, cell.decimals)
            document, table, row, col = key.split("|")
            # the other cells of its row and column (equal numbers too: a 0 among zeros fits)
            neighbours = [v for k, v in row_values.get(f"{document}|{table}|{row}", []) if k != key]
            neighbours += [v for k, v in col_values.get(f"{document}|{table}|{col}", []) if k != key]
            closer = _closer_to_row(cell.value, cell.value + delta, neighbours)
            scored.append((fixed - broken, fixed, broken, error, cell, closer))
        out[r.Index] = _verdict(scored, cells.get(list(r.cell_keys)[0]))
    return pd.Series(out, index=identities.index, dtype=object)


def _closer_to_row(printed: float, corrected: float, row: list[float]) -> float:
    """How much nearer the corrected number is to the row's other numbers than the printed one
    (in orders of magnitude, sign included); 0 when the row gives no hint."""
    if not row:
        return 0.0
    logs = [_slog(p) for p in row]

    def distance(x: float) -> float:
        at = _slog(x)
        return min(abs(at - p) for p in logs)

    return distance(printed) - distance(corrected)


def _slog(x: float) -> float:
    return math.copysign(math.log10(1 + abs(x)), x)


def _verdict(scored, reported: CellInfo | None) -> str | None:
    if not scored:
        return reported.describe() if reported else None
    best = max(s[0] for s in scored)
    top = [s for s in scored if s[0] == best]
    if len(top) > 1:
        with_error = [s for s in top if s[3]]
        if with_error:
            top = with_error
    by_row = False
    if len(top) > 1:
        # still tied: the correction that brings a number nearest the numbers of its row and
        # column, clearly more than any other correction does
        ranked = sorted(top, key=lambda s: -s[5])
        if ranked[0][5] > 0.05 and ranked[1][5] < ranked[0][5] / 3:
            top, by_row = ranked[:1], True
    if len(top) == 1 and best >= 1:
        score, fixed, broken, error, cell, _ = top[0]
        why = f"correcting it makes {fixed} failing identit{'y' if fixed == 1 else 'ies'} hold and breaks none"
        if error:
            why += f"; the difference is one printing error ({error})"
        if by_row:
            why += "; the corrected number fits the numbers of its row and column"
        return f"{cell.describe()} (likely misprint: {why})"
    names = "; ".join(s[4].describe() for s in top[:6])
    more = f" and {len(top) - 6} more" if len(top) > 6 else ""
    return f"one of: {names}{more}"
