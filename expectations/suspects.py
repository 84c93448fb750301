"""Which printed cell is most likely wrong, given which identities fail and which hold.

A cell that two or more failing identities share, and that no passing identity contains, is
the likely misprint. Where the failures do not single one out, the smallest printing error
that explains the difference is looked for: a sign lost or added, one digit changed, two
adjacent digits swapped. Plain pandas, no GX, no Dagster.
"""
from __future__ import annotations

from collections import Counter
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
    if (printed < 0) != (corrected < 0) and round(corrected, decimals) != 0 and printed != 0:
        return None
    a, b = _digits(printed, decimals), _digits(corrected, decimals)
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(diff) == 1:
            return "one digit"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "two digits swapped"
    elif abs(len(a) - len(b)) == 1:
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        for i in range(len(longer)):
            if longer[:i] + longer[i + 1 :] == shorter:
                return "a digit added or dropped"
    return None


def suspects(identities: pd.DataFrame, cells: dict[str, CellInfo]) -> pd.Series:
    """For each identity row (with `passed`, `cell_keys`, `reported`, `expected`, `rule`),
    the suspected cell of a failing identity as text, else None."""
    failed = identities["passed"].fillna(True) == False  # noqa: E712
    passed = identities["passed"].fillna(False) == True  # noqa: E712
    in_failed: Counter[str] = Counter()
    for keys in identities.loc[failed, "cell_keys"]:
        in_failed.update(set(keys))
    in_passed: set[str] = set()
    for keys in identities.loc[passed, "cell_keys"]:
        in_passed.update(keys)

    out: dict[int, str | None] = {}
    for idx, row in identities.loc[failed].iterrows():
        keys = list(row["cell_keys"])
        shared = [k for k in keys if in_failed[k] >= 2 and k not in in_passed]
        best = max((in_failed[k] for k in shared), default=0)
        top = [k for k in shared if in_failed[k] == best]
        if len(top) == 1:
            cell = cells.get(top[0])
            out[idx] = (
                f"{cell.describe()} (likely misprint: in {best} failing identities, in none that holds)"
                if cell else None
            )
            continue
        out[idx] = _smallest_error(row, keys, in_passed, cells)
    return pd.Series(out, index=identities.index, dtype=object)


def _smallest_error(row, keys: list[str], in_passed: set[str], cells: dict[str, CellInfo]) -> str | None:
    """A cell of this failing identity whose one printing error explains the difference."""
    difference = row["reported"] - row["expected"]
    rule = row["rule"]
    candidates = []
    for position, key in enumerate(keys):
        cell = cells.get(key)
        if cell is None or cell.value is None or key in in_passed:
            continue
        corrected = _corrected(rule, position, cell, row, difference)
        if corrected is None:
            continue
        kind = one_printing_error(cell.value, corrected, cell.decimals)
        if kind:
            candidates.append((cell, kind))
    if len(candidates) == 1:
        cell, kind = candidates[0]
        return f"{cell.describe()} (likely misprint: {kind})"
    reported = cells.get(keys[0])
    if reported is None:
        return None
    if candidates:
        names = "; ".join(c.describe() for c, _ in candidates)
        return f"{reported.describe()} or another cell ({names})"
    return f"{reported.describe()} or one of the {len(keys) - 1} cells it is compared with"


def _corrected(rule: str, position: int, cell: CellInfo, row, difference: float) -> float | None:
    """The value the cell would have if it alone were wrong, in the cell's own unit."""
    if position == 0:
        # the reported cell: it should print the expected value
        if rule in ("cross_table", "cross_report"):
            scale = row["reported"] / cell.value if cell.value else None
            return row["expected"] / scale if scale else None
        return row["expected"]
    if rule == "column_sum":
        return cell.value + difference
    if rule in ("cross_table", "cross_report"):
        scale = row["expected"] / cell.value if cell.value else None
        return row["reported"] / scale if scale else None
    # deviation, gross/net, investment net: the detail says how the part enters
    detail = str(row.get("detail") or "")
    sign = _part_sign(rule, position, detail)
    return cell.value + sign * difference if sign else None


def _part_sign(rule: str, position: int, detail: str) -> int | None:
    """How a part enters the expected value: +1 or −1 (expected = … + sign·part)."""
    convention = detail.split(":", 1)[0]
    if rule == "deviation":
        # net_cost: budget − outcome; result: outcome − budget. keys: [dev, outcome, budget]
        if convention == "net_cost":
            return {1: -1, 2: +1}.get(position)
        return {1: +1, 2: -1}.get(position)
    if rule == "gross_net":
        # keys: [net, costs, revenues]
        if convention == "net_cost":
            return {1: +1, 2: -1}.get(position)
        if convention == "result":
            return {1: -1, 2: +1}.get(position)
        return {1: +1, 2: +1}.get(position)
    if rule == "investment_net":
        # keys: [net, expenditure, income]; net = expenditure − income
        return {1: +1, 2: -1}.get(position)
    return None
