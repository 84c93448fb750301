"""What a printed thing is: a cell's value, a row's role, a table's unit and kind."""
from __future__ import annotations

import re
from collections import Counter

from .model import Cell, Row
from .numbers import is_marker, leading_marker, parse_number
from .vocabulary import Vocabulary

FINANCIAL_KINDS = ("key_figures", "operating_statement", "investments")


_OF_WHICH_RE = re.compile(r"^[-–−•]?\s*(?:varav|därav)\b")
_BULLET_RE = re.compile(r"^[-–−•]\s+\w")
_TOTAL_RE = re.compile(r"^(summa|totalt|total summa)\b|\btotalt$")  # 'Nämnderna totalt' too


def _word_re(word: str) -> re.Pattern:
    return _WORD_RES.get(word) or _WORD_RES.setdefault(word, re.compile(rf"(?<![\w]){re.escape(word)}(?![\w])"))


_WORD_RES: dict[str, re.Pattern] = {}


def row_role(label: str, has_values: bool) -> str:
    low = label.lower().strip()
    if _OF_WHICH_RE.match(low) or _BULLET_RE.match(low):
        # 'varav …', 'därav …', '- Varav …', and dash-bulleted sub-rows ('- Tillkommande …')
        return "of_which"
    if _TOTAL_RE.search(low):
        return "total"
    if not has_values:
        return "heading"
    return "item"


def to_cell(col_no: int, line_no: int, raw: str) -> Cell | None:
    raw = raw.strip()
    if not raw:
        return None
    num = parse_number(raw)
    if num is not None:
        return Cell(col_no, line_no, raw, num.value, num.decimals, num.percent, num.footnote)
    if is_marker(raw) or leading_marker(raw):
        return Cell(col_no, line_no, raw, None, None)
    return None


def table_unit(caption: str | None, stub: str | None, headers: list[str], vocab: Vocabulary) -> str | None:
    for text in (caption, stub, " ".join(headers)):
        if not text:
            continue
        low = text.lower()
        for word, unit in vocab.units:
            if _word_re(word).search(low):
                return unit
    return None


def glued_unit(text: str, vocab: Vocabulary) -> str | None:
    """A unit word glued to the end of a caption word ('Resultaträkningmnkr'); unit words of
    three letters or more only (a word ending in 'kr' is no unit)."""
    for word in text.lower().split():
        for unit_word, unit in vocab.units:
            if len(unit_word) >= 3 and word.endswith(unit_word):
                return unit
    return None


UNIT_PHRASE_RE = re.compile(r"\bbelopp\s+(?:i\s+)?(?P<unit>[a-zåäö]+(?:\s+kronor)?)", re.IGNORECASE)
TEXT_ABOVE_LINES = 12  # how far above a table the sentence that introduces it may start


SENTENCE_WORDS = 8  # a line of running text has at least this many words


def unit_in_text_above(lines: list[str], first_line: int, floor: int, vocab: Vocabulary) -> str | None:
    """The unit a sentence introducing the table states ('… per område, belopp i miljoner
    kronor.'), in the running text just above it (its caption line included, nothing above
    the line `floor`, where the table before it ends): a table printed without a unit."""
    start = max(first_line - 1 - TEXT_ABOVE_LINES, floor, 0)
    window = lines[start:first_line]
    if not any(len(l.split()) >= SENTENCE_WORDS for l in window):
        return None
    above = " ".join(l.strip() for l in window)
    found = None
    for m in UNIT_PHRASE_RE.finditer(above):
        found = table_unit(m.group("unit"), None, [], vocab) or found
    return found


def table_kind(caption, stub, headers, rows: list[Row], vocab: Vocabulary, unit: str | None = None) -> str:
    parts = {
        "caption": (caption or "").lower(),
        "header": " ".join([stub or ""] + headers).lower(),
        "label": " ".join(r.label for r in rows).lower(),
    }
    scores: Counter[str] = Counter()
    for keyword, part, kind, weight in vocab.kind_keywords:
        if keyword in parts.get(part, ""):
            scores[kind] += weight
    if not scores:
        return "other"
    for kind, score in scores.most_common():
        if score < 3:
            break
        if kind in FINANCIAL_KINDS and not _money_evidence(unit, parts, rows, vocab):
            continue
        return kind
    return "other"


def _money_evidence(unit: str | None, parts: dict[str, str], rows: list[Row], vocab: Vocabulary) -> bool:
    """A financial table prints amounts: a money unit, or amount rows (totals, net costs)."""
    if unit in vocab.money_units:
        return True
    if any(c.is_percent for r in rows for c in r.cells):
        return False
    return any(r.role == "total" for r in rows) or "nettokostnad" in parts["label"]
