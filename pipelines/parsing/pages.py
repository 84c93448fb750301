"""Page furniture: the running header and footer a paged document prints at every page break.

The general fact: a report laid out on pages prints the same lines (the document's name, a
date, 'Sida 3 av 25') at the foot or the head of most of its pages, only the page number
changing. In text that keeps the page breaks (pdftotext and the PDF reader print a form feed
between pages) such lines stand right next to a break, and the same lines, digits aside, stand
next to many other breaks. They are no row and no heading of a table they interrupt."""
from __future__ import annotations

import re
from collections import defaultdict

from .settings import MAX_PAGE_FURNITURE, MIN_FURNITURE_REPEATS, MIN_FURNITURE_SHARE

_DIGITS_RE = re.compile(r"\d+")


def _shape(line: str) -> str:
    """The line with its numbers (a page number, a date) and its spacing set aside."""
    return _DIGITS_RE.sub("#", "".join(line.split()))


def page_furniture(lines: list[str], pages: frozenset[int]) -> frozenset[int]:
    """The numbers of the lines (1-based) that are page furniture: going out from a page
    break, its last and first non-blank lines (MAX_PAGE_FURNITURE at most on each side) for as
    long as each line's shape stands next to MIN_FURNITURE_SHARE of the breaks, and to
    MIN_FURNITURE_REPEATS at least."""
    if len(pages) < MIN_FURNITURE_REPEATS:
        return frozenset()
    sides = [side for p in sorted(pages) for side in _nonblank_around(lines, p)]
    seen: dict[str, set[int]] = defaultdict(set)  # shape -> the breaks it stands next to
    for p, side in enumerate(sides):
        for k in side:
            seen[_shape(lines[k - 1])].add(p // 2)
    enough = max(MIN_FURNITURE_REPEATS, MIN_FURNITURE_SHARE * len(pages))
    furniture = set()
    for side in sides:
        for k in side:  # from the break outwards, while the lines are furniture
            if len(seen[_shape(lines[k - 1])]) < enough:
                break
            furniture.add(k)
    return frozenset(furniture)


def _nonblank_around(lines: list[str], page_start: int) -> tuple[list[int], list[int]]:
    """The last non-blank lines before the page that starts at `page_start` (nearest first)
    and its first ones."""
    sides = []
    for step, k in ((-1, page_start - 1), (1, page_start)):
        side = []
        while 1 <= k <= len(lines) and len(side) < MAX_PAGE_FURNITURE:
            if lines[k - 1].strip():
                side.append(k)
            k += step
        sides.append(side)
    return sides[0], sides[1]
