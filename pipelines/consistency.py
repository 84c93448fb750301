"""How far a report's money tables agree with themselves, read from the extraction alone: the
relations the rows of each table obey (learned as the row reader learns them), the column
sums its total rows print, and the running subtotals of a statement (a row that is the
subtotal above it plus the rows between, in every column: 'Verksamhetens nettokostnader',
'Resultat efter finansiella poster'). A quick measure of quality on a report no one has
typed by hand; the identity audit (dbt + GX) is the full check."""
from __future__ import annotations

from dataclasses import dataclass

from .parsing.classify import FINANCIAL_KINDS
from .parsing.extract import Document
from .parsing.model import Table
from .parsing.relations import Value, learn, sums_to

MONEY_UNITS = {"mnkr", "mkr", "tkr", "kr"}
MIN_SUBTOTAL_COLUMNS = 2  # a running subtotal holds in at least this many columns


@dataclass
class Agreement:
    held: int = 0
    checked: int = 0

    def add(self, other: "Agreement") -> None:
        self.held += other.held
        self.checked += other.checked

    @property
    def share(self) -> float | None:
        return self.held / self.checked if self.checked else None


def _reading(row, n: int):
    cells = {c.col_no: c for c in row.cells if c.value is not None}
    return tuple(
        Value.of(cells[k]) if k in cells else None
        for k in range(1, n + 1)
    )


def _column_sums(table: Table, readings) -> Agreement:
    """Each total row against the item rows above it, back to the previous total."""
    out = Agreement()
    start = 0
    for i, row in enumerate(table.rows):
        if row.role != "total":
            continue
        items = [readings[k] for k in range(start, i) if table.rows[k].role == "item"]
        for col, total in enumerate(readings[i]):
            parts = [r[col] for r in items if r[col] is not None]
            if total is None or len(parts) < 2:
                continue
            out.checked += 1
            out.held += sums_to(parts, total)
        start = i + 1
    return out


def _running_subtotals(table: Table, readings) -> Agreement:
    """A row not marked as a total that is the previous subtotal (or the table's first rows)
    plus the item rows between ('varav' rows are parts of a row, not of the sum), in all its
    columns but at most one, and in at least two: a running subtotal, each of its columns one
    check."""
    out = Agreement()
    start = 0
    for i, row in enumerate(table.rows):
        if row.role == "total":
            start = i + 1
            continue
        above = [readings[k] for k in range(start, i) if table.rows[k].role == "item"]
        checks = [sums_to(parts, total) for parts, total in _column_parts(above, readings[i])]
        if len(checks) >= MIN_SUBTOTAL_COLUMNS and sum(checks) >= max(len(checks) - 1, MIN_SUBTOTAL_COLUMNS):
            out.checked += len(checks)
            out.held += sum(checks)
            start = i
    return out


def _column_parts(above, row):
    """Per column of `row`: the values of the rows above it and its own, where the rows above
    print two or more and not all of them are zero (zeros add up whatever the rows are)."""
    for col, total in enumerate(row):
        parts = [r[col] for r in above if r[col] is not None]
        if total is not None and len(parts) >= 2 and any(v.value != 0 for v in parts + [total]):
            yield parts, total


def table_agreement(table: Table) -> Agreement:
    n = len(table.headers)
    readings = [_reading(r, n) for r in table.rows]
    out = _column_sums(table, readings)
    out.add(_running_subtotals(table, readings))
    for relation in learn([[r] for r in readings], n) if n >= 3 else []:
        for r in readings:
            held = relation.check(r)
            if held is not None:
                out.checked += 1
                out.held += bool(held)
    return out


def document_agreement(doc: Document) -> Agreement:
    out = Agreement()
    for table in doc.tables:
        if table.kind in FINANCIAL_KINDS or table.unit in MONEY_UNITS:
            out.add(table_agreement(table))
    return out
