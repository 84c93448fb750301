"""What the parser produces: tables of rows of value cells, each traced to its printed line."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cell:
    col_no: int
    line_no: int
    raw_text: str
    value: float | None
    decimals: int | None
    is_percent: bool = False
    footnote: str | None = None


@dataclass(slots=True)
class Row:
    row_no: int
    line_no: int
    label: str
    label_first_line: int
    role: str  # item | total | of_which | heading
    context: str = ""
    cells: list[Cell] = field(default_factory=list)
    placement: str = "full"  # full | gaps | neighbour | aligned | ambiguous …
    parent_heading: str | None = None  # the heading row this row sits under, if any


@dataclass(slots=True)
class Table:
    table_no: int
    caption: str | None
    unit: str | None
    kind: str
    first_line: int
    last_line: int
    stub_header: str | None
    headers: list[str]
    rows: list[Row]
    layout: str  # 'tab' | 'space'
    organisation: str | None = None  # the organisation of the report section the table is in
