"""Blocks printed side by side: a page set in two columns of text, two tables beside each other.

The general fact: a page lays two blocks side by side with a gutter between them, a band of
blank character positions that runs down every line the two blocks share. Text laid out in
columns (pdftotext -layout, the PDF reader) prints both blocks on the same lines, so a row of
the table on the right and a line of prose on the left make one line of text. The right block
begins each of its lines at one place, just after the gutter (its left edge: prose, a caption,
the labels of its rows); what stands right of a table's label column are numbers, set right
and not starting at one place, so a table's own columns make no such edge.

A gutter is read where, on lines close together with nothing printed across the band:
- lines begin a word right after a wide space at the same place, MIN_EDGE_LINES at least;
- those lines' right parts are prose or rows (words and a number at the end), and they are
  at least half of the lines printing anything right of the gutter;
- the left parts beside them read on their own: prose, or rows with a label of words (not a
  code, a number or a letter standing before a table's labels);
- the right block does not begin beside a header line with one more short name ('Budget 2025
  Utfall 2025   Kommentar'): comments beside a table's rows are the table's own.
The lines of a gutter's region are read twice: their left parts (the rest of the report as it
is), and their right parts on their own; each keeps its line numbers.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .lines import YEAR_RE
from .numbers import is_number_token
from .settings import (MAX_EDGE_GAP, MIN_COLUMN_NAMES, MIN_EDGE_LINES, MIN_GUTTER_COLUMN, MIN_GUTTER_SPACES,
                       MIN_PROSE_WORDS)
from .vocabulary import Vocabulary

_EDGE_RE = re.compile(r" {%d,}(?=[^\W\d_])" % MIN_GUTTER_SPACES)
_LABEL_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Gutter:
    first: int  # 1-based line numbers of the region, both included
    last: int
    column: int  # the right block's lines begin here


def find_gutters(lines: list[str], vocab: Vocabulary) -> list[Gutter]:
    """The regions of the report printed as two blocks side by side, and where the right block
    begins."""
    edges: dict[int, list[int]] = defaultdict(list)  # column -> indexes of lines with an edge there
    for k, line in enumerate(lines):
        if len(line) > MIN_GUTTER_COLUMN and "   " in line:
            for m in _EDGE_RE.finditer(line, MIN_GUTTER_COLUMN - MIN_GUTTER_SPACES):
                edges[m.end()].append(k)
    found: list[Gutter] = []
    taken: set[int] = set()
    for column, at in sorted(edges.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(at) < MIN_EDGE_LINES:
            continue
        for run in _runs(lines, column, at):
            first, last = _widened(lines, column, run)
            if (taken.isdisjoint(range(first, last + 1)) and _parts_read_apart(lines, column, run)
                    and not _names_one_more_column(lines[first], column, vocab)):
                found.append(Gutter(first + 1, last + 1, column))
                taken.update(range(first, last + 1))
    return sorted(found, key=lambda g: g.first)


def _open_at(line: str, column: int) -> bool:
    """Nothing printed across the band just left of `column`."""
    return not line[max(column - MIN_GUTTER_SPACES, 0):column].strip()


def _runs(lines: list[str], column: int, at: list[int]) -> list[list[int]]:
    """The edge lines at `column` in runs: close together, and no line between them printed
    across the gutter."""
    runs: list[list[int]] = []
    for k in at:
        if runs and k - runs[-1][-1] <= MAX_EDGE_GAP and all(
            _open_at(lines[j], column) for j in range(runs[-1][-1] + 1, k)
        ):
            runs[-1].append(k)
        else:
            runs.append([k])
    return [run for run in runs if len(run) >= MIN_EDGE_LINES]


def _widened(lines: list[str], column: int, run: list[int]) -> tuple[int, int]:
    """The run's first and last lines, widened over the lines right above and below it that
    print something right of the gutter and nothing across it (a header of years over the right
    block's rows, a row that begins with no word)."""
    first, last = run[0], run[-1]
    while first > 0 and _open_at(lines[first - 1], column) and lines[first - 1][column:].strip():
        first -= 1
    while last + 1 < len(lines) and _open_at(lines[last + 1], column) and lines[last + 1][column:].strip():
        last += 1
    return first, last


def _parts_read_apart(lines: list[str], column: int, run: list[int]) -> bool:
    """Do the run's lines read as two blocks? Their right parts begin MIN_EDGE_LINES lines at
    least, and half the lines printing anything right of the gutter, with prose or a row; and
    half their left parts, one at least, read on their own too."""
    right_lines = [k for k in range(run[0], run[-1] + 1) if lines[k][column:].strip()]
    edges = [k for k in run if _reads_alone(lines[k][column:])]
    if len(edges) < MIN_EDGE_LINES or 2 * len(edges) < len(right_lines):
        return False
    beside = [lines[k][:column] for k in run if lines[k][:column].strip()]
    return bool(beside) and 2 * sum(_reads_alone(left) for left in beside) >= len(beside)


def _names_one_more_column(line: str, column: int, vocab: Vocabulary) -> bool:
    """The block's first line goes on with a header: its left part names columns, and its right
    part is a name as short ('Budget 2025   Utfall 2025   Kommentar': comments beside the rows
    are the table's own)."""
    left, right = line[:column].split(), line[column:].split()
    named = sum(vocab.is_header_word(w) or bool(YEAR_RE.match(w)) for w in left)
    return named >= MIN_COLUMN_NAMES and len(right) < MIN_PROSE_WORDS and not is_number_token(right[-1])


def _reads_alone(part: str) -> bool:
    """Prose (MIN_PROSE_WORDS words at least), or a row: a label of words, numbers at the end."""
    words = part.split()
    if not words or not _LABEL_WORD_RE.search(part):
        return False
    return len(words) >= MIN_PROSE_WORDS or (is_number_token(words[-1]) and bool(_LABEL_WORD_RE.match(words[0])))


def left_and_right(lines: list[str], gutters: list[Gutter]) -> tuple[list[str], list[str]]:
    """The report with each region's right block left out, and the right blocks alone (each
    line at its number, cut at the gutter; every other line blank)."""
    left, right = list(lines), [""] * len(lines)
    for g in gutters:
        for k in range(g.first - 1, g.last):
            left[k] = lines[k][: g.column].rstrip()
            right[k] = lines[k][g.column:]
    return left, right
