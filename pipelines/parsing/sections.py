"""Sections of a report and the organisation each one is about.

A report can hold several organisations' reports (a board's report with its
administrations' reports as appendices). A section starts at a title block (the report
kind's name at the top of a page, the organisation's name under it) or at an opening
heading such as "Förvaltningens uppdrag" (the organisation is then the name the first
paragraph introduces with its abbreviation: "Verksamhetsstöd och service (VSS)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .settings import MAX_HEADING_WORDS
from .vocabulary import Vocabulary

NAME_RE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ&\- ]{1,60}$")
ABBREVIATED_NAME_RE = re.compile(
    r"([A-ZÅÄÖ][a-zåäö]+(?:[ -](?:och|&|[a-zåäö]+|[A-ZÅÄÖ][a-zåäö]+)){0,5}) \(([A-ZÅÄÖ]{2,6})\)"
)
LEADING_WORDS = {"inom", "i", "hos", "för", "vid", "av", "på", "under", "från"}
GENITIVE_RE = re.compile(r"^([A-ZÅÄÖ][\wåäö]+?)s\s+\w+")


@dataclass
class Section:
    start_line: int  # 1-based
    organisation: str | None


def find_sections(lines: list[str], vocab: Vocabulary, pages: frozenset[int] = frozenset()) -> list[Section]:
    """Where each unit's part of the report begins, and the unit it names (`pages`: the lines
    that begin a page, after a page break)."""
    sections: list[Section] = []
    stripped = [l.replace("\t", " ").strip() for l in lines]
    kinds = tuple(w for w, _ in vocab.report_kinds)
    genitives = tuple(f"s {w}" for w in kinds)
    for i, line in enumerate(stripped):
        if not line:
            continue
        low = line.lower()
        # a title block: the report kind at the top of a page (after blank lines, or first
        # after a page break: a title that begins with the kind, not a sentence's end)
        if len(line) < 90 and (low.startswith(kinds) or any(g in low for g in genitives)):
            before = stripped[max(0, i - 2) : i]
            page_top = i + 1 in pages and low.startswith(kinds) and line[:1].isupper() and not line.endswith(".")
            if i < 2 or all(not b for b in before) or page_top:
                sections.append(Section(i + 1, _title_organisation(stripped, i, vocab)))
                continue
        if starts_a_section(stripped, i, vocab):
            sections.append(Section(i + 1, line))
            continue
        if low.rstrip(" :") in vocab.section_markers:
            paragraph = " ".join(stripped[i + 1 : i + 8])
            m = ABBREVIATED_NAME_RE.search(paragraph)
            sections.append(Section(i + 1, _trim_name(m.group(1)) if m else None))
    # a section with no name found keeps the organisation of the one before it
    named: list[Section] = []
    current = None
    for s in sections:
        if s.organisation:
            current = s.organisation
        named.append(Section(s.start_line, s.organisation or current))
    return named


def _trim_name(name: str) -> str | None:
    words = name.split()
    while words and words[0].lower() in LEADING_WORDS:
        words = words[1:]
    if not words:
        return None
    return " ".join([words[0][0].upper() + words[0][1:]] + words[1:])


HEADING_LEVELS = ("nämnd", "förvaltning")  # seed organisation_levels: the units a report's sections are about


def starts_a_section(stripped: list[str], i: int, vocab: Vocabulary) -> bool:
    """A heading of its own (blank lines around it) that names a committee or an
    administration ('Socialnämnden', 'Barn- och utbildningsnämnden'): the section about it."""
    line = stripped[i]
    if not NAME_RE.match(line) or len(line.split()) > MAX_HEADING_WORDS:
        return False
    if (i > 0 and stripped[i - 1]) or (i + 1 < len(stripped) and stripped[i + 1]):
        return False
    low = line.lower()
    return any(re.search(pattern, low) for pattern, level in vocab.organisation_levels if level in HEADING_LEVELS)


def _title_organisation(lines: list[str], i: int, vocab: Vocabulary) -> str | None:
    """The unit a title block names: in the title ('Leanlinks förvaltningsbudget'), or a name
    among the next lines. A name printed right under the title is the unit's, whatever it says
    ('Leanlink'); after a blank line, only one that says it is a unit ('Kommunstyrelsen'), as a
    heading there may name the part that follows ('Balansräkning', 'Vårdproduktion')."""
    m = GENITIVE_RE.match(lines[i])
    if m and not lines[i].lower().startswith(("delårs", "verksamhets", "förvaltnings")):
        return m.group(1)
    seen, apart = 0, False
    for line in lines[i + 1 : i + 6]:
        if not line:
            apart = True
            continue
        seen += 1
        if seen > 3 or line.lower() in ("innehåll",):
            break
        if NAME_RE.match(line) and not re.search(r"\d", line) and len(line.split()) <= 5:
            if not apart or any(re.search(pattern, line.lower()) for pattern, _ in vocab.organisation_levels):
                return line
    return None


def organisation_at(sections: list[Section], line_no: int, default: str | None) -> str | None:
    org = default
    for s in sections:
        if s.start_line <= line_no and s.organisation:
            org = s.organisation
    return org
