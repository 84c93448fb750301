"""A corpus of N realistic reports for the benchmark, made deterministically from the five
default reports in data/raw (`rapportlager bench generate --n N --seed S --out DIR`).

What is varied, and nothing else:
- Reports come in groups of five (one of each default report, in order): a group is one
  made-up municipality. Every report of a group gets the same three changes, so that figures one
  report reprints from another still agree.
- The municipality's name: 'Linköping' (and its forms: Linköpings, Linköpingsbor …) becomes
  another Swedish municipality's name, only in lines outside the tables the parser finds.
- The years: every year 1990–2049 in the text (prose, headers, captions) moves by the group's
  shift (−2 … +2); the printed cells themselves are not years and are left to the next rule.
  Periods therefore move by whole years (a 'per den 31 augusti' report stays at 31 August).
- The numbers: every plain numeric cell (integers and decimals, with or without a sign or a
  space as thousands separator) of every table in money (a unit: tkr, mnkr …) is multiplied by the group's integer factor (1, 2 or
  3) and printed in the same style with the same decimals. An integer factor keeps every linear
  identity exact (sums, budget − outcome, gross − revenues, cross-table and cross-report
  agreements): no re-rounding. Indicator, personnel and volume tables, percentages, ranges
  ('≥5'), footnoted values ('12*') and text cells are left as printed. A wider number takes spaces from the gap on its left (at least two
  stay), so the columns of space-aligned (PDF text) tables keep their alignment; tab-separated
  tables keep their tabs. Where that still moves a cell to another column (the parser is the
  judge: each default report is read back once per factor), that report is written with its
  numbers unchanged (factor 1) in the groups of that factor: 000 (Kommunstyrelsen, delårsrapport)
  at factors 2 and 3, one investment table's column placement.
The layouts are those of the five defaults (tab-separated and space-aligned PDF text); no layout
is invented. Texts are otherwise identical, so every generated report is one of five shapes:
this measures scale (more reports), not variety.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..parsing import extract_document
from ..parsing.text import decode_report, split_lines
from ..settings import REPO_ROOT

DEFAULT_SOURCES = REPO_ROOT / "data" / "raw"
ORIGINAL_NAME = "Linköping"
# Swedish municipality names (a data file); those whose genitive is the name + 's' are used
NAMES = (REPO_ROOT / "data" / "bench" / "municipalities.txt").read_text(encoding="utf-8").splitlines()
NAMES = [n for n in NAMES if not n.endswith(("s", "x", "z")) and n != ORIGINAL_NAME]
SHIFTS = (-2, -1, 0, 1, 2)
FACTORS = (1, 2, 3)
YEAR = re.compile(r"\b(19[9]\d|20[0-4]\d)\b")
# a plain number as printed: optional sign, digits with optional space grouping, optional decimals
PLAIN = re.compile(r"^(?P<sign>[-−–]?)(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:(?P<dec>[,.])(?P<frac>\d+))?$")


@dataclass(frozen=True)
class Variant:
    """One municipality of the corpus: its name, its year shift and its number factor."""
    name: str
    shift: int
    factor: int


def variants(groups: int, seed: int) -> list[Variant]:
    """`groups` distinct (name, shift) pairs, each with a factor, in an order fixed by the seed
    (distinct pairs: no two reports share a text, which the pipeline would load once)."""
    pairs = [(n, s) for n in NAMES for s in SHIFTS]
    if groups > len(pairs):
        raise ValueError(f"at most {len(pairs) * 5} reports (distinct texts) can be generated")
    rng = random.Random(seed)
    rng.shuffle(pairs)
    return [Variant(n, s, rng.choice(FACTORS)) for n, s in pairs[:groups]]


def scale_text(raw: str, factor: int) -> str | None:
    """The cell's text multiplied by `factor`, printed in the same style (None: not a plain number)."""
    m = PLAIN.match(raw)
    if m is None:
        return None
    digits = m["int"].replace(" ", "") + (("." + m["frac"]) if m["frac"] else "")
    value = Decimal(digits) * factor
    decimals = len(m["frac"] or "")
    text = f"{value:,.{decimals}f}" if " " in m["int"] else f"{value:.{decimals}f}"
    text = text.replace(",", " ")
    if m["dec"]:
        text = text.replace(".", m["dec"]) if m["dec"] == "," else text
    return m["sign"] + text


@dataclass
class Source:
    """A default report read once: its lines, the lines inside tables, and its cells' places."""
    name: str
    lines: list[str]
    table_lines: set[int]
    cells: dict[int, list[tuple[str, bool]]]  # line number → (raw text, to scale) of its cells, in order


def read_source(path: Path) -> Source:
    data = path.read_bytes()
    lines = split_lines(decode_report(data))
    doc = extract_document(path.name, data)
    table_lines, cells = set(), {}
    for t in doc.tables:
        table_lines.update(range(t.first_line, t.last_line + 1))
        for r in t.rows:
            for c in sorted(r.cells, key=lambda c: c.col_no):
                cells.setdefault(c.line_no, []).append((c.raw_text, t.unit is not None and not c.is_percent))
    return Source(path.name, lines, table_lines, cells)


def _whole(line: str, at: int, end: int) -> bool:
    """line[at:end] is a token of its own (not part of a longer number or word; markup may wrap it)."""
    before = line[at - 1] if at > 0 else " "
    after = line[end] if end < len(line) else " "
    return not (before.isalnum() or before in ",.") and not (after.isalnum() or after in ",.%")


def _new_text(raw: str, scale: bool, factor: int) -> str:
    return (scale_text(raw, factor) if scale and factor != 1 else None) or raw


def _scale_line(line: str, raws: list[tuple[str, bool]], factor: int) -> str:
    """Multiply the line's cells (found left to right) in place, keeping right edges aligned."""
    pos = 0
    for raw, scale in raws:
        at = line.find(raw, pos)
        while at >= 0 and not _whole(line, at, at + len(raw)):
            at = line.find(raw, at + 1)
        if at < 0:
            continue
        end = at + len(raw)
        new = _new_text(raw, scale, factor)
        if new == raw:
            pos = end
            continue
        grow = len(new) - len(raw)
        start = at
        if grow > 0:
            gap = len(line[:at]) - len(line[:at].rstrip(" "))
            take = max(0, min(grow, gap - 2))
            start = at - take
        line = line[:start] + new + line[end:]
        pos = start + len(new)
    return line


def _shift_years(text: str, shift: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group()) + shift), text) if shift else text


def render(source: Source, variant: Variant) -> str:
    out = []
    for no, line in enumerate(source.lines, 1):
        raws = source.cells.get(no)
        if raws:
            # years outside the cells move; the cells are scaled (a cell is never a shifted year)
            pieces, pos = [], 0
            scaled = _scale_line(line, raws, variant.factor)
            # shift years only in the text between cells: mask the cells' own texts
            masked = scaled
            for raw, scale in raws:
                new = _new_text(raw, scale, variant.factor)
                k = masked.find(new, pos)
                if k >= 0:
                    pieces.append(_shift_years(masked[pos:k], variant.shift) + new)
                    pos = k + len(new)
            pieces.append(_shift_years(masked[pos:], variant.shift))
            line = "".join(pieces)
        else:
            line = _shift_years(line, variant.shift)
            if no not in source.table_lines:
                line = line.replace(ORIGINAL_NAME, variant.name)
        out.append(line)
    return "\n".join(out)


def generate(n: int, seed: int, out: Path, sources: Path = DEFAULT_SOURCES) -> list[Path]:
    """Write n reports to `out` (created; existing generated files are replaced); their paths."""
    paths = sorted(sources.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"{sources} holds no report (*.txt)")
    read = [read_source(p) for p in paths]
    out.mkdir(parents=True, exist_ok=True)
    groups = variants(-(-n // len(read)), seed)
    faithful: dict[tuple[str, int], bool] = {}
    written = []
    for i in range(n):
        variant, source = groups[i // len(read)], read[i % len(read)]
        key = (source.name, variant.factor)
        if key not in faithful:
            text = render(source, Variant(ORIGINAL_NAME, 0, variant.factor))
            faithful[key] = not check(text.encode(), paths[i % len(read)], variant.factor)
        if not faithful[key]:
            variant = Variant(variant.name, variant.shift, 1)
        slug = re.sub(r"[^a-z0-9]+", "-", variant.name.lower().translate(str.maketrans("åäöé", "aaoe")))
        target = out / f"{i:05d}_{Path(source.name).stem[:3]}_{slug}{variant.shift:+d}x{variant.factor}.txt"
        target.write_text(render(source, variant), encoding="utf-8")
        written.append(target)
    return written


def check(generated: bytes, source: Path, factor: int, name: str = "generated") -> list[str]:
    """Differences between a generated report as the parser reads it and its source: the same
    tables, rows and cells, every plain number × factor. Empty when the variant is faithful."""
    a = extract_document(source.name, source.read_bytes())
    b = extract_document(name, generated)
    problems = []
    if len(a.tables) != len(b.tables):
        return [f"{name}: {len(b.tables)} tables, its source {len(a.tables)}"]
    for ta, tb in zip(a.tables, b.tables):
        ca = [(r.row_no, c.col_no, c.raw_text, c.value, c.is_percent) for r in ta.rows for c in r.cells]
        cb = [(r.row_no, c.col_no, c.raw_text, c.value) for r in tb.rows for c in r.cells]
        if len(ca) != len(cb):
            problems.append(f"{name} table {ta.table_no}: {len(cb)} cells, its source {len(ca)}")
            continue
        for x, y in zip(ca, cb):
            scaled = scale_text(x[2], factor) is not None and ta.unit is not None and not x[4]
            want = x[3] * factor if (scaled and x[3] is not None) else x[3]
            if x[:2] != y[:2] or (want is None) != (y[3] is None) or (want is not None and abs(want - y[3]) > 1e-6 * max(1, abs(want))):
                problems.append(f"{name} table {ta.table_no} row {x[0]} col {x[1]}: {y[2]!r}, source {x[2]!r} × {factor}")
    return problems
