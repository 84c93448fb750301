"""Swedish number grammar: read one printed cell, and split a run of space-separated
number tokens into cells (where thousands are also separated by spaces)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

MINUS_SIGNS = "-−–"

# Non-numeric markers that stand in a value cell: "no outcome" and its spellings; a dash of any
# width (a typeset report's em or figure dash) and '..' (statistics' "not available")
MARKER_RE = re.compile(r"^(i\.?\s?u\.?|i,\.u|iu|x|-|–|−|—|‒|\.\.)$", re.IGNORECASE)

_NUMBER_RE = re.compile(
    r"""^(?P<lead>[¹²³⁴⁵⁶⁷⁸⁹]|\d(?=[≥≤]))?  # a footnote printed before a comparator: '8≥77'
        (?P<cmp>≥|≤±|≤|<±|>|<|±|max\s|min\s)?\s*
        (?P<sign>[+\-−–])?\s?
        (?P<int>\d{1,3}(?:[ \u00a0\u2007\u2009\u202f]\d{3})+|\d+)  # thousands: a space, no-break, figure or thin space
        (?:[,.](?P<dec>\d+))?
        (?P<tsign>[-−](?=\s|%|$))?  # a minus after the number: ledger printouts ('9 450-')
        \s?(?:(?P<pct>%)|(?P<kr>kr|kronor)\b)?  # a percentage; an amount in kronor ('1 250 kr')
        (?P<foot>[*¹²³⁴⁵⁶⁷⁸⁹⁰]*)$""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A printed number: its value, the decimals printed, whether it carried '%'."""

    value: float
    decimals: int
    percent: bool = False
    comparator: str | None = None
    footnote: str | None = None


@lru_cache(maxsize=65_536)
def parse_number(text: str) -> Number | None:
    """Read one printed cell as a Swedish number, or None if it is not one.

    Accepts `564,8`, `1 686`, `- 20 347`, `−3`, `12.5`, `65,9%`, `+1,0 %`, `≥4,0`;
    a trailing footnote marker (`24*`, `2,17 ²`) is kept apart from the value.
    """
    s = text.strip().replace("\u00a0", " ")
    if not s:
        return None
    m = _NUMBER_RE.match(s)
    if not m:
        # footnote separated by a space: "2,17 ²"
        m2 = re.match(r"^(.*?)\s+([*¹²³⁴⁵⁶⁷⁸⁹⁰]+)$", s)
        if m2:
            inner = parse_number(m2.group(1))
            if inner is not None:
                return Number(inner.value, inner.decimals, inner.percent, inner.comparator, m2.group(2))
        return None
    digits = re.sub(r"\D", "", m.group("int"))
    dec = m.group("dec") or ""
    if m.group("tsign") and not _trailing_minus(m.group("int"), dec, m.group("sign")):
        return None
    # '12.500' with a dot and three digits is still a decimal here: the reports print
    # thousands with spaces only.
    value = float(f"{digits}.{dec}" if dec else digits)
    if m.group("sign") and m.group("sign") in MINUS_SIGNS or m.group("tsign"):
        value = -value
    cmp_ = (m.group("cmp") or "").strip() or None
    return Number(value, len(dec), bool(m.group("pct")), cmp_, m.group("foot") or m.group("lead") or None)


def _trailing_minus(integer: str, dec: str, sign: str | None) -> bool:
    """A minus printed after a number makes it negative (as ledger printouts print it: '9 450-',
    '2,4-') when the number is an amount: decimals, thousands, or three digits that are no year;
    not after a sign of its own, nor after a word's number ('60-' of '60- och 70-talet')."""
    if sign:
        return False
    digits = re.sub(r"\D", "", integer)
    if not dec and integer.isdigit() and re.match(r"(19|20)\d\d$", integer):
        return False  # a year's hyphen: '1990-talet' broken over two lines
    return bool(dec) or len(digits) >= 3


@lru_cache(maxsize=65_536)
def is_marker(text: str) -> bool:
    """True for a non-numeric marker printed in a value cell (`I.U.`, `i.u`, `IU`, `-`, `X`)."""
    s = text.strip().rstrip("*")
    return bool(MARKER_RE.match(s))


def leading_marker(text: str) -> bool:
    """True for a cell that starts with a marker followed by a note (`I.U. Kan rapporteras …`)."""
    first = text.strip().split(" ")[0] if text.strip() else ""
    return is_marker(first) and first not in "-–−"


# ---------------------------------------------------------------------------
# Splitting a run of tokens: "1 686 182 1 688 129" -> ["1 686 182", "1 688 129"]

_TOKEN_RE = re.compile(
    r"^(?:[¹²³⁴⁵⁶⁷⁸⁹]?(?:≥|≤±|≤)|\d(?:≥|≤±|≤)|<±|>|<|±)?[+\-−–]?\d+(?:[,.]\d+)?(?:%|kr|kronor)?[*¹²³⁴⁵⁶⁷⁸⁹⁰]*$"
)
# an amount with its minus after it ('450-', '2,4-', '1 200-' in its last group)
_TRAILING_MINUS_RE = re.compile(r"^\d+(?:[,.]\d+)?[-−]$")


@lru_cache(maxsize=65_536)
def is_number_token(tok: str) -> bool:
    if _TRAILING_MINUS_RE.match(tok):
        return parse_number(tok) is not None or bool(_GROUP_RE.match(tok))
    return bool(_TOKEN_RE.match(tok))


_GROUP_RE = re.compile(r"^\d{3}(?:[,.]\d+)?[-−]?(?:%|kr|kronor)?[*¹²³⁴⁵⁶⁷⁸⁹⁰]*$")
_LEAD_RE = re.compile(r"^(?:≥|≤|<|>)?[+\-−–]?[1-9]\d{0,2}$")
_THREE_DIGITS_RE = re.compile(r"^\d{3}$")
_NON_DIGIT_RE = re.compile(r"\D")
_LEADING_ZERO_RE = re.compile(r"^0\d")


def _can_continue(tok: str) -> bool:
    """A token that may be a thousands group of the number before it."""
    return bool(_GROUP_RE.match(tok))


def _can_lead(tok: str) -> bool:
    """A token that may start a number having thousands groups after it."""
    return bool(_LEAD_RE.match(tok))


def _chunks(tokens: list[str], breaks: tuple[int, ...] = ()) -> list[list[str]]:
    """Group tokens into the longest plausible numbers (fewest cells); a token in `breaks`
    (printed after a wide space) starts a number of its own."""
    chunks: list[list[str]] = []
    for k, tok in enumerate(tokens):
        if chunks and k not in breaks:
            last = chunks[-1]
            if (
                _can_lead(last[0])
                and all(_THREE_DIGITS_RE.match(t) for t in last[1:])
                and _can_continue(tok)
            ):
                last.append(tok)
                continue
        chunks.append([tok])
    return chunks


group_thousands = _chunks  # public name: the fewest-cells grouping, token lists per cell


def _digits(chunk: list[str]) -> int:
    return sum(len(_NON_DIGIT_RE.sub("", t)) for t in chunk)


def split_numbers(tokens: list[str], expected: int | None = None, any_split: bool = False,
                  breaks: tuple[int, ...] = ()) -> list[str]:
    """Split whitespace tokens of numbers into printed cells (_split_numbers; a row's tokens
    are split several times while its table is read, so each split is kept). `breaks`: the
    tokens printed after a wide space (LineInfo.breaks), which no number continues into."""
    return list(_split_numbers(tuple(tokens), expected, any_split, tuple(breaks)))


@lru_cache(maxsize=65_536)
def _split_numbers(tokens: tuple[str, ...], expected: int | None, any_split: bool,
                   breaks: tuple[int, ...] = ()) -> tuple[str, ...]:
    """Split whitespace tokens of numbers into printed cells.

    The fewest-cells reading is taken, unless the table has more columns than that
    and a chunk is implausibly long (four or more groups) or made only of 3-digit
    groups: then such chunks are split where the digit counts become most even. With
    `any_split` (the row's spacing shows no blank cell), any chunk may be split to reach
    exactly the expected count.
    """
    chunks = _chunks(tokens, breaks)
    if expected is None or len(chunks) >= expected:
        return tuple(" ".join(c) for c in chunks)
    need = expected - len(chunks)
    # candidate split points, between groups: inside chunks of four or more groups
    # (>= 10^9, implausible here) or chunks made of 3-digit groups only ("235 240")
    points = [
        (ci, k)
        for ci, c in enumerate(chunks)
        if len(c) >= 4 or (len(c) >= 2 and (any_split or len(_NON_DIGIT_RE.sub("", c[0])) == 3))
        for k in range(1, len(c))
        if not _LEADING_ZERO_RE.match(c[k])
    ]
    digits = {t: _digits([t]) for c in chunks for t in c}
    best: list[list[str]] | None = None
    best_score = None
    for n in range(min(need, len(points)), 0, -1):
        for combo in combinations(points, n):
            parts: list[list[str]] = []
            for ci, c in enumerate(chunks):
                cuts = sorted(k for cj, k in combo if cj == ci)
                prev = 0
                for k in cuts:
                    parts.append(c[prev:k])
                    prev = k
                parts.append(c[prev:])
            if any(len(p) >= 4 for p in parts):
                continue
            d = [sum(digits[t] for t in p) for p in parts]
            score = max(d) - min(d)
            if best_score is None or score < best_score:
                best, best_score = parts, score
        if best is not None:
            break
    if best is not None and any_split and len(best) != expected:
        best = None
    if best is None:
        return tuple(" ".join(c) for c in chunks)
    return tuple(" ".join(c) for c in best)


def groupings(tokens: list[str], n: int, limit: int = 2_000, breaks: tuple[int, ...] = ()) -> list[list[tuple[int, int]]]:
    """Every way to read the tokens as exactly n cells, each a (first, last) token span: a cell
    is one token, or a lead of one to three digits and thousands groups of three after it
    (none printed after a wide space: a token in `breaks` starts a cell)."""
    out: list[list[tuple[int, int]]] = []

    def walk(i: int, acc: list[tuple[int, int]]) -> None:
        if len(out) >= limit or len(acc) > n:
            return
        if i == len(tokens):
            if len(acc) == n:
                out.append(list(acc))
            return
        j = i
        while True:
            acc.append((i, j))
            walk(j + 1, acc)
            acc.pop()
            if not (_can_lead(tokens[i]) and j + 1 < len(tokens) and j + 1 not in breaks and _can_continue(tokens[j + 1])
                    and all(_THREE_DIGITS_RE.match(t) for t in tokens[i + 1 : j + 1])):
                break
            j += 1

    walk(0, [])
    return out
