"""Relations a table's columns obey, learned from its rows, and the readings they settle.

A row printed without clear separators can be read several ways: '1 146 823 -323' is 1 146 ·
823 · −323 or 1 · 146 823 · −323; 'Servicenämnd673235' is 67 · 32 · 35 or 6 · 73 · 235 … The
columns of a financial table obey relations whatever its layout: a net is revenues plus costs,
a deviation is budget minus outcome (or the reverse), a change is this year minus last year.
Such a relation holds on (nearly) every row, so the relation that the readings of most rows can
satisfy is learned from the table itself, and each row keeps the readings that satisfy it. A
total row that sums the rows above settles readings the relations leave tied.

Rounding-aware as the audit is: a number printed with d decimals stands for ±0.5·10^−d.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations, product

import numpy as np

MIN_SUPPORT = 3  # a relation is learned from at least this many rows …
MIN_SHARE = 0.75  # … and from at least this share of the rows that print its columns
MAX_COMBINATIONS = 20_000  # tied rows settled together by a total row, at most this many ways


@dataclass(frozen=True)
class Value:
    text: str  # as printed
    value: float
    decimals: int

    @classmethod
    def of(cls, cell) -> "Value":
        """A printed cell (raw_text, value, decimals) as a value."""
        return cls(cell.raw_text, cell.value, cell.decimals or 0)


Reading = tuple  # tuple[Value | None, ...]: one per column, None for an empty cell


def _tolerance(*values: Value) -> float:
    return sum(0.5 * 10 ** -v.decimals for v in values) + 1e-9


@dataclass(frozen=True)
class Relation:
    """values[target] = values[left] op values[right], op '+' or '-'."""

    target: int
    left: int
    right: int
    op: str

    @property
    def columns(self) -> frozenset[int]:
        return frozenset((self.target, self.left, self.right))

    def check(self, reading: Reading) -> bool | None:
        """Does the reading satisfy the relation (None: a cell it needs is empty)?"""
        t, a, b = reading[self.target], reading[self.left], reading[self.right]
        if t is None or a is None or b is None:
            return None
        expected = a.value + b.value if self.op == "+" else a.value - b.value
        return abs(t.value - expected) <= _tolerance(t, a, b)

    def describe(self, headers: list[str]) -> str:
        name = lambda k: headers[k] if k < len(headers) else f"Kolumn {k + 1}"  # noqa: E731
        return f"{name(self.target)} = {name(self.left)} {'+' if self.op == '+' else '−'} {name(self.right)}"


@lru_cache(maxsize=32)
def candidate_relations(n: int) -> tuple[Relation, ...]:
    out = []
    for t, a, b in permutations(range(n), 3):
        if a < b:
            out.append(Relation(t, a, b, "+"))
        out.append(Relation(t, a, b, "-"))
    return tuple(out)


def _arrays(opts: list[Reading], n: int) -> tuple[np.ndarray, np.ndarray]:
    """A row's readings as a matrix of values (NaN: empty) and one of half-tolerances."""
    values = np.full((len(opts), n), np.nan)
    tols = np.zeros((len(opts), n))
    for i, r in enumerate(opts):
        for j, v in enumerate(r[:n]):
            if v is not None:
                values[i, j] = v.value
                tols[i, j] = 0.5 * 10 ** -v.decimals
    return values, tols


@lru_cache(maxsize=32)
def _candidate_columns(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The candidate relations of n columns as arrays: targets, lefts, rights, and whether each
    adds (else subtracts)."""
    rels = candidate_relations(n)
    return (
        np.array([r.target for r in rels], dtype=np.intp), np.array([r.left for r in rels], dtype=np.intp),
        np.array([r.right for r in rels], dtype=np.intp), np.array([r.op == "+" for r in rels]),
    )


def _supports(values: np.ndarray, tols: np.ndarray, counts: list[int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """For every candidate relation of n columns at once: the rows some reading of which
    satisfies it, and the rows that print its columns. `counts` are the readings per row, in
    the order of the matrices' lines; rows without readings count for neither."""
    t, a, b, plus = _candidate_columns(n)
    with np.errstate(invalid="ignore"):
        other = np.where(plus, values[:, a] + values[:, b], values[:, a] - values[:, b])
        held = np.abs(values[:, t] - other) <= tols[:, t] + tols[:, a] + tols[:, b] + 1e-9
    printed = ~(np.isnan(values[:, t]) | np.isnan(values[:, a]) | np.isnan(values[:, b]))
    starts = np.cumsum([0] + [c for c in counts if c][:-1])
    # per row: does any of its readings satisfy (print) the relation's columns?
    held_rows = np.logical_or.reduceat(held, starts, axis=0)
    printed_rows = np.logical_or.reduceat(printed, starts, axis=0)
    return held_rows.sum(axis=0), printed_rows.sum(axis=0)


def _preference(relation: Relation) -> tuple:
    # ties: a result printed to the right of its parts, then difference before sum
    return (relation.target > max(relation.left, relation.right), relation.op == "-")


def learn(options: list[list[Reading]], n: int) -> list[Relation]:
    """The relations the rows' readings support, strongest first; each adds columns no
    relation learned before covers in the same way."""
    learned: list[Relation] = []
    current = options
    for _ in range(n):
        best, best_key = None, None
        flat = [r for opts in current for r in opts]
        if not flat:
            break
        values, tols = _arrays(flat, n)
        held, applicable = _supports(values, tols, [len(opts) for opts in current], n)
        for rel, h, app in zip(candidate_relations(n), held.tolist(), applicable.tolist()):
            if h < MIN_SUPPORT or h < MIN_SHARE * app or any(rel.columns == r.columns for r in learned):
                continue
            key = (h, _preference(rel))
            if best_key is None or key > best_key:
                best, best_key = rel, key
        if best is None:
            break
        learned.append(best)
        current = [keep(opts, [best]) for opts in current]
    return learned


def keep(opts: list[Reading], relations: list[Relation]) -> list[Reading]:
    """The readings that satisfy the most relations, and of those the ones with fewest empty
    cells (a cell is taken for empty only where the relations need it)."""
    if not opts:
        return opts
    scores = [(sum(bool(rel.check(r)) for rel in relations), -sum(v is None for v in r)) for r in opts]
    top = max(scores)
    return [r for r, s in zip(opts, scores) if s == top]


def settle_by_total(options: list[list[Reading]], total: int) -> list[list[Reading]]:
    """Rows still read several ways, above a total row (index `total`) that sums them:
    keep the combination under which the most columns add up to the total."""
    items = [i for i in range(total) if options[i]]
    if not options[total]:
        return options
    tied = [i for i in items + [total] if len(options[i]) > 1]
    if not tied:
        return options
    ways = 1
    for i in tied:
        ways *= len(options[i])
    if ways > MAX_COMBINATIONS:
        return options
    best, best_score = None, -1
    for combo in product(*(options[i] for i in tied)):
        chosen = {i: [r] for i, r in zip(tied, combo)}
        rows = [chosen.get(i, options[i])[0] for i in items + [total]]
        score = _columns_adding_up(rows[:-1], rows[-1])
        if score > best_score:
            best, best_score = chosen, score
    return [best.get(i, opts) for i, opts in enumerate(options)]


def _size(v: Value) -> float:
    return float(np.log10(max(abs(v.value), 1.0)))


def order_by_magnitude(options: list[list[Reading]]) -> list[list[Reading]]:
    """Rows still read several ways: their readings, likeliest first, by how near each cell's
    size (order of magnitude) is to its column's in the rows read one way (a column's numbers
    are of one size: no cut that gives one cell far more digits than the rest of its column)."""
    settled = [o[0] for o in options if len(o) == 1]
    if not settled:
        return options
    n = max(len(r) for r in settled)
    typical = []
    for col in range(n):
        sizes = [_size(r[col]) for r in settled if col < len(r) and r[col] is not None]
        typical.append(float(np.median(sizes)) if sizes else None)

    def distance(reading: Reading) -> float:
        return sum(abs(_size(v) - typical[c]) for c, v in enumerate(reading)
                   if v is not None and c < n and typical[c] is not None)

    return [sorted(o, key=distance) if len(o) > 1 else o for o in options]


def sums_to(parts: list[Value], total: Value) -> bool:
    """Do the printed parts add up to the printed total, within the rounding of them all?"""
    return abs(sum(p.value for p in parts) - total.value) <= _tolerance(total, *parts)


def _columns_adding_up(items: list[Reading], total: Reading) -> int:
    n = 0
    for col, t in enumerate(total):
        parts = [r[col] for r in items if col < len(r) and r[col] is not None]
        if t is not None and parts and sums_to(parts, t):
            n += 1
    return n
