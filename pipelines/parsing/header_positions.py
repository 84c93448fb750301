"""Column names read by where they are printed: a space header over rows laid out in columns.

The general facts these rules rest on:
- in text laid out in columns (a PDF's text, a report typed with spaces), a column's name is
  printed over its values: right-aligned, left-aligned or centred, the name overlaps the
  values' place or stands nearer to it than to any other column's;
- a name broken over two or three lines ('Budget' / '2024') is printed over the same column on
  each line, and a column whose name has no second line leaves a gap there: its neighbours'
  second lines stay over their own columns;
- the names are parted by a wide space (two spaces or more), the words of one name by one; so
  a line prints one piece over a column (two over one: the header names a column the rows
  leave blank). Names run together over two columns ('Budget Plan') part where a word begins a
  name: a year, month or period continues one;
- above a line that names every column, a name centred over a run of columns names a group
  ('Helår 2025' over 'Budget' and 'Prognos'): it heads each column of the run. Over an odd run
  its centre is its middle column's too, so what it names decides: a group's name gives its
  columns what their own names lack, a period over names of measures ('Helår 2025' over
  'Budget  Prognos  Avvikelse') or a measure over periods ('Plan' over '2026  2027  2028');
  over names that have it ('Utfall' over 'Budget  jan–aug  Prognos') it is one column's first
  line;
- what is printed to the left of the first column's values, from the labels' margin, is the
  stub's ('Nämnd', 'Belopp i mnkr').

The place of each column's values is read from the rows that print one value per column, each
apart from the next by a wide space, when those rows are aligned (a converter without layout,
whose rows each set their own spaces, gives no places). Where a piece of the header cannot be
placed (over two columns, or as near to two), or a column is left unnamed, the reading gives up
and the header is read by its words (header.segment_header).
"""
from __future__ import annotations

import re

from .header import continues_a_name
from .lines import DASHES, LineInfo
from .roles import is_row
from .settings import MAX_ALIGN_SLACK, MIN_CELL_GAP
from .vocabulary import Vocabulary

_PIECE_RE = re.compile(r"\S+(?: \S+)*")  # words parted by single spaces: one piece of a header
_WORD_RE = re.compile(r"\S+")
STUB = ()  # the columns a piece of the stub names
STUB_COLUMN = -1  # where a piece of the stub stands

# a header line read: each piece's text and the columns it names (STUB: none, it is the stub's)
Head = list[tuple[str, tuple[int, ...]]]


def names_by_position(
    header: list[str], body: list[LineInfo], n_cols: int, vocab: Vocabulary
) -> tuple[str, list[str]] | None:
    """The stub and the names of `n_cols` value columns, read from the header lines as
    printed (their spaces kept) over the rows of `body`; None when the places do not decide."""
    if n_cols < 2:
        return None
    places = _value_places(body, n_cols)
    if places is None:
        return None
    margin = _label_margin(body, places[0][0])
    reach = _label_reach(body)
    lines = [line for line in header if line.strip()]
    pieced = [_over_labels(_pieces(line, places, vocab, upper=k < len(lines) - 1), places, margin, reach)
              for k, line in enumerate(lines)]
    last = _placed(pieced[-1], places, margin)
    if last is None:
        return None
    below = _centres(pieced[-1], last, n_cols)
    named = {c: text for text, cols in last for c in cols}
    heads: list[Head | None] = [last]
    for pieces in reversed(pieced[:-1]):
        # a line is read over the nearest line under it that names every column, one piece each
        head = (below and _over_names(pieces, below, named, places, margin, vocab)) or _placed(pieces, places, margin)
        heads.insert(0, head)
        if head is not None and all(len(cols) <= 1 for _, cols in head) and (centres := _centres(pieces, head, n_cols)):
            below = centres
            named = {c: f"{text} {named.get(c, '')}".strip() for text, cols in head for c in cols}
    read = _names(heads, n_cols)
    if read is not None and len(set(read[1])) < n_cols:
        # two columns of one name: the group names were read by their centres, but a spreadsheet
        # sets a merged cell's name at the left of its run ('Jan–aug 2025' over 'Utfall  Budget')
        starts = _starts(pieced[-1], last, n_cols)
        left = [_left_aligned(pieces, starts, named, places, margin, vocab) for pieces in pieced[:-1]]
        again = _names([l or h for l, h in zip(left, heads)] + [last], n_cols) if starts and any(left) else None
        if again is not None and len(set(again[1])) == n_cols:
            return again
    return read


class PlacedNames:
    """The rows' value columns by where they are printed, to tell the lines above that name
    them by place: each piece of such a line stands over one column of its own, or at the
    labels' margin (the stub's). A line that names every column so is the header's, whatever
    its words ('År   Folkmängd   Födda   Döda'); a line over it that names some is the header's
    upper line ('Brutto-   Intäk-   Netto-')."""

    def __init__(self, body: list[LineInfo], n_cols: int, vocab: Vocabulary):
        self._places = _value_places(body, n_cols) if n_cols >= 2 else None
        self._margin = _label_margin(body, self._places[0][0]) if self._places else 0
        self._reach = _label_reach(body)
        self._n_cols = n_cols
        self._vocab = vocab

    def _named(self, info: LineInfo) -> int:
        if self._places is None or info.blank or info.is_tab or info.has_values and not info.only_years():
            return 0
        pieces = _over_labels(_pieces(info.text, self._places, self._vocab), self._places, self._margin, self._reach)
        head = _placed(pieces, self._places, self._margin)
        return 0 if head is None else sum(1 for _, cols in head if cols)

    def names_every(self, info: LineInfo) -> bool:
        return self._places is not None and self._named(info) == self._n_cols

    def names_some(self, info: LineInfo) -> bool:
        """A line whose pieces, the stub's at the labels' margin aside, all stand over the
        values: names of one column each, or of groups of columns centred over their runs
        ('Kommunen   Riket' over '2023  2024  2023  2024')."""
        if self._places is None or info.blank or info.is_tab or info.has_values and not info.only_years():
            return False
        first, last = self._places[0][0], self._places[-1][1]
        pieces = [(m.start(), m.end()) for m in _PIECE_RE.finditer(info.text)]
        over = [(s, e) for s, e in pieces if s > self._margin]
        return bool(over) and all(e > first and s < last + MAX_ALIGN_SLACK for s, e in over)


def _names(heads: list[Head | None], n_cols: int) -> tuple[str, list[str]] | None:
    """The stub and the columns' names the header lines' pieces give; None when a line was not
    read or a column has no name."""
    if any(head is None for head in heads):
        return None
    stub: list[str] = []
    names: list[list[str]] = [[] for _ in range(n_cols)]
    for head in heads:
        for text, cols in head:
            if cols == STUB:
                stub.append(text)
            for c in cols:
                names[c].append(text)
    if not all(names):
        return None
    return " ".join(stub), [" ".join(words) for words in names]


def _starts(pieces: list[tuple[int, int, str]], head: Head, n_cols: int) -> list[int] | None:
    """Where each column's name begins on a line that names every column; None when the line
    does not."""
    starts: dict[int, int] = {}
    for (start, _, _), (_, cols) in zip(pieces, head):
        for c in cols:
            starts[c] = start
    return [starts[c] for c in range(n_cols)] if len(starts) == n_cols else None


def _left_aligned(
    pieces: list[tuple[int, int, str]], starts: list[int], named: dict[int, str], places: list[tuple[int, int]],
    margin: int, vocab: Vocabulary,
) -> Head | None:
    """Group names set at the left of their runs: every piece over the values begins in the
    space before a column's name (after the name before it ends), two pieces at least; each
    names the columns from that one up to the next piece's, as far as their names lack what it
    gives. None when the pieces are not so set."""
    groups = [(start, end, text) for start, end, text in pieces if _column_of(start, end, places, margin) != STUB_COLUMN]
    firsts = []
    for start, _, _ in groups:
        under = [c for c in range(len(starts)) if start <= starts[c] + MAX_ALIGN_SLACK
                 and (c == 0 or start > places[c - 1][1])]
        if not under:
            return None
        firsts.append(under[0])
    if len(groups) < 2 or firsts != sorted(set(firsts)):
        return None
    head: Head = [(text, STUB) for start, end, text in pieces if _column_of(start, end, places, margin) == STUB_COLUMN]
    for (_, _, text), first, stop in zip(groups, firsts, firsts[1:] + [len(starts)]):
        lacking = _lacking(text, named, vocab)
        cols = [first]
        while cols[-1] + 1 < stop and lacking(cols[-1] + 1):
            cols.append(cols[-1] + 1)
        head.append((text, tuple(cols)))
    return head


def _pieces(
    line: str, places: list[tuple[int, int]], vocab: Vocabulary, upper: bool = False
) -> list[tuple[int, int, str]]:
    """The pieces of a header line, each with where it is printed; a piece over two columns'
    values or more parted before each word that begins a name. Over the line that names the
    columns, a piece of words the vocabulary does not know may name a group of columns
    ('Liknande kommuner' over '2023   2024'): it is parted before header words only."""
    pieces = []
    for m in _PIECE_RE.finditer(line):
        if len(_overlapped(m.start(), m.end(), places)) < 2:
            pieces.append((m.start(), m.end(), m.group()))
            continue
        parts: list[tuple[int, int, str]] = []
        for w in _WORD_RE.finditer(m.group()):
            s, e = m.start() + w.start(), m.start() + w.end()
            if parts and (continues_a_name(w.group(), vocab) or upper and not vocab.is_header_word(w.group())):
                ps, _, pt = parts[-1]
                parts[-1] = (ps, e, f"{pt} {w.group()}")
            else:
                parts.append((s, e, w.group()))
        pieces.extend(parts)
    return pieces


def _placed(pieces: list[tuple[int, int, str]], places: list[tuple[int, int]], margin: int) -> Head | None:
    """Each piece over the one column it names; None when a piece is undecided, or two pieces
    stand over one column (the header names a column the rows leave blank)."""
    head: Head = []
    named: set[int] = set()
    for start, end, text in pieces:
        col = _column_of(start, end, places, margin)
        if col is None or col in named:
            return None
        if col == STUB_COLUMN:
            head.append((text, STUB))
        else:
            named.add(col)
            head.append((text, (col,)))
    return head


def _centres(pieces: list[tuple[int, int, str]], head: Head, n_cols: int) -> list[float] | None:
    """The centre of each column's name on a line that names every column, one piece each;
    None when the line does not."""
    centres: dict[int, float] = {}
    for (start, end, _), (_, cols) in zip(pieces, head):
        for c in cols:
            centres[c] = (start + end) / 2
    return [centres[c] for c in range(n_cols)] if len(centres) == n_cols else None


def _over_names(
    pieces: list[tuple[int, int, str]], below: list[float], named: dict[int, str], places: list[tuple[int, int]],
    margin: int, vocab: Vocabulary,
) -> Head | None:
    """A line above a line that names every column (centres `below`, names `named`): each piece
    names the column whose name it is centred over, or the run of columns it is centred over
    ('Helår 2025' over 'Budget' and 'Prognos'): of the runs as near as the nearest (within
    MAX_ALIGN_SLACK), the widest whose names lack what the piece gives them. None when two pieces
    fall over one column."""
    head: Head = []
    taken: set[int] = set()
    for start, end, text in pieces:
        if _column_of(start, end, places, margin) == STUB_COLUMN:
            head.append((text, STUB))
            continue
        centre = (start + end) / 2
        runs = sorted(
            (abs(centre - (below[c] + below[d]) / 2), d - c, c, d)
            for c in range(len(below)) for d in range(c, len(below))
            if c == d or below[c] <= centre <= below[d]
        )
        lacking = _lacking(text, named, vocab)
        runs = [run for run in runs if run[1] == 0 or all(lacking(c) for c in range(run[2], run[3] + 1))]
        # a group's run does not reach into the run of the group before it
        free = [run for run in runs if run[1] == 0 or not taken.intersection(range(run[2], run[3] + 1))]
        runs = free or runs
        _, _, first, last = max((run for run in runs if run[0] <= runs[0][0] + MAX_ALIGN_SLACK),
                                key=lambda run: (run[1], -run[0]))
        cols = tuple(range(first, last + 1))
        if taken.intersection(cols):
            return None
        taken.update(cols)
        head.append((text, cols))
    return head


def _lacking(text: str, named: dict[int, str], vocab: Vocabulary):
    """Whether a column's name lacks what a group's name `text` gives: a period (years, months,
    'Helår') to names of measures, a measure to names of periods; a name of neither kind gives
    to any."""
    words = text.split()
    if all(continues_a_name(w, vocab) for w in words):
        return lambda c: not any(continues_a_name(w, vocab) for w in named[c].split())
    if any(vocab.is_measure_word(w) for w in words):
        return lambda c: not any(vocab.is_measure_word(w) for w in named[c].split())
    return lambda c: True


def _overlapped(start: int, end: int, places: list[tuple[int, int]]) -> list[int]:
    """The columns whose values' place a piece printed from `start` to `end` overlaps."""
    return [c for c, (s, e) in enumerate(places) if start < e and s < end]


def _value_places(body: list[LineInfo], n_cols: int) -> list[tuple[int, int]] | None:
    """Where each column's values are printed: from the first character any row prints in it
    to the last (a dash that stands for no value aside), over the rows that print n_cols values
    each apart by a wide space. None
    unless the rows are aligned: in each column the values start, or end, at one place, or
    all overlap one another, and each column's place ends before the next one's begins."""
    rows = [
        [(s, e, info.text[s:e].strip() in DASHES) for s, e in cells] for info in body
        if not info.is_tab and info.spans and is_row(info)
        for cells in [_cells_apart(info)] if len(cells) == n_cols
    ]
    if not rows:
        return None
    places = []
    for column in zip(*rows):
        # a dash standing for no value (an empty cell) is set anywhere in its cell ('-' left of
        # the edge in a spreadsheet's accounting format): the column's place is its values'
        printed = [(s, e) for s, e, dash in column if not dash] or [(s, e) for s, e, _ in column]
        starts, ends = [s for s, _ in printed], [e for _, e in printed]
        # a PDF's text places characters by estimated widths: a long value's end may drift
        # more than the slack, but the values of one column still overlap one another
        if min(max(starts) - min(starts), max(ends) - min(ends)) > MAX_ALIGN_SLACK and max(starts) >= min(ends):
            return None
        places.append((min(starts), max(ends)))
    if any(e >= s for (_, e), (s, _) in zip(places, places[1:])):
        return None
    return places


def aligned_count(body: list[LineInfo], n_cols: int) -> int:
    """How many columns rows of right-aligned values stand in, when more than `n_cols` (the
    count most rows print): rows that leave cells blank print fewer values than the table has
    columns, each under its column ('-515,2   -8,5      -523,7' under five names). Every value
    ends at one of a few places, each printed by two rows at least, each row's values at
    places of their own in order, and a row prints a value at each of them; else `n_cols`."""
    rows = [
        [(e, info.text[s:e].strip() in DASHES) for s, e in _cells_apart(info)]
        for info in body if not info.is_tab and info.spans and is_row(info)
    ]
    ends = sorted(e for cells in rows for e, dash in cells if not dash)
    if not ends:
        return n_cols
    places = [[ends[0], ends[0]]]
    for e in ends[1:]:
        if e - places[-1][1] <= MAX_ALIGN_SLACK:
            places[-1][1] = e
        else:
            places.append([e, e])
    k = len(places)
    if k <= n_cols or any(last - first > MAX_ALIGN_SLACK for first, last in places):
        return n_cols
    # a column is printed by two rows at least (a number one row prints apart is no column:
    # 'LSS 9 § 9')
    if any(sum(1 for cells in rows if any(first <= e <= last for e, dash in cells if not dash)) < 2
           for first, last in places):
        return n_cols
    if not any(len(cells) == k for cells in rows):
        return n_cols
    for cells in rows:
        at = [next((c for c, (first, last) in enumerate(places) if first <= e <= last), None) for e, dash in cells if not dash]
        if None in at or at != sorted(set(at)):
            return n_cols
    return k


def _cells_apart(info: LineInfo) -> list[tuple[int, int]]:
    """The places of a row's values, tokens one space apart kept together ('1 012,4')."""
    cells: list[tuple[int, int]] = []
    for (s, e), gap in zip(info.spans, info.gaps):
        if cells and gap < MIN_CELL_GAP:
            cells[-1] = (cells[-1][0], e)
        else:
            cells.append((s, e))
    return cells


def _label_reach(body: list[LineInfo]) -> int:
    """How far most rows' labels reach: the median end of their text before the values."""
    ends = sorted(len(i.text[: i.spans[0][0]].rstrip()) for i in body if i.label and not i.is_tab and i.spans and is_row(i))
    return ends[len(ends) // 2] if ends else 0


def _over_labels(
    pieces: list[tuple[int, int, str]], places: list[tuple[int, int]], margin: int, reach: int
) -> list[tuple[int, int, str]]:
    """A piece left of the first column's values that begins over the rows' labels (where most
    of them still print words: 'Enhet' over 'antal', 'tim', 'kr' after each label) names what
    the labels print, no value column: it is placed as the stub's, at the labels' margin."""
    return [(min(start, margin) if end <= places[0][0] and start < reach else start, end, text)
            for start, end, text in pieces]


def _label_margin(body: list[LineInfo], first_value: int) -> int:
    """Where the rows' labels begin: the stub's column."""
    starts = [len(i.text) - len(i.text.lstrip()) for i in body if i.label and not i.is_tab]
    return min(starts) if starts else first_value


def _column_of(start: int, end: int, places: list[tuple[int, int]], margin: int) -> int | None:
    """The column a header piece printed from `start` to `end` names: the column whose
    values it overlaps, else the nearest; STUB_COLUMN for a piece left of the values from the
    labels' margin; None when that is not decided."""
    over = _overlapped(start, end, places)
    if start <= margin:
        return None if over else STUB_COLUMN
    if len(over) > 1:
        return None  # one name over several columns
    if over:
        return over[0]
    distances = sorted((max(s - end, start - e), c) for c, (s, e) in enumerate(places))
    if end <= places[0][0] and start - margin < distances[0][0]:
        return STUB_COLUMN  # nearer the labels' margin than the values
    if len(distances) > 1 and distances[0][0] == distances[1][0]:
        return None
    return distances[0][1]
