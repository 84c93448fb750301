"""A report's metadata read from its own text: title, organisation, kind, period."""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from .vocabulary import Vocabulary

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}
ORG_RE = re.compile(r"\b([A-ZÅÄÖ][a-zåäö\-]+(?:styrelsen|nämnden|förvaltningen))\b")
YEAR_WORD_RE = re.compile(r"\b(?:19|20)\d\d\b")
BLOCK = 4096  # lines searched at once, joined by line breaks


@dataclass
class DocumentMeta:
    title: str | None
    organisation: str | None
    report_kind: str | None
    period_end: date | None
    fiscal_year: int | None
    publisher: str | None = None  # the municipality or region, as printed ('<Namn>s kommun')


def read_metadata(lines: list[str], vocab: Vocabulary) -> DocumentMeta:
    text_lines = [l.replace("\t", " ").strip() for l in lines]
    kind, kind_line = None, None
    for i, line in enumerate(text_lines):
        low = line.lower()
        for word, rk in vocab.report_kinds:
            if word in low:
                kind, kind_line = rk, i
                break
        if kind:
            break
    fiscal_year = None
    if kind_line is not None:
        window = " ".join(text_lines[kind_line : kind_line + 3])
        m = re.search(r"\b(19|20)\d\d\b", window)
        if m:
            fiscal_year = int(m.group())
    if fiscal_year is None:
        years = Counter(int(y) for block in blocks(text_lines) for y in YEAR_WORD_RE.findall(block))
        fiscal_year = years.most_common(1)[0][0] if years else None

    period_end = None
    if fiscal_year:
        window = " ".join(text_lines[kind_line : kind_line + 3]) if kind_line is not None else ""
        m = re.search(r"per den (\d{1,2}) (" + "|".join(MONTHS) + r")", window.lower())
        if m:
            period_end = date(fiscal_year, MONTHS[m.group(2)], int(m.group(1)))
        else:
            period_end = date(fiscal_year, 12, 31)
        if period_end.day > calendar.monthrange(period_end.year, period_end.month)[1]:
            period_end = None

    # title: the kind line at the top of the document and the lines that continue it
    title = None
    first = [i for i, l in enumerate(text_lines) if l][:3]
    if kind_line is not None and kind_line in first:
        parts = [text_lines[kind_line]]
        for nxt in text_lines[kind_line + 1 : kind_line + 3]:
            if nxt and nxt[:1].islower():
                parts.append(nxt)
            else:
                break
        title = " ".join(parts)
    organisation = _organisation(text_lines, kind_line)
    return DocumentMeta(title, organisation, kind, period_end, fiscal_year, publisher(text_lines, vocab))


NAME = r"[A-ZÅÄÖ][a-zåäö]+(?:[- ][A-ZÅÄÖ][a-zåäö]+)?"


def publisher(lines: list[str], vocab: Vocabulary) -> str | None:
    """The municipality or region that publishes the report: the name printed most often
    with a word naming one ('<Namn>s kommun', 'Region <Namn>'), as printed, the word in lower
    case after a name ('<Namn> stad' for '<Namn> Stad', '<Namn>s kommun' for '<Namn>s kommuns'). A capitalised word before 'kommun' at the start of a sentence
    ('Varje kommun') is rarer than the publisher's own name."""
    found: Counter[str] = Counter()
    for word, position in vocab.publisher_words:
        pattern = rf"\b({NAME}) (?i:{word})s?\b" if position == "after" else rf"\b{word.capitalize()} ({NAME})\b"
        regex = re.compile(pattern)
        # a match prints the word with a space on its side towards the name: only such lines
        # are searched
        hint = re.compile(rf"(?i: {re.escape(word)})" if position == "after" else rf"{re.escape(word.capitalize())} ")
        for text in blocks(lines) if word.replace(" ", "").isalpha() else lines:
            for m in (m for start, end in _lines_holding(text, hint) for m in regex.finditer(text, start, end)):
                name = m.group(1)
                found[f"{name} {word}" if position == "after" else f"{word.capitalize()} {name}"] += 1
    return found.most_common(1)[0][0] if found else None


def _lines_holding(text: str, hint: re.Pattern):
    """The spans (start, end) of the lines of `text` in which `hint` is found, in order, each
    once."""
    end = -1
    for m in hint.finditer(text):
        if m.start() < end:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        yield start, end


def complete_title(meta: DocumentMeta) -> str | None:
    """The printed title with the organisation, or one built from kind, year and organisation."""
    org = meta.organisation or ""
    if meta.title:
        return meta.title if org.lower() in meta.title.lower() else f"{meta.title} {org}".strip()
    if meta.report_kind:
        return " ".join(x for x in (kind_label(meta.report_kind), str(meta.fiscal_year or ""), org) if x)
    return None


def kind_label(kind: str) -> str:
    return {
        "delarsrapport": "Delårsrapport",
        "verksamhetsberattelse": "Verksamhetsberättelse",
        "forvaltningsbudget": "Förvaltningsbudget",
        "arsredovisning": "Årsredovisning",
    }.get(kind, kind)


def _organisation(lines: list[str], kind_line: int | None) -> str | None:
    # 1. the name printed with the kind word: "Leanlinks förvaltningsbudget", title lines
    if kind_line is not None:
        window = lines[kind_line : kind_line + 4]
        for l in window:
            m = ORG_RE.search(l)
            if m:
                return m.group(1)
        m = re.match(r"^([A-ZÅÄÖ][\wåäö]+?)s\s+\w+", lines[kind_line])
        if m:
            return m.group(1)
        m = re.search(r"uppföljning av ([A-ZÅÄÖ][\wåäö]+?)s\b", " ".join(window))
        if m:
            return m.group(1)
    # 2. the most frequent board or administration name
    names = Counter(m for block in blocks(lines) for m in ORG_RE.findall(block))
    return names.most_common(1)[0][0] if names else None


def blocks(lines: list[str]):
    """The lines joined by line breaks, a block at a time: faster to search than line by line
    with a pattern that matches no line break (the matches and their order are the same)."""
    for k in range(0, len(lines), BLOCK):
        yield "\n".join(lines[k : k + BLOCK])
