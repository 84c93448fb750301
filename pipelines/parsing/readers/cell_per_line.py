"""Tables printed one cell to a line (HTML exports, some PDF text): a label, then its cells.

The general facts this reader rests on:
- each cell is a line of its own and cells are separated by one blank line, so a run of k
  blank lines between two cells leaves k − 1 cells empty (an empty cell prints as a blank line);
- a cell may wrap onto the line below with no blank line between ('Budget' / '2021'), but a
  number never shares its cell with the line above or below;
- every row is a text cell (its label) followed by the same number of value cells, so that
  number is the one most rows show; a header of text cells comes before the first row, and
  its last cells name the value columns;
- under a header naming a note column ('Not'), the column whose cells are small integers or
  empty holds note references, not values;
- a converter sometimes puts two adjacent cells on one line: a line of numbers only is as many
  cells as it prints numbers;
- columns printed before the label (a row number, a status code 'P' / 'N') print in raw text
  order before the label too: a code of one or two letters, and the number just before it,
  are that row's stub cells, neither a label nor a value of the row above.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..classify import glued_unit, row_role, table_kind, table_unit, to_cell
from ..lines import YEAR_RE
from ..model import Cell, Row, Table
from ..relations import Value, learn
from ..numbers import is_marker, is_number_token, parse_number, split_numbers
from ..vocabulary import Vocabulary

MIN_ROWS = 3  # fewer label-and-values groups than this is no table
MIN_SPACED_SHARE = 0.6  # share of the region's cells that stand between blank lines
MAX_CELL_TEXT = 80  # a longer line is running text, not a cell
NOTE_RE = re.compile(r"^\d{1,2}[A-Za-z]?(?:,\s*\d{1,2})*$")
CODE_RE = re.compile(r"^[A-ZÅÄÖ]{1,2}$")  # a status or kind code printed in a column of its own


@dataclass
class PrintedCell:
    line_no: int
    text: str  # '' for an empty cell
    stub: bool = False  # a code or number printed before the row's label (its stub columns)
    inner: "PrintedCell | None" = None  # a number ending a line of a wrapped label
    parts: list[tuple[int, str]] = field(default_factory=list)  # the lines a text cell joins

    @property
    def is_value(self) -> bool:
        t = self.text.strip()
        return bool(t) and (parse_number(t) is not None or is_marker(t))


def _is_cell_line(text: str) -> bool:
    t = text.strip()
    if not t or len(t) > MAX_CELL_TEXT or "\t" in t:
        return False
    return parse_number(t) is not None or is_marker(t) or not re.search(r"\d[\d ]*[,.]\d", t)


def _regions(lines: list[str]) -> list[tuple[int, int]]:
    """Runs of lines (0-based, inclusive) made of cell lines and blank lines, where most cells
    stand between blank lines."""
    out, i = [], 0
    while i < len(lines):
        if not _is_cell_line(lines[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (not lines[j + 1].strip() or _is_cell_line(lines[j + 1])):
            j += 1
        while j > i and not lines[j].strip():
            j -= 1
        nonblank = [k for k in range(i, j + 1) if lines[k].strip()]
        spaced = sum(1 for a, b in zip(nonblank, nonblank[1:]) if b - a > 1)
        if len(nonblank) >= 2 * MIN_ROWS and spaced >= MIN_SPACED_SHARE * (len(nonblank) - 1):
            out.append((i, j))
        i = j + 1
    return out


def _numbers_only(text: str) -> list[str]:
    """The cells of a line that prints numbers only ('4 500 0' → '4 500', '0'), else []."""
    tokens = text.split()
    if len(tokens) < 2 or not all(is_number_token(t) for t in tokens):
        return []
    cells = split_numbers(tokens)
    return cells if len(cells) >= 2 else []


def _cells(lines: list[str], first: int, last: int) -> list[PrintedCell]:
    """The region as a sequence of cells, empty ones included."""
    cells: list[PrintedCell] = []
    blanks = 0
    for k in range(first, last + 1):
        text = lines[k].strip()
        if not text:
            blanks += 1
            continue
        prev = cells[-1] if cells else None
        cells.extend(PrintedCell(k + 1, "") for _ in range(max(blanks - 1, 0)))
        joins = (
            prev is not None and blanks == 0 and prev.text and not prev.is_value
            and (YEAR_RE.match(text) or (parse_number(text) is None and not is_marker(text)))
        )
        several = _numbers_only(text)
        if joins and not several:
            last = prev.text.split()[-1]
            if prev.inner is None and " " in prev.text and parse_number(last) is not None and not YEAR_RE.match(last):
                # a cell printed beside a label's first line ('… tillgängliggöran 400' / 'de …')
                prev.inner = PrintedCell(prev.line_no, last)
                prev.text = prev.text[: -len(last)].rstrip()
            prev.parts = prev.parts or [(prev.line_no, prev.text)]
            prev.parts.append((k + 1, text))
            prev.text = f"{prev.text} {text}"
        else:
            cells.extend(PrintedCell(k + 1, t) for t in several or [text])
        blanks = 0
    _mark_stubs(cells)
    return cells


def _mark_stubs(cells: list[PrintedCell]) -> None:
    """Codes before a label ('P', 'N') and the number just before such a code are stub cells."""
    for k, c in enumerate(cells):
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        if CODE_RE.match(c.text) and nxt is not None and nxt.text and not nxt.is_value:
            c.stub = True
            if k > 0 and cells[k - 1].is_value and NOTE_RE.match(cells[k - 1].text):
                cells[k - 1].stub = True


def _groups(cells: list[PrintedCell]) -> tuple[list[PrintedCell], list[tuple[PrintedCell, list[PrintedCell]]]]:
    """Header cells, then (label, cells after it) for every text cell followed by values."""
    label_at = [k for k, c in enumerate(cells) if c.text and not c.is_value and not c.stub]
    groups = []
    for a, b in zip(label_at, label_at[1:] + [len(cells)]):
        groups.append((cells[a], [c for c in cells[a + 1 : b] if not c.stub]))
    # years before the first row name columns; the first row prints a value that is no year
    first_row = next(
        (g for g, (_, after) in enumerate(groups)
         if any(c.is_value and not YEAR_RE.match(c.text) for c in after)),
        None,
    )
    if first_row is None:
        return cells, []
    header = [c for c in cells[: cells.index(groups[first_row][0])] if not c.stub]
    return header, groups[first_row:]


def _stacked_labels(label: PrintedCell, after: list[PrintedCell], n: int):
    """Labels of k rows printed one under another before all their values (raw text order):
    a label of several lines, each starting in upper case or with a code (a line in lower case
    goes on from the one above), followed by about k times the table's width of values. The
    values go in row order; a cell missing is placed where the relation the rows obey
    (a total row summing the ones above) holds in the most columns, and where that cannot
    tell, at the end of a row (a total left unprinted)."""
    labels: list[list[tuple[int, str]]] = []
    for line_no, text in label.parts:
        if labels and text[:1].islower():
            labels[-1].append((line_no, text))
        else:
            labels.append([(line_no, text)])
    k, values = len(labels), [c for c in after if c.text]
    if k < 2 or not (k * n - 1 <= len(values) <= k * n):
        return None
    cells = [PrintedCell(p[0][0], " ".join(t for _, t in p)) for p in labels]
    best, best_held = None, (-1, -1)
    for empty in range(k * n) if len(values) < k * n else [None]:
        slots = list(values)
        if empty is not None:
            slots.insert(empty, PrintedCell(values[0].line_no, ""))
        rows = [slots[r * n : (r + 1) * n] for r in range(k)]
        held = (_rows_relation_held(rows, n), (empty or 0) % n)
        if held > best_held:
            best, best_held = rows, held
    return list(zip(cells, best))


def _rows_relation_held(rows: list[list[PrintedCell]], n: int) -> int:
    """In how many columns the relation learned among the rows holds (0 if none is learned)."""
    def value(c: PrintedCell):
        num = parse_number(c.text) if c.text else None
        return Value(c.text, num.value, num.decimals) if num is not None else None

    columns = [tuple(value(r[col]) for r in rows) for col in range(n)]
    learned = learn([[c] for c in columns], len(rows))
    return sum(1 for c in columns for rel in learned[:1] if rel.check(c))


def _complete(groups, n: int):
    """Rows one cell short take the cell printed beside their label's first line, or a text
    cell in lower case printed after them ('årligen, löpande'), which is no label of its own;
    labels printed stacked above their values are rows of their own."""
    out = []
    for label, after in groups:
        stacked = _stacked_labels(label, after, n) if len(label.parts) > 1 and len(after) > n else None
        if stacked:
            out.extend(stacked)
            continue
        if out and not after and label.text[:1].islower() and len(out[-1][1]) == n - 1:
            out[-1][1].append(label)
            continue
        if len(after) == n - 1 and label.inner is not None:
            after = [label.inner] + after
        out.append((label, after))
    while out and not any(c.text for c in out[-1][1]):
        out.pop()  # text after the table's last row of values is not the table's
    return out


def _width(groups) -> int:
    """The number of cells after a label that most rows print."""
    counts = Counter(len(after) for _, after in groups if any(c.is_value for c in after))
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else 0


def _note_column(header: list[PrintedCell], groups, n: int, vocab: Vocabulary) -> bool:
    """The first cell after each label is a note reference."""
    if not any(vocab.is_note_word(w) for c in header for w in c.text.split()):
        return False
    firsts = [after[0].text.strip() for _, after in groups if after]
    return all(not t or NOTE_RE.match(t) for t in firsts)


def _split_pairs(text: str, vocab: Vocabulary) -> list[str]:
    """Two column names wrapped into one cell ('Budget Plan 2027 2028'): as many measure words
    as years, paired in order ('Budget 2027', 'Plan 2028')."""
    words = text.split()
    measures = [w for w in words if vocab.is_measure_word(w)]
    years = [w for w in words if YEAR_RE.match(w)]
    if len(measures) >= 2 and len(measures) == len(years) == len(words) // 2 and len(words) % 2 == 0:
        return [f"{m} {y}" for m, y in zip(measures, years)]
    return [text]


def _header_names(header: list[PrintedCell], n: int, vocab: Vocabulary) -> tuple[str | None, list[str], str | None]:
    """Caption, one name per value column (the last n header cells), and the rest (stub)."""
    texts = [t for c in header if c.text for t in _split_pairs(c.text, vocab)]
    names = texts[-n:] if len(texts) >= n else [f"Kolumn {k + 1}" for k in range(n)]
    if not any(YEAR_RE.search(x) or re.search(r"[A-Za-zÅÄÖåäö]", x) for x in names):
        names = [f"Kolumn {k + 1}" for k in range(n)]
    rest = texts[: len(texts) - n] if len(texts) >= n else texts
    caption = rest[0] if rest else None
    stub = " ".join(rest[1:]) or None
    return caption, names, stub


def read_region(lines: list[str], first: int, last: int, vocab: Vocabulary, table_no: int) -> Table | None:
    header, groups = _groups(_cells(lines, first, last))
    n = _width(groups)
    groups = _complete(groups, n)
    valued = [after for _, after in groups if any(c.is_value for c in after)]
    if n < 1 or sum(len(a) == n for a in valued) < max(MIN_ROWS, MIN_SPACED_SHARE * len(valued)):
        return None
    skip_note = _note_column(header, groups, n, vocab)
    header = [c for c in header if not any(vocab.is_note_word(w) for w in c.text.split())]
    n_values = n - 1 if skip_note else n
    caption, names, stub = _header_names(header, n, vocab)
    if skip_note:
        names = names[1:]
    rows: list[Row] = []
    for label, after in groups:
        after = after[1:] if skip_note else after
        row = Row(len(rows) + 1, label.line_no, label.text, label.line_no, row_role(label.text, bool(after)))
        row.placement = "full" if len(after) == n_values else "ambiguous"
        for col, c in enumerate(after[:n_values], 1):
            cell = to_cell(col, c.line_no, c.text) if c.text else None
            if cell is None and c.text:
                cell = Cell(col, c.line_no, c.text, None, None)  # a value printed in words
            if cell is not None:
                row.cells.append(cell)
        rows.append(row)
    if sum(len(r.cells) for r in rows) < 2 * MIN_ROWS:
        return None
    unit = table_unit(caption, stub, names, vocab) or glued_unit(" ".join(c.text for c in header), vocab)
    kind = table_kind(caption, stub, names, rows, vocab, unit)
    first_line = header[0].line_no if header else rows[0].line_no
    last_line = max(c.line_no for r in rows for c in r.cells)
    return Table(table_no, caption, unit, kind, first_line, last_line, stub, names, rows, "cell_per_line")


def find(lines: list[str], vocab: Vocabulary) -> list[Table]:
    tables = []
    for first, last in _regions(lines):
        table = read_region(lines, first, last, vocab, len(tables) + 1)
        if table is not None:
            tables.append(table)
    return tables
