"""Compare an extraction with a hand-written expected file (tests/expected/NNN.tsv)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .parsing.extract import Document


@dataclass
class ExpectedCell:
    line_no: int  # line of the row's label (or its values)
    kind: str
    label: str
    col_no: int
    raw_text: str
    value_line: int


@dataclass
class Comparison:
    expected: int = 0
    correct: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def read_expected(path: Path) -> list[ExpectedCell]:
    cells = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        line_no, kind, label, values = line.split("\t")
        for k, text in enumerate(values.split("|"), 1):
            if not text:
                continue
            raw, _, at = text.partition("@")
            cells.append(ExpectedCell(int(line_no), kind, label, k, raw, int(at) if at else int(line_no)))
    return cells


def compare(doc: Document, expected: list[ExpectedCell], kinds: set[str] | None = None) -> Comparison:
    """Cell by cell: the expected label, column and printed text at the expected line."""
    found = {}
    for t in doc.tables:
        for r in t.rows:
            for c in r.cells:
                found[(c.line_no, c.col_no)] = (t.kind, r.label, c.raw_text)
    result = Comparison()
    for e in expected:
        if kinds and e.kind not in kinds:
            continue
        result.expected += 1
        got = found.get((e.value_line, e.col_no))
        want = (e.kind, e.label, e.raw_text)
        if got == want:
            result.correct += 1
        else:
            result.problems.append(f"L{e.value_line} col {e.col_no}: expected {want}, got {got}")
    return result


def compare_values(doc: Document, expected: list[ExpectedCell]) -> Comparison:
    """Cell by cell, for reports of other layouts: the expected label and numeric value at the
    expected line and column, in a money table of any kind (a number split off a glued run may
    be printed with other spacing than the hand-typed text)."""
    from .parsing.numbers import parse_number

    def value(text: str):
        num = parse_number(text)
        return round(num.value, 6) if num is not None else text.strip()

    found: dict[tuple[int, int], list[tuple]] = {}
    for t in doc.tables:
        for r in t.rows:
            for c in r.cells:
                cell = (" ".join(r.label.split()), value(c.raw_text))
                found.setdefault((c.line_no, c.col_no), []).append(cell)  # rows may share a line
    result = Comparison()
    for e in expected:
        result.expected += 1
        got = found.get((e.value_line, e.col_no), [])
        want = (" ".join(e.label.split()), value(e.raw_text))
        if want in got:
            result.correct += 1
        else:
            result.problems.append(f"L{e.value_line} col {e.col_no}: expected {want}, got {got}")
    return result
