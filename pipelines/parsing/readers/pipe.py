"""Tables drawn with cell borders: markdown pipe tables, as common PDF-to-text converters write
them, and grid tables drawn with '+---+' or box-drawing lines (HTML and text-mode exports).

    | Verksamhet | Bokslut 2020 | Budget 2020 |        +--------------+-------------+
    |---|---:|---:|                                  | Verksamhet   | Budget 2025 |
    | Råd & Stöd | 13 550 | 6 000 |                  +==============+=============+
                                                     | Tandvård     |      −412,8 |

The general facts this reader rests on: a table is a run of lines that begin with '|' (or '│'),
and of border lines drawn between them (only '-', '=', '+' and box-drawing characters); the
line of dashes under the first line ends a markdown header; the first cell of a row is its
label and the others its values; '<br>' breaks a line inside a cell. In a grid, the lines
between two borders are one row whose cells wrap ('Läkarbesök i' / 'primärvården'), and the
first such row, before any value, is the header. Converters often stack all column names in
one header cell ('Belopp tkr<br>Budget<br>Utfall'): a header whose non-empty cells are fewer
than the value columns, but whose pieces are as many, names one column a piece.
"""
from __future__ import annotations

import re

from ..classify import row_role, table_kind, table_unit, to_cell
from ..model import Row, Table
from ..numbers import parse_number
from ..settings import SENTENCE_WORDS
from ..vocabulary import Vocabulary

SEPARATOR_RE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
# a border line of a grid: rule characters only, a run of three at least
BORDER_RE = re.compile(r"^[+\-=:|\u2500-\u257f\s]*[-=\u2500\u2501\u2550]{3,}[+\-=:|\u2500-\u257f\s]*$")
BARS = "|\u2502\u2503\u2551"  # a cell's border: '|', box-drawing verticals
BREAK_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
MIN_ROWS = 2
MAX_CAPTION = 120  # a longer line above the table is running text


def _cells(line: str) -> list[str]:
    text = _bars(line.strip())
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in text.split("|")]


def _bars(text: str) -> str:
    """Box-drawing verticals as '|'."""
    return text.translate({ord(c): "|" for c in BARS[1:]})


def _is_border(line: str) -> bool:
    return bool(BORDER_RE.match(line.strip()))


def _starts_row(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and first in BARS


def _grid_rows(lines: list[str], block: list[int]) -> list[tuple[int, list[str]]]:
    """A grid's rows: the lines between two borders, each cell's lines joined; a row is
    numbered by its first line."""
    rows: list[tuple[int, list[str]]] = []
    group: list[int] = []
    for k in block + [None]:
        if k is not None and not _is_border(lines[k]):
            group.append(k)
            continue
        if group:
            parts = [_cells(lines[g]) for g in group]
            width = max(len(p) for p in parts)
            cells = [" ".join(p[c] for p in parts if c < len(p) and p[c]) for c in range(width)]
            rows.append((group[0], cells))
        group = []
    return rows


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


def _has_value(cells: list[str]) -> bool:
    return any(parse_number(_value_text(c)) is not None for c in cells[1:] if c)


def _read(lines: list[str], first: int, last: int, vocab: Vocabulary, table_no: int) -> Table | None:
    """Lines first..last (0-based) of one pipe or grid table."""
    block = list(range(first, last + 1))
    inner = [k for k in block if _is_border(lines[k]) and not SEPARATOR_RE.match(lines[k].strip())]
    if inner:
        # a grid: rows between borders, the first before any value the header
        grid = _grid_rows(lines, block)
        header = grid[0][1] if grid and not _has_value(grid[0][1]) else []
        logical = grid[1:] if header else grid
    else:
        sep = next((k for k in block if SEPARATOR_RE.match(lines[k].strip())), None)
        header = _cells(lines[block[0]]) if sep == block[0] + 1 else []
        logical = [(k, _cells(lines[k])) for k in block if k != sep and (sep is None or k > sep)]
    n = max((len(cells) - 1 for _, cells in logical), default=0)
    if n < 1 or len(logical) < MIN_ROWS:
        return None
    stub, names = _column_names(header, n) if header else (None, [f"Kolumn {k + 1}" for k in range(n)])
    rows: list[Row] = []
    for k, cells in logical:
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
    # a short line above is the caption; a sentence is running text
    sentence = above is not None and above.endswith(".") and len(above.split()) >= SENTENCE_WORDS
    caption = _plain(above) if above and len(above) <= MAX_CAPTION and not sentence else None
    unit = table_unit(caption, stub, names, vocab)
    kind = table_kind(caption, stub, names, rows, vocab, unit)
    return Table(table_no, caption, unit, kind, first + 1, last + 1, stub, names, rows, "pipe")


def find(lines: list[str], vocab: Vocabulary) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not (_starts_row(lines[i]) or _is_border(lines[i]) and i + 1 < len(lines) and _starts_row(lines[i + 1])):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (_starts_row(lines[j + 1]) or _is_border(lines[j + 1])):
            j += 1
        table = _read(lines, i, j, vocab, len(tables) + 1)
        if table is not None:
            tables.append(table)
        i = j + 1
    return tables
