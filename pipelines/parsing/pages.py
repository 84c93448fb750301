"""Page furniture: the running header and footer a paged document prints at every page break.

The general fact: a report laid out on pages prints the same lines (the document's name, a
date, 'Sida 3 av 25') at the foot or the head of most of its pages, only the page number
changing. In text that keeps the page breaks (pdftotext and the PDF reader print a form feed
between pages) such lines stand right next to a break, and the same lines, digits aside, stand
next to many other breaks. They are no row and no heading of a table they interrupt. A line
that ends by numbering its page ('Sida 12', 'Sida 12 av 40', 'Delårsrapport 2025 | Sida 9') is
the page's footer or header wherever it stands, even once (an excerpt of one page, a text
copied without its page breaks)."""
from __future__ import annotations

import re
from collections import defaultdict

from .settings import MAX_PAGE_FURNITURE, MAX_SHORT_FURNITURE_NUMBERS, MIN_FURNITURE_REPEATS, MIN_FURNITURE_SHARE

_DIGITS_RE = re.compile(r"\d+")


def _shape(line: str) -> str:
    """The line with its numbers (a page number, a date) and its spacing set aside."""
    return _DIGITS_RE.sub("#", "".join(line.split()))


def page_furniture(lines: list[str], pages: frozenset[int]) -> frozenset[int]:
    """The numbers of the lines (1-based) that are page furniture: going out from a page's
    edge (a page break, the first page's head, the last page's foot), its first or last
    non-blank lines (MAX_PAGE_FURNITURE at most) for as long as each line's shape stands at the
    edges of MIN_FURNITURE_SHARE of the pages, of MIN_FURNITURE_REPEATS at least (of every page
    of a report of no more pages, when the line prints two numbers at most)."""
    # a form feed after the last page (pdftotext ends every page with one) begins no page
    last_printed = next((k for k in range(len(lines), 0, -1) if lines[k - 1].strip()), 0)
    breaks = sorted(p for p in pages if 1 < p <= last_printed)
    if not breaks:
        return frozenset()
    n_pages = len(breaks) + 1
    starts = [1] + breaks + [len(lines) + 1]  # the first line of each page, and past the last
    edges: list[tuple[int, list[int]]] = []  # (page, its lines from an edge inwards)
    for page in range(n_pages):
        first, last = starts[page], starts[page + 1] - 1
        edges += [(page, _nonblank_from(lines, first, 1, last)), (page, _nonblank_from(lines, last, -1, first))]
    seen: dict[str, set[int]] = defaultdict(set)  # shape -> the pages at whose edges it stands
    for page, side in edges:
        for k in side:
            seen[_shape(lines[k - 1])].add(page)
    enough = max(MIN_FURNITURE_REPEATS, MIN_FURNITURE_SHARE * n_pages)
    furniture = set()
    for _, side in edges:
        for k in side:  # from the edge inwards, while the lines are furniture
            times = len(seen[_shape(lines[k - 1])])
            if n_pages <= MIN_FURNITURE_REPEATS:
                # a report of three pages or fewer: a line on every page, with a number or two
                # at most (a page number, a year), not a row of a table printed on each page
                if times < n_pages or len(_DIGITS_RE.findall(lines[k - 1])) > MAX_SHORT_FURNITURE_NUMBERS:
                    break
            elif times < enough:
                break
            furniture.add(k)
    return frozenset(furniture)



# a page numbered at a line's end: 'Sida 12', 'sid. 12', 'Sida 12 av 40', 'Sida 12 (40)', 'Page 3 of 9'
_PAGE_NUMBER_RE = re.compile(r"(?:^|[\s|–-])(?:sida|sid\.|page)\s+\d+(?:\s*(?:av|of|/)\s*\d+|\s*\(\d+\))?\s*$",
                             re.IGNORECASE)


def page_number_lines(lines: list[str]) -> frozenset[int]:
    """The numbers of the lines (1-based) that number their page, printing a year at most besides."""
    return frozenset(
        k for k, line in enumerate(lines, 1)
        if (m := _PAGE_NUMBER_RE.search(line)) and len(_DIGITS_RE.findall(line[: m.start()])) <= 1
    )


def _nonblank_from(lines: list[str], k: int, step: int, stop: int) -> list[int]:
    """The first non-blank lines from line k on, going by `step` as far as line `stop`
    (MAX_PAGE_FURNITURE at most)."""
    side = []
    while (k - stop) * step <= 0 and 1 <= k <= len(lines) and len(side) < MAX_PAGE_FURNITURE:
        if lines[k - 1].strip():
            side.append(k)
        k += step
    return side
