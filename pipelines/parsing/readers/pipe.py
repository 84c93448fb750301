"""Markdown pipe tables, as common PDF-to-text converters write them.

    | Verksamhet | Bokslut 2020 | Budget 2020 |
    |---|---:|---:|
    | Råd & Stöd | 13 550 | 6 000 |

The general facts this reader rests on: a table is a run of lines that begin with '|'; the line
of dashes under the first line ends the header; the first cell of a row is its label and the
others its values; '<br>' breaks a line inside a cell. Converters often stack all column names
in one header cell ('Belopp tkr<br>Budget<br>Utfall'): a header whose non-empty cells are fewer
than the value columns, but whose pieces are as many, names one column a piece.
"""
from __future__ import annotations

import re

from ..classify import row_role, table_kind, table_unit, to_cell
from ..model import Row, Table
from ..numbers import parse_number
from ..vocabulary import Vocabulary

SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
MIN_ROWS = 2
MAX_CAPTION = 120  # a longer line above the table is running text


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in text.split("|")]


def _plain(cell: str) -> str:
    return " ".join(BREAK_RE.sub(" ", cell).replace("**", "").split())


def _column_names(header: list[str], n: int) -> tuple[str | None, list[str]]:
    """Stub header and one name per value column."""
    names = [_plain(c) for c in header[1 : n + 1]]
    named = [c for c in header if c.strip()]
    if len(named) == 1 and sum(1 for x in names if x) < n:
        pieces = [_plain(p) for p in BREAK_RE.split(named[0]) if p.strip()]
        if len(pieces) in (n, n + 1):
            stub = pieces[0] if len(pieces) == n + 1 else None
            return stub, pieces[-n:]
    names += [""] * (n - len(names))
    return _plain(header[0]) or None, [x or f"Kolumn {k + 1}" for k, x in enumerate(names)]


def _value_text(cell: str) -> str:
    """A cell's value as printed: '<br>' pieces are the lines of one cell; the number is the
    piece that reads as one ('7 972<br>(tkr)' → '7 972')."""
    pieces = [p.strip() for p in BREAK_RE.split(cell) if p.strip()]
    numbers = [p for p in pieces if parse_number(p) is not None]
    return numbers[0] if len(numbers) == 1 else _plain(cell)


def _read(lines: list[str], first: int, last: int, vocab: Vocabulary, table_no: int) -> Table | None:
    """Lines first..last (0-based) of one pipe table."""
    block = list(range(first, last + 1))
    sep = next((k for k in block if SEPARATOR_RE.match(lines[k].strip())), None)
    header = _cells(lines[block[0]]) if sep == block[0] + 1 else []
    body = [k for k in block if k != sep and (sep is None or k > sep)]
    n = max((len(_cells(lines[k])) - 1 for k in body), default=0)
    if n < 1 or len(body) < MIN_ROWS:
        return None
    stub, names = _column_names(header, n) if header else (None, [f"Kolumn {k + 1}" for k in range(n)])
    rows: list[Row] = []
    for k in body:
        cells = _cells(lines[k])
        label = _plain(cells[0])
        row = Row(len(rows) + 1, k + 1, label, k + 1, "heading")
        for col, text in enumerate(cells[1 : n + 1], 1):
            cell = to_cell(col, k + 1, _value_text(text)) if text else None
            if cell is not None:
                row.cells.append(cell)
        row.role = row_role(label, bool(row.cells))
        rows.append(row)
    if not any(r.cells for r in rows):
        return None
    above = next((lines[j].strip() for j in range(first - 1, max(first - 3, -1), -1) if lines[j].strip()), None)
    caption = _plain(above) if above and len(above) <= MAX_CAPTION else None
    unit = table_unit(caption, stub, names, vocab)
    kind = table_kind(caption, stub, names, rows, vocab, unit)
    return Table(table_no, caption, unit, kind, first + 1, last + 1, stub, names, rows, "pipe")


def find(lines: list[str], vocab: Vocabulary) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("|"):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and lines[j + 1].lstrip().startswith("|"):
            j += 1
        table = _read(lines, i, j, vocab, len(tables) + 1)
        if table is not None:
            tables.append(table)
        i = j + 1
    return tables
