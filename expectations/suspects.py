"""Which printed cell is most likely wrong, given which identities fail and which hold.

A cell that two or more failing identities share, and that no passing identity contains, is
the likely misprint. Where the failures do not single one out, the smallest printing error
that explains the difference is looked for: a sign lost or added, one digit changed, two
adjacent digits swapped. Plain pandas, no GX, no Dagster.
"""
from __future__ import annotations

import gc
import math
from dataclasses import dataclass
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
    page_no: int | None = None  # None for a text printed without pages

    def describe(self) -> str:
        page = f" page {self.page_no}" if self.page_no is not None else ""
        return (
            f"{self.source_file}{page} line {self.line_no}: '{self.row_label}' / "
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


def suspects(identities: pd.DataFrame, cells: dict[str, CellInfo]) -> pd.Series:
    """_suspects() with Python's cycle collector paused: it allocates hundreds of thousands of
    small objects and makes no cycles, and each collection walks the caller's whole heap (with
    97 000 identities: 1.5 s with collections, 0.9 s without)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _suspects(identities, cells)
    finally:
        if collecting:
            gc.enable()


def _suspects(identities: pd.DataFrame, cells: dict[str, CellInfo]) -> pd.Series:
    """For each identity row (with `passed`, `difference`, `tolerance`, `cell_keys` and
    `cell_coefs`: difference = Σ coef·value), the suspected cell of a failing identity as text.

    Each cell of a failing identity is tried as the one wrong number: the correction that makes
    this identity hold is applied to every identity the cell is in. The cell whose correction
    makes the most failing identities hold and breaks none that hold is the suspect; a tie is
    broken by the correction being one printing error (sign, one digit, two digits swapped)."""
    # the columns used, as plain lists (faster to walk than the frame's rows)
    rows = [(index, passed, difference, tolerance, list(keys), list(coefs))
            for index, passed, difference, tolerance, keys, coefs, judged in zip(
                identities.index.tolist(), identities["passed"].tolist(), identities["difference"].tolist(),
                identities["tolerance"].tolist(), identities["cell_keys"].tolist(), identities["cell_coefs"].tolist(),
                identities["passed"].notna().tolist())
            if judged]
    failing = [r for r in rows if not bool(r[1])]
    # the cells a failing identity holds: the only ones tried as the wrong number
    tried = {key for r in failing for key in r[4]}
    state = {}
    by_cell: dict[str, list[tuple[int, float]]] = {}
    for index, passed, difference, tolerance, keys, coefs in rows:
        state[index] = (bool(passed), float(difference), float(tolerance))
        for key, coef in zip(keys, coefs):
            if key in tried:
                by_cell.setdefault(key, []).append((index, float(coef)))
    # the other numbers of a tried cell's row and of its column
    row_values: dict[str, list[tuple[str, float]]] = {}
    col_values: dict[str, list[tuple[str, float]]] = {}
    for key, cell in cells.items():
        if cell.value is not None:
            document, table, row, col = key.split("|")
            row_values.setdefault(f"{document}|{table}|{row}", []).append((key, cell.value))
            col_values.setdefault(f"{document}|{table}|{col}", []).append((key, cell.value))
    neighbour_logs: dict[str, list[float]] = {}  # per tried cell, worked out once

    out: dict[int, str | None] = {}
    for index, _, difference, _, keys, coefs in failing:
        scored = []
        for key, coef in zip(keys, coefs):
            cell = cells.get(key)
            if not coef or cell is None or cell.value is None:
                continue
            delta = -float(difference) / float(coef)
            fixed = broken = 0
            for other, other_coef in by_cell.get(key, []):
                passed, other_difference, tolerance = state[other]
                holds = round(abs(other_difference + other_coef * delta), 6) <= round(tolerance, 6)
                if not passed and holds:
                    fixed += 1
                elif passed and not holds:
                    broken += 1
            error = one_printing_error(cell.value, cell.value + delta, cell.decimals)
            if key not in neighbour_logs:
                # the other cells of its row and column (equal numbers too: a 0 among zeros fits)
                document, table, row, col = key.split("|")
                neighbours = [v for k, v in row_values.get(f"{document}|{table}|{row}", []) if k != key]
                neighbours += [v for k, v in col_values.get(f"{document}|{table}|{col}", []) if k != key]
                neighbour_logs[key] = [_slog(v) for v in neighbours]
            closer = _closer_to_row(cell.value, cell.value + delta, neighbour_logs[key])
            scored.append((fixed - broken, fixed, broken, error, cell, closer))
        out[index] = _verdict(scored, cells.get(keys[0]))
    return pd.Series(out, index=identities.index, dtype=object)


def _closer_to_row(printed: float, corrected: float, logs: list[float]) -> float:
    """How much nearer the corrected number is to the row's other numbers than the printed one
    (in orders of magnitude, sign included; `logs`: those numbers' _slog); 0 when the row gives
    no hint."""
    if not logs:
        return 0.0

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
