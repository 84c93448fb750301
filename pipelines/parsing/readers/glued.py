"""Tables whose cells are printed with no separator at all ('Servicenämnd673235').

Some text conversions drop the space between cells: a header prints as one run of words
('BokslutDelårsrapp jan-augAvvikelse'), a row as its label followed at once by its numbers, and
a whole table may stand on one line. The general facts this reader rests on:
- a column name starts where a capital letter follows a lower-case letter, a digit or a ')';
- a label ends where a digit (or a minus sign and a digit) follows a letter, ')', '%' or '.';
  its numbers run until the next letter, where the next row's label begins;
- in the run, a minus sign starts a number, a space separates thousands (followed by exactly
  three digits), and no number but 0 itself starts with 0;
- which cuts of the digits are the cells is settled by the relations the table's columns obey,
  learned over its rows, and by a total row (relations.py). Where they cannot settle a row, its
  cells are marked `ambiguous`, and the cut taken is the one whose numbers are nearest in size
  to their columns' other numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..classify import row_role, table_kind, table_unit
from ..lines import YEAR_RE
from ..model import Cell, Row, Table
from ..relations import Reading, Value, keep, learn, order_by_magnitude, settle_by_total
from ..vocabulary import Vocabulary

MAX_LABEL = 70  # a longer text before glued numbers is running text
MIN_ROWS = 3
MAX_COLUMNS = 10
MAX_READINGS = 5_000  # cuts of one run, at most
SIGNS = "-−–"
COLUMN_START_RE = re.compile(r"(?<=[a-zåäö0-9)])(?=[A-ZÅÄÖ])")
# two such places in a line (a capital letter right after a small one, a digit or ')'); the
# pairs cannot overlap, since a capital is none of the three
TWO_COLUMN_STARTS_RE = re.compile(r"[a-zåäö0-9)][A-ZÅÄÖ].*[a-zåäö0-9)][A-ZÅÄÖ]", re.DOTALL)


@dataclass
class GluedRow:
    line_no: int
    label: str
    run: str
    readings: list[Reading] = field(default_factory=list)


def header_pieces(text: str) -> list[str]:
    return [p.strip() for p in COLUMN_START_RE.split(text) if p.strip()]


def _names_columns(pieces: list[str], vocab: Vocabulary) -> bool:
    if len(pieces) < 3:
        return False
    named = sum(
        1 for p in pieces
        if any(vocab.is_header_word(w) or YEAR_RE.match(w.strip(".,:")) for w in re.split(r"[\s/]+", p))
    )
    return len(pieces) >= 3 and named >= 2


def _glue_point(text: str, start: int) -> int | None:
    for q in range(max(start, 1), len(text)):
        c = text[q]
        digit_here = c.isdigit() or (c in SIGNS and q + 1 < len(text) and text[q + 1].isdigit())
        if digit_here and (text[q - 1].isalpha() or text[q - 1] in ")%."):
            return q
    return None


def _run_end(text: str, q: int) -> int:
    k = q
    while k < len(text):
        c = text[k]
        if c.isdigit() or c in SIGNS or (c == "," and k + 1 < len(text) and text[k + 1].isdigit()):
            k += 1
        elif c == " " and k > q and text[k - 1].isdigit() and re.match(r"\d{3}", text[k + 1 : k + 4]):
            k += 1
        else:
            break
    return k


def glued_segments(text: str) -> list[tuple[str, str]]:
    """(label, run of numbers) for each label glued to its numbers, from the start of the text;
    the first label keeps all text before it (a header on the same line)."""
    out, pos = [], 0
    while pos < len(text):
        q = _glue_point(text, pos)
        if q is None:
            break
        end = _run_end(text, q)
        out.append((text[pos:q], text[q:end]))
        pos = end
    return out


def _number_at(run: str, pos: int, spaced: bool):
    """Every number that can start at pos: (text, end)."""
    k = pos + 1 if pos < len(run) and run[pos] in SIGNS else pos
    if k >= len(run) or not run[k].isdigit():
        return
    if run[k] == "0":
        ints = [k + 1]
    else:
        ints = []
        j = k
        while j < len(run) and run[j].isdigit() and (not spaced or j - k < 3):
            j += 1
            ints.append(j)
        if spaced:
            # thousands groups after a lead of one to three digits
            for lead_end in list(ints):
                e = lead_end
                while e + 4 <= len(run) and run[e] == " " and run[e + 1 : e + 4].isdigit():
                    e += 4
                    ints.append(e)
    for e in sorted(set(ints)):
        if e < len(run) and run[e] == " ":
            continue  # a space is inside a number, never between two
        yield run[pos:e], e
        if e + 1 < len(run) and run[e] == "," and run[e + 1].isdigit():
            for d in (1, 2):
                if e + 1 + d <= len(run) and run[e + 1 : e + 1 + d].isdigit():
                    end = e + 1 + d
                    if not (end < len(run) and run[end] == " "):
                        yield run[pos:end], end


def _value(text: str) -> Value:
    neg = text[:1] in SIGNS
    digits = text.lstrip(SIGNS).replace(" ", "")
    decimals = len(digits.split(",")[1]) if "," in digits else 0
    v = float(digits.replace(",", "."))
    return Value(text, -v if neg else v, decimals)


def cuts(run: str, n: int, spaced: bool) -> list[list[str]]:
    """Every way to cut the run into exactly n numbers."""
    out: list[list[str]] = []

    def walk(pos: int, acc: list[str]) -> None:
        if len(out) >= MAX_READINGS:
            return
        if pos == len(run):
            if len(acc) == n:
                out.append(list(acc))
            return
        if len(acc) == n:
            return
        for text, end in _number_at(run, pos, spaced):
            acc.append(text)
            walk(end, acc)
            acc.pop()

    walk(0, [])
    return out


def readings(run: str, n: int, spaced: bool) -> list[Reading]:
    """The run read as n cells, then as n − 1 cells and one cell left empty."""
    out = [tuple(_value(t) for t in c) for c in cuts(run, n, spaced)]
    for c in cuts(run, n - 1, spaced):
        vals = [_value(t) for t in c]
        for empty in range(n):
            out.append(tuple(vals[:empty] + [None] + vals[empty:]))
    return out


def _settle(rows: list[GluedRow], n: int, spaced: bool) -> tuple[list[list[Reading]], int]:
    options = [readings(r.run, n, spaced) for r in rows]
    relations = learn([[r for r in o if None not in r] for o in options], n)
    options = [keep(o, relations) for o in options]
    totals = [k for k, r in enumerate(rows) if row_role(r.label, True) == "total"]
    for t in totals:
        options = settle_by_total(options, t)
    settled = sum(1 for o in options if len(o) == 1)
    return options, settled + (len(rows) if relations else 0)


def _table(caption, headers, rows: list[GluedRow], n: int, vocab: Vocabulary, table_no: int) -> Table | None:
    spaced = any(" " in r.run for r in rows)
    best = None
    # every minus sign starts a number: a row has at least as many cells as it has signs
    fewest = max(max(sum(1 for j, ch in enumerate(r.run) if ch in SIGNS and j > 0) + 1 for r in rows), 2)
    for k in range(fewest, min(n, MAX_COLUMNS) + 1):
        options, score = _settle(rows, k, spaced)
        if sum(1 for o in options if o) >= MIN_ROWS and (best is None or score > best[1]):
            best = (k, score, options)
        if score == 2 * len(rows):
            break  # every row read one way, under learned relations: no wider reading needed
    if best is None:
        return None
    k, _, options = best
    options = order_by_magnitude(options)
    out_rows = []
    for r, opts in zip(rows, options):
        row = Row(len(out_rows) + 1, r.line_no, r.label, r.line_no, row_role(r.label, bool(opts)))
        row.placement = "split" if len(opts) == 1 else "ambiguous"
        for col, v in enumerate(opts[0] if opts else (), 1):
            if v is not None:
                row.cells.append(Cell(col, r.line_no, v.text, v.value, v.decimals))
        out_rows.append(row)
    stub, names = column_names(headers, k, vocab)
    unit = table_unit(caption, stub, names, vocab)
    kind = table_kind(caption, stub, names, out_rows, vocab, unit)
    lines = [r.line_no for r in rows]
    return Table(table_no, caption, unit, kind, min(lines), max(lines), stub, names, out_rows, "glued")


def _is_measure(piece: str, vocab: Vocabulary) -> bool:
    words = piece.split()
    return bool(words) and all(vocab.is_measure_word(w) for w in words)


def _groups(names: list[str], vocab: Vocabulary) -> list[list[int]]:
    """Columns under one upper header: a name printed again starts the next group ('Intäkter
    Kostnader Netto | Netto | Netto'); a column that names a measure of its own ('Avvikelse')
    belongs to none."""
    groups: list[list[int]] = []
    for k, name in enumerate(names):
        own = _is_measure(name, vocab) and not any(w.lower() in FLOW_WORDS for w in name.split())
        if own:
            continue
        if not groups or any(names[j] == name for j in groups[-1]):
            groups.append([])
        groups[-1].append(k)
    return groups


FLOW_WORDS = {"netto", "utgifter", "inkomster", "intäkter", "kostnader"}


def column_names(pieces: list[str], k: int, vocab: Vocabulary) -> tuple[str | None, list[str]]:
    """The last k header pieces name the columns; the pieces before them are upper headers:
    measures ('Utfall Prognos Budget') over groups of columns, one each, and periods ('Tertial
    jan-april 2025', 'Helår 2025') each over the groups to its right until the next."""
    if len(pieces) < k:
        return None, pieces + [f"Kolumn {j + 1}" for j in range(len(pieces), k)]
    upper, names = pieces[: len(pieces) - k], list(pieces[len(pieces) - k :])
    measures = [p for p in upper if _is_measure(p, vocab)]
    periods = [p for p in upper if YEAR_RE.search(p.split()[-1]) and p not in measures]
    groups = _groups(names, vocab)
    if measures and len(groups) == len(measures):
        for g, (cols, measure) in enumerate(zip(groups, measures)):
            period = periods[min(g, len(periods) - 1)] + " " if periods else ""
            for col in cols:
                names[col] = f"{period}{measure} {names[col]}"
        return None, names
    return " ".join(upper) or None, names


_YEAR_GLUED_RE = re.compile(r"(?<=\b(?:19|20)\d\d)(?=[A-ZÅÄÖ][a-zåäö]{2})")


def unglue_header(line: str, vocab: Vocabulary) -> str:
    """A header line whose column names run together ('Intäkter 2020Intäkter 2021Kostnader
    2020') above rows that are not glued: its names apart, for the line-by-line finder."""
    text = line.strip()
    if not TWO_COLUMN_STARTS_RE.search(text) or glued_segments(text):
        # two names a PDF set too close: a year run into the next name ('Budget 2025Prognos
        # 2025'), parted by a space where they meet, the rest of the line kept where it stands
        return _YEAR_GLUED_RE.sub(" ", line) if "20" in line or "19" in line else line
    pieces = header_pieces(text)
    return " ".join(pieces) if _names_columns(pieces, vocab) else line


def _is_row(label: str, run: str) -> bool:
    return 0 < len(label.strip()) <= MAX_LABEL and any(ch.isdigit() for ch in run)


def _one_line_table(line_no: int, text: str, vocab: Vocabulary):
    """A header and its rows on one line: the first label holds the header pieces."""
    segs = glued_segments(text)
    if len(segs) < MIN_ROWS:
        return None
    pieces = header_pieces(segs[0][0])
    if not _names_columns(pieces[:-1], vocab):
        return None
    head, first_label = pieces[:-1], pieces[-1]
    rows = [GluedRow(line_no, first_label, segs[0][1])]
    for label, run in segs[1:]:
        if not _is_row(label, run):
            break
        rows.append(GluedRow(line_no, label.strip(), run))
    caption = head[0] if head and table_unit(head[0], None, [], vocab) else None
    headers = head[1:] if caption else head
    return caption, headers, rows


def _rows_below(lines: list[str], i: int) -> list[GluedRow]:
    rows = []
    for k in range(i + 1, len(lines)):
        text = lines[k].strip()
        if not text:
            break
        segs = glued_segments(text)
        if len(segs) != 1 or "".join(segs[0]) != text or not _is_row(*segs[0]):
            break
        rows.append(GluedRow(k + 1, segs[0][0].strip(), segs[0][1]))
    return rows


def find(lines: list[str], vocab: Vocabulary) -> list[Table]:
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        found = None
        if text and "\t" not in text and TWO_COLUMN_STARTS_RE.search(text):
            one = _one_line_table(i + 1, text, vocab)
            if one is not None:
                found = one
            elif not glued_segments(text) and _names_columns(header_pieces(text), vocab):
                rows = _rows_below(lines, i)
                if len(rows) >= MIN_ROWS:
                    above = next((lines[k].strip() for k in range(i - 1, max(i - 3, -1), -1) if lines[k].strip()), None)
                    found = (above, header_pieces(text), rows)
        if found is not None:
            caption, headers, rows = found
            table = _table(caption, headers, rows, max(len(headers), 2), vocab, len(tables) + 1)
            if table is not None:
                table.first_line = min(table.first_line, i + 1)
                tables.append(table)
                i = table.last_line
                continue
        i += 1
    return tables
