"""What one line is, inside or around a table: a row, a label line, a caption, a footnote.

The general facts these rules rest on:
- a row prints its values at the end of the line, after a label of a few words; a long text
  before numbers is running text that happens to end in a number, and so is a long text that
  ends in one year;
- a label line is short and prints no numbers; a long line, or one that ends a sentence, is prose;
- a caption names the amount unit of its table; a percent sign does not make a caption, since
  indicator labels print one;
- a footnote starts with its mark (a digit or an asterisk) and a capitalised word; printed at
  the foot of a page, it can land between the rows of a table that crosses the page, and its
  text wraps over long lines;
- a year alone on the line below a label line ends that label, it is not a row of one value;
- the header of a new table names two columns or more, with a year or with few other words.
"""
from __future__ import annotations

import re
from typing import Callable

from .lines import LineInfo, YEAR_RE, count_header_words, is_header_line
from .settings import (
    MAX_LABEL, MAX_LABEL_BEFORE_YEAR, MAX_LABEL_LINE, MAX_MARKED_LABEL, MAX_TAB_LABEL,
    MAX_WORDS_BEFORE_FULL_STOP, MIN_COLUMN_NAMES, MIN_FOOTNOTE_LINE, MIN_FOOTNOTE_WITH_VALUES,
    MIN_FOOTNOTE_WORDS, MIN_NAMING_SHARE, MIN_YEAR_HEADER_YEARS,
)
from .vocabulary import Vocabulary

_NUMBER_THEN_TEXT_RE = re.compile(r"^\d+\s+\D")
_MARKED_LABEL_RE = re.compile(r"^\*\s+[A-ZÅÄÖ]")
_FOOTNOTE_RE = re.compile(r"^(\d{1,2}|[*¹²³⁴⁵⁶⁷⁸⁹]+)\s*[A-ZÅÄÖ]")


def is_row(info: LineInfo) -> bool:
    if not info.has_values:
        return False
    if not info.is_tab and info.n_values == 1 and YEAR_RE.match(info.tokens[0]) and len(info.label) > MAX_LABEL_BEFORE_YEAR:
        return False  # a note that ends with a year
    if info.is_tab:
        return len(info.label) <= MAX_TAB_LABEL
    return len(info.label) <= MAX_LABEL and not info.label.endswith((":",))


def is_label_line(info: LineInfo, vocab: Vocabulary) -> bool:
    t = info.text.strip()
    if not t or info.has_values:
        return False
    if len(info.printed) > MAX_LABEL_LINE or is_footnote_mark(t) or _NUMBER_THEN_TEXT_RE.match(t):
        return False
    if t.endswith(".") and len(t.split()) > MAX_WORDS_BEFORE_FULL_STOP:
        return False
    return not is_caption_like(info, vocab)


def is_caption_like(info: LineInfo, vocab: Vocabulary) -> bool:
    """A line that names an amount unit ('belopp mnkr', 'tkr'): a caption. A percent sign is
    not enough: indicator labels print '(%)'."""
    low = info.text.lower()
    return "belopp" in low or (vocab.money_unit_re is not None and vocab.money_unit_re.search(low) is not None)


def is_footnote_mark(text: str) -> bool:
    """'*utfall januari till augusti' is a footnote; '* Andel nyanställda kvar i' is a label
    marked with an asterisk, and a line that breaks a word ('* Hållbart medarbetaren-') too."""
    if not text.startswith("*"):
        return False
    return not (text.endswith("-") or (_MARKED_LABEL_RE.match(text) and len(text) <= MAX_MARKED_LABEL))


def is_footnote(info: LineInfo) -> bool:
    """A footnote printed inside a table at a page foot: '1 En skala med fyra nivåer …'."""
    t = info.text.strip()
    if t.startswith("*") and not is_footnote_mark(t):
        return False
    if info.context and not info.is_tab:
        return False  # its number is a code column before the label, printed apart: a row's
    return bool(_FOOTNOTE_RE.match(t)) and (
        len(t) > MIN_FOOTNOTE_WITH_VALUES or not info.has_values
    ) and len(t.split()) >= MIN_FOOTNOTE_WORDS


def follows_footnote(infos: list[LineInfo], k: int) -> bool:
    """The wrapped lines of a footnote: under a long footnote line, or after a blank line
    when the footnote broke a word ('… förgå-' / '' / 'ende indata.')."""
    j = k - 1
    while j >= 0 and infos[j].blank:
        j -= 1
    if j < 0 or (j < k - 1 and not infos[j].text.rstrip().endswith("-")):
        return False
    while j >= 0 and not infos[j].blank and (
        len(infos[j].text) > MIN_FOOTNOTE_LINE or infos[j].text.rstrip().endswith("-")
    ):
        if is_footnote(infos[j]):
            return True
        j -= 1
    return False


def ends_wrapped_label(prev: LineInfo, info: LineInfo) -> bool:
    """A year alone on the line right under a label line ends that label ('… neutralt år' /
    '2025'), it is not a row."""
    return (
        not info.is_tab and len(info.tokens) == 1 and bool(YEAR_RE.match(info.tokens[0]))
        and not prev.blank and not prev.has_values and not prev.is_tab
    )


def names_columns(info: LineInfo, vocab: Vocabulary) -> bool:
    """A header line of a new table, not a label that uses header words ('Avvikelse utfall
    mot'): two header words or more, with a year or with little else."""
    words = info.text.split()
    n = count_header_words(info.text, vocab)
    return info.is_tab or (
        n >= MIN_COLUMN_NAMES and (any(YEAR_RE.match(w) for w in words) or n >= MIN_NAMING_SHARE * len(words))
    )


def is_year_header(info: LineInfo, vocab: Vocabulary) -> bool:
    """Text column names, then years: 'Nämndmål Nämndindikator 2021 2022'."""
    return (
        not info.is_tab and len(info.tokens) >= MIN_YEAR_HEADER_YEARS and bool(info.label) and info.only_years()
        and count_header_words(info.label, vocab) == 0
    )


def next_nonblank(infos: list[LineInfo], j: int) -> int | None:
    while j < len(infos) and infos[j].blank:
        j += 1
    return j if j < len(infos) else None


class _Role:
    """One role of every line, computed the first time it is asked for, then kept (a byte a
    line: 0 not asked yet, 1 no, 2 yes)."""

    def __init__(self, infos: list[LineInfo], test: Callable[[LineInfo], bool]):
        self._infos = infos
        self._test = test
        self._known = bytearray(len(infos))

    def __getitem__(self, k: int) -> bool:
        known = self._known[k]
        if not known:
            known = 2 if self._test(self._infos[k]) else 1
            self._known[k] = known
        return known == 2


class LineRoles:
    """The lines of a report with the roles the table finder asks of each, each computed once
    per line. A line may hold several roles at once (a row of years also names columns)."""

    def __init__(self, infos: list[LineInfo], vocab: Vocabulary):
        self.infos = infos
        self.vocab = vocab
        self.row = _Role(infos, is_row)  # a line of values that can be a table row
        self.header = _Role(infos, lambda x: is_header_line(x, vocab))  # a line that names columns
        self.label = _Role(infos, lambda x: is_label_line(x, vocab))  # a short line of text, no caption
