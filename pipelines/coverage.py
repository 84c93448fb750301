"""Coverage of an extraction: which lines with numbers no table claimed, and why."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .consistency import document_agreement
from .parsing.extract import Document
from .parsing.lines import analyse_line
from .parsing.numbers import split_numbers
from .parsing.extract import report_text
from .parsing.text import split_lines
from .parsing.vocabulary import load_vocabulary

WORD_RE = re.compile(r"[A-Za-zÅÄÖåäöÉé]{2,}")


@dataclass
class UnclaimedLine:
    line_no: int
    text: str
    reason: str  # prose, contents, page number, footnote, list item, years only, or unexplained


def numbers_on(text: str) -> int:
    tokens = re.findall(r"(?<![\w,.])[-−]?\d+(?:[.,]\d+)?%?(?![\w])", text)
    return len(split_numbers(tokens)) if tokens else 0


def classify(text: str) -> str:
    t = text.strip()
    if "...." in t or "…" in t:
        return "contents"
    if re.fullmatch(r"\d+ \(\d+\)", t):
        return "page number"
    if re.match(r"^([¹²³⁴⁵⁶⁷⁸⁹]+|\d{1,2}|\*+\)?)\s+[A-ZÅÄÖ]", t) and len(WORD_RE.findall(t)) >= 2:
        return "footnote"
    if re.match(r"^\d{1,2}\.\s+[A-ZÅÄÖ]", t):
        return "list item"
    numbers = re.findall(r"(?<![\w,.])[-−]?\d+(?:[.,]\d+)?%?(?![\w])", t)
    if numbers and all(re.fullmatch(r"(19|20)\d\d", n.lstrip("-−")) for n in numbers):
        return "years only"
    words = WORD_RE.findall(t)
    if len(words) >= 8 and not re.search(r"\t", t):
        return "prose"
    if "§" in t or re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", t):
        return "reference"  # a decision cited: 'KS 2018-10-09 § 357'
    if re.search(r"\b\d{1,2}\s+[a-zåäö]+\s+(19|20)\d\d\b", t) and _names_month(t):
        return "date"  # 'Resultat 31 december 2020'
    if len(re.findall(r"(19|20)\d\d\s*\(\s*[-−]?\d+(?:[,.]\d+)?\s*\)", t)) >= 2:
        return "yearly note"  # '*) Mertid 2018 (0,8) 2019 (0,6) 2020 (0,6)'
    if _numbers_among_words(t):
        return "running text"
    if re.fullmatch(r"[\d\-–/ .,:]+", t) and re.search(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}", t):
        return "date"
    return "unexplained"


def _names_month(text: str) -> bool:
    vocab = load_vocabulary()
    return any(vocab.is_month_word(w) for w in text.split())


def _numbers_among_words(text: str) -> bool:
    """Numbers inside a sentence ('3,7% i lönekompensation och 1,8% i …'), not a label
    followed by values: words between two numbers, and two words or more after the first."""
    kinds = ["n" if re.fullmatch(r"[-−]?\d+(?:[.,]\d+)?%?", tok) else "w" if WORD_RE.search(tok) else "o"
             for tok in text.split()]
    if "n" not in kinds:
        return False
    first = kinds.index("n")
    after = kinds[first:]
    between = "".join(k for k in after if k != "o").strip("w")
    return after.count("w") >= 2 and "nw" in between


def unclaimed_lines(doc: Document, data: bytes) -> list[UnclaimedLine]:
    lines = split_lines(report_text(doc.source_file, data))
    claimed = set()
    for t in doc.tables:
        claimed.update(range(t.first_line, t.last_line + 1))
    out = []
    for i, raw in enumerate(lines, 1):
        if i in claimed or numbers_on(raw) < 2:
            continue
        info = analyse_line(i, raw)
        out.append(UnclaimedLine(i, info.text.strip(), classify(raw)))
    return out


def coverage_report(doc: Document, data: bytes, show_explained: bool = False) -> str:
    cells = sum(len(r.cells) for t in doc.tables for r in t.rows)
    by_kind: dict[str, int] = {}
    for t in doc.tables:
        by_kind[t.kind] = by_kind.get(t.kind, 0) + 1
    unclaimed = unclaimed_lines(doc, data)
    unexplained = [u for u in unclaimed if u.reason == "unexplained"]
    agreement = document_agreement(doc)
    share = f" ({agreement.share:.0%})" if agreement.share is not None else ""
    out = [
        f"{doc.source_file}: {len(doc.tables)} tables, {cells} cells "
        f"({', '.join(f'{k} {v}' for k, v in sorted(by_kind.items()))}); "
        f"{len(unclaimed)} unclaimed lines with 2+ numbers, {len(unexplained)} unexplained; "
        f"money tables agree with themselves in {agreement.held} of {agreement.checked} checks{share}"
    ]
    for u in unclaimed:
        if show_explained or u.reason == "unexplained":
            out.append(f"  L{u.line_no:<5} {u.reason:<12} {u.text[:110]}")
    return "\n".join(out)
