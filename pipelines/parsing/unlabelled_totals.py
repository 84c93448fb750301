"""A total row printed without a label.

A table may print the total of its items as a row of values and no label ('9 045 9 810 765'
under the areas of a region's budget). The general fact: the row right under items that prints,
in every column it fills (two at least), the sum of the items above it (back to the total before
them) is their total, whatever its label says or does not say.
"""
from __future__ import annotations

from .model import Row
from .relations import Value, sums_to

MIN_ITEMS = 2  # rows: fewer items above make any row their "sum"


def mark_unlabelled_totals(rows: list[Row]) -> None:
    """In place: an item row with no label whose every value is the sum of the items above it
    becomes a total row."""
    start = 0
    for k, row in enumerate(rows):
        if row.role == "total":
            start = k + 1
            continue
        if row.role != "item" or row.label.strip() or row.context or len(row.cells) < 2:
            continue
        items = [r for r in rows[start:k] if r.role == "item"]
        if len(items) >= MIN_ITEMS and all(_sum_of(items, cell) for cell in row.cells):
            row.role = "total"
            start = k + 1


def _sum_of(items: list[Row], cell) -> bool:
    if cell.value is None or cell.is_percent:
        return False
    parts = [c for r in items for c in r.cells if c.col_no == cell.col_no]
    if not parts or any(c.value is None or c.is_percent for c in parts):
        return False
    return sums_to([Value.of(c) for c in parts], Value.of(cell))
