"""Note references: a column of small integers between a row's label and its values.

Annual reports print a 'Not' column: a row may carry the number of the note that explains it.
Note numbers are integers of one or two digits (sometimes with a letter: '3A'), never signed,
and they rise down the table. A table with two blocks of columns (kommunen, koncernen) prints
a 'Not' column before each block. Printed before an amount of three digits or fewer, a note
looks like a thousands group (a note 1 before 421,3 prints as '1 421,3'): then the readings of
the row are weighed, and the one whose notes rise in order with the notes of the rows around it
is kept. The header names the note column with a word of its own, which is no column name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .header import segment_header
from .line_infos import ReadOver
from .lines import LineInfo, count_header_words
from .numbers import group_thousands, split_numbers
from .settings import MIN_CELL_GAP, NO_COLUMN_LIMIT
from .vocabulary import Vocabulary

NOTE_RE = re.compile(r"^\d{1,2}[A-Za-z]?$")
# a label that ends in a note reference: 'varav jämförelsestörande poster 3A'; a note cell may
# list several ('14, 15', '3–4')
_NOTE = r"\d{1,2}[A-Za-z]?"
LABEL_NOTE_RE = re.compile(rf"^(?P<label>.*\S)\s+(?P<note>{_NOTE}(?:\s*[,–-]\s*{_NOTE})*)$")
# a list of notes whose last one the line's numbers begin with: 'Maskiner och inventarier 14,' + '15'
LABEL_NOTE_LIST_RE = re.compile(rf"^(?P<label>.*\S)\s+(?P<notes>(?:{_NOTE}\s*,\s*)+)$")


def count_note_columns(texts: list[str], vocab: Vocabulary) -> int:
    """How many note columns the header lines name ('Not 2018 2017 Not 2018 2017' → 2)."""
    return sum(1 for text in texts for w in text.split() if vocab.is_note_word(w))


def without_note_words(text: str, vocab: Vocabulary) -> str:
    return " ".join(w for w in text.split() if not vocab.is_note_word(w))


def note_words_blanked(text: str, vocab: Vocabulary) -> str:
    """A header line with its note words blanked where they are printed: the other words keep
    their places (a header laid out in columns is read by them: 'Mnkr  Not  2024-12-31')."""
    return _WORD_RE.sub(lambda m: " " * len(m.group()) if vocab.is_note_word(m.group()) else m.group(), text).rstrip()


_WORD_RE = re.compile(r"\S+")


def block_starts(n_notes: int, n_cols: int) -> list[int]:
    """The value columns (0-based) a note column stands before: blocks of equal width."""
    n_notes = max(1, min(n_notes, n_cols))
    width = n_cols // n_notes
    return [b * width for b in range(n_notes)]


@dataclass(frozen=True)
class Reading:
    notes: tuple[str, ...]
    note_at: tuple[int, ...]  # token indexes read as notes
    values: tuple[str, ...]  # the value cells, as grouped
    note_blocks: tuple[int, ...] = ()  # the block each note stands before
    first_block: int = 0  # a row that prints only later blocks: the first it prints

    @property
    def bare_integers(self) -> int:
        """Values printed without decimals among values printed with them: unlikely amounts."""
        with_decimals = [v for v in self.values if re.search(r"\d[,.]\d", v)]
        return sum(1 for v in self.values if re.fullmatch(r"\d{1,2}", v)) if with_decimals else 0


def _read(tokens: list[str], starts: list[int], n_cols: int, take: set[int], first: int = 0) -> Reading | None:
    """Read the row from block `first` on, taking a note before the blocks in `take`; None if
    it cannot be so read."""
    pos, values, notes, note_at = 0, [], [], []
    offset = starts[first]
    for b in range(first, len(starts)):
        if b in take:
            if len(values) != starts[b] - offset or pos >= len(tokens) or not NOTE_RE.match(tokens[pos]):
                return None  # a note stands at the start of a block, before its values
            notes.append(tokens[pos])
            note_at.append(pos)
            pos += 1
        if b == len(starts) - 1:
            room = n_cols - offset - len(values)
            values += split_numbers(tokens[pos:], room) if pos < len(tokens) else []
            pos = len(tokens)
        else:
            chunks = group_thousands(tokens[pos:])[: starts[b + 1] - starts[b]]
            pos += sum(len(c) for c in chunks)
            values += [" ".join(c) for c in chunks]
    if pos < len(tokens) or len(values) > n_cols - offset:
        return None
    return Reading(tuple(notes), tuple(note_at), tuple(values), tuple(sorted(take)), first)


def readings(tokens: list[str], starts: list[int], n_cols: int) -> list[Reading]:
    """Every way the row's tokens can be read as notes and at most n_cols values; a row may
    print only a later block, which only its note can tell."""
    found = []
    for first in range(len(starts)):
        for mask in range(2 ** len(starts)):
            take = {b for b in range(len(starts)) if mask >> b & 1}
            if first > 0 and (first not in take or min(take) < first):
                continue
            r = _read(tokens, starts, n_cols, take, first)
            if r is not None:
                found.append(r)
    return found


def _number(note: str) -> int:
    return int(re.match(r"\d+", note).group())


Bounds = dict[int, int]  # block → the note fixed nearest above (or below) in that block


def _fits(reading: Reading, before: Bounds, after: Bounds) -> bool:
    """Each block's notes rise down the table."""
    for note, block in zip(reading.notes, reading.note_blocks):
        n = _number(note)
        if (block in before and n < before[block]) or (block in after and n > after[block]):
            return False
    return True


def _best(opts: list[Reading], n_cols: int) -> list[Reading]:
    """The readings that fill every column, else those with fewest bare integers among decimals."""
    full = [r for r in opts if len(r.values) == n_cols]
    pool = full or opts
    least = min(r.bare_integers for r in pool)
    return [r for r in pool if r.bare_integers == least]


def _bounds(fixed: list[Reading | None]) -> tuple[list[Bounds], list[Bounds]]:
    """Per row, the fixed notes of each block nearest above it and nearest below it."""
    above: list[Bounds] = []
    seen: Bounds = {}
    for r in fixed:
        above.append(dict(seen))
        if r is not None:
            seen.update({b: _number(n) for n, b in zip(r.notes, r.note_blocks)})
    below: list[Bounds] = []
    seen = {}
    for r in reversed(fixed):
        below.append(dict(seen))
        if r is not None:
            seen.update({b: _number(n) for n, b in zip(r.notes, r.note_blocks)})
    return above, below[::-1]


def choose(options: list[list[Reading]], n_cols: int) -> list[Reading | None]:
    """One reading per row. A row with one best reading fixes its notes; a row with several
    takes the reading whose notes rise in order with the fixed notes of their blocks (the most
    notes, then the first block, among those), else the one with the fewest notes."""
    best = [_best(opts, n_cols) if opts else [] for opts in options]
    above, below = _bounds([b[0] if len(b) == 1 else None for b in best])
    chosen: list[Reading | None] = []
    for i, opts in enumerate(best):
        if len(opts) <= 1:
            chosen.append(opts[0] if opts else None)
            continue
        fitting = [r for r in opts if _fits(r, above[i], below[i])]
        if fitting:
            chosen.append(max(fitting, key=lambda r: (len(r.notes), -r.first_block)))
        else:
            chosen.append(min(opts, key=lambda r: (len(r.notes), r.first_block)))
    return chosen


def _notes_apart(reading: Reading, gaps: list[int]) -> bool:
    """Each note the reading takes is followed by a wide space, or ends the line."""
    return all(k + 1 >= len(gaps) or gaps[k + 1] >= MIN_CELL_GAP for k in reading.note_at)


def strip_notes(rows: list[LineInfo], n_notes: int, n_cols: int) -> dict[int, LineInfo]:
    """The rows of a table with a note column, their note references taken out: line number →
    the line read without them (its notes kept in `note_refs`)."""
    starts = block_starts(n_notes, n_cols)
    label_notes: dict[int, str] = {}
    infos: list[LineInfo] = []
    for info in rows:
        listed = LABEL_NOTE_LIST_RE.match(info.label) if info.label else None
        if listed and len(info.tokens) > 1 and NOTE_RE.match(info.tokens[0]):
            label_notes[info.line_no] = f"{listed.group('notes').strip()} {info.tokens[0]}"
            info = replace(info, label=listed.group("label"), tokens=info.tokens[1:], spans=info.spans[1:],
                           gaps=info.gaps[1:])
            infos.append(info)
            continue
        m = LABEL_NOTE_RE.match(info.label) if info.label else None
        if m and info.tokens:
            label_notes[info.line_no] = m.group("note")
            info = replace(info, label=m.group("label"))
        infos.append(info)
    # in text laid out in columns, a note stands apart from the values (under 'Not'): a number
    # one space before a group of three is its thousands ('21 930'), no note and a value
    spaced = any(g >= MIN_CELL_GAP for i in infos for g in i.gaps[1:])
    options = [
        [r for r in readings(i.tokens, starts, n_cols) if not spaced or _notes_apart(r, i.gaps)]
        if i.line_no not in label_notes else []
        for i in infos
    ]
    for k, info in enumerate(infos):
        if info.line_no in label_notes:
            options[k] = [Reading((label_notes[info.line_no],), (), tuple(info.tokens))]
    out: dict[int, LineInfo] = {}
    for info, reading in zip(infos, choose(options, n_cols)):
        note_at = reading.note_at if reading is not None else ()
        keep = [k for k in range(len(info.tokens)) if k not in note_at]
        gaps = [info.gaps[k] for k in keep] if info.gaps else []
        if gaps and info.label:
            # the space after the label is the note column, printed or empty; a row that
            # prints only a later block starts under it
            gaps[0] = 1 + (starts[reading.first_block] if reading is not None else 0)
        out[info.line_no] = replace(
            info,
            tokens=[info.tokens[k] for k in keep],
            spans=[info.spans[k] for k in keep] if info.spans else [],
            gaps=gaps,
        )
    return out


def read_note_column(infos, start, end, vocab, caption_info, between, header_infos):
    """A table whose header names a note column ('Not'): its rows read without their note
    references, its header without the word (see notes.py). Returns the lines so read."""
    heads = ([caption_info] if caption_info else []) + between + header_infos
    n_notes = count_note_columns([h.text for h in heads], vocab)
    if not n_notes:
        return infos, caption_info, between, header_infos
    plain = lambda h: replace(h, text=without_note_words(h.text, vocab)) if h is not None else None  # noqa: E731
    header_infos = [replace(h, text=note_words_blanked(h.text, vocab)) for h in header_infos]
    # how many columns the header names; a line of words no header knows ('Kommunen   Koncernen')
    # names groups of them, and adds none
    naming = [h.text for h in header_infos if count_header_words(h.text, vocab)] or [h.text for h in header_infos]
    _, columns = segment_header(naming, NO_COLUMN_LIMIT, vocab)
    if not columns:
        return infos, caption_info, between, header_infos
    rows = [x for x in infos[start : end + 1] if x.tokens]
    read = strip_notes(rows, n_notes, len(columns))
    infos = ReadOver(infos, read)
    return infos, plain(caption_info), [plain(b) for b in between], header_infos
