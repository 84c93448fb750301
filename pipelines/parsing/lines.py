"""One line of report text, read as a possible table row: label, value tokens, gaps.

The general facts these rules rest on:
- a tab in a line separates cells: the label is the last text cell before the first value,
  text cells before it are context (a goal, a code);
- in space text the values are the run of numbers and markers at the end of the line; a sign
  printed apart from its digits, a percent sign or a footnote mark after a number belong to it;
  a space of two or more between two numbers separates cells (a thousands space is one);
- short codes in columns before the label (a row number, a status letter), each followed by a
  wide space, are the row's context;
- a short text after two values or more is a note (a direction, a decision), not a label; a
  dash one space between a number and a phrase is a title's dash ('Artikel 31 – Rätt till
  lek'), not an empty cell before a note;
- a header line names columns: header words or years, and no value but years.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from .numbers import is_marker, is_number_token, leading_marker, parse_number, split_numbers
from .settings import (
    MAX_ALIGN_SLACK, MAX_COMPOUND_VALUE, MIN_YEAR_LABELS, MAX_HEADER_LINE, MIN_CELL_GAP, MIN_COLUMNED_GAPS, MIN_HEADER_NAME_GAP, MAX_NOTE_TOKENS, MAX_YEAR_HEADER_LABEL, MIN_COMPOUND_VALUES,
    MIN_HEADER_WORD_SHARE, MIN_TAB_HEADER_CELLS, MIN_VALUES_BEFORE_NOTE, SHORT_HEADER_WORDS,
)
from .text import strip_markup
from .vocabulary import Vocabulary

# words after numbers that make the line running text, not a row with a note
AMOUNT_SUFFIXES = ("kr", "kronor")  # a unit a cell prints after its amount
NOTE_EXCLUDED = {"mnkr", "mkr", "tkr", "kr", "kronor", "procent", "st", "år", "av", "och", "i", "till", "per"}
YEAR_RE = re.compile(r"^(19|20)\d\d$")
DATE_RE = re.compile(r"^(19|20)\d\d-[01]\d-[0-3]\d$")  # a balance sheet's column: '2024-12-31'
_WS_TOKEN_RE = re.compile(r"\S+")
FOOTNOTE_ONLY_RE = re.compile(r"^[*¹²³⁴⁵⁶⁷⁸⁹⁰]+\)?$")
_DIGIT_RE = re.compile(r"\d")
_LEADING_DIGIT_RE = re.compile(r"^\d")
_NOTE_START_RE = re.compile(r"^[A-Za-zÅÄÖåäö(]")
_CAPTION_COLON_RE = re.compile(r"\w:\s+\w")
_WORD_SPLIT_RE = re.compile(r"[\s/]+")
_WIDE_SPACE_RE = re.compile(rf" {{{MIN_HEADER_NAME_GAP},}}")
# short codes printed in columns of their own before a label, each followed by a wide space: a
# row number or priority (one or two digits) and a status letter or two
_CODE_COLUMNS_RE = re.compile(r"^(?:(?:\d{1,2}|[A-ZÅÄÖ]{1,2})\s{%d,})+" % MIN_CELL_GAP)
DASHES = ("-", "–", "−", "—", "‒")  # a bare dash prints nothing: an empty cell
MIN_TITLE_WORDS = 3  # words: a shorter text after 'number – ' may be a note after an empty cell
_LETTER_RE = re.compile(r"[A-Za-zÅÄÖåäö]{2}")
# a note is looked for among this many tokens at the end of a line, values start at its end
_TAIL_TOKENS = MAX_NOTE_TOKENS + 1


@dataclass(slots=True)
class LineInfo:
    """What a line offers to a table: its label, its value tokens (space layout) or value
    cells (tab layout), and whether it looks like a header line."""

    line_no: int
    text: str
    is_tab: bool = False
    label: str = ""
    context: str = ""  # text cells before the label (tab layout), e.g. the goal of an indicator
    tokens: list[str] = field(default_factory=list)  # space layout: number/marker tokens
    gaps: list[int] = field(default_factory=list)  # spaces before each token (space layout)
    spans: list[tuple[int, int]] = field(default_factory=list)  # where each token is printed
    cells: list[str] = field(default_factory=list)  # tab layout: cells after the label
    note: str = ""  # space layout: text printed after the numbers ('Öka', 'Beslut KF …')
    padded: bool = False  # a blank line printed as spaces (PDF text separates rows so)

    @property
    def blank(self) -> bool:
        text = self.text
        return not text or text.isspace()

    @property
    def printed(self) -> str:
        """The line's words, one space between: how much text it holds, whatever the spaces
        that text laid out in columns puts between them (a length limit counts this)."""
        return " ".join(self.text.split())

    @property
    def n_values(self) -> int:
        if self.is_tab:
            strict = sum(1 for c in self.cells if is_value_cell(c))
            compound = sum(1 for c in self.cells if not is_value_cell(c) and is_compound_value(c))
            # a row of values printed with words ('52%/47%', '15 mkr') when two or more are
            return strict + (compound if compound >= MIN_COMPOUND_VALUES else 0)
        return len(self.tokens)

    @property
    def breaks(self) -> tuple[int, ...]:
        """The value tokens printed after a wide space (space layout): a number never runs on
        into them ('1 000    500' is two cells, '1 000 500' may be one)."""
        return tuple(k for k, g in enumerate(self.gaps) if k and g >= MIN_CELL_GAP)

    @property
    def has_values(self) -> bool:
        return self.n_values > 0 if self.is_tab else bool(self.tokens)

    def only_years(self) -> bool:
        vals = [c for c in self.cells if c.strip()] if self.is_tab else self.tokens
        return bool(vals) and all(YEAR_RE.match(v.strip()) for v in vals)


def is_value_cell(cell: str) -> bool:
    c = cell.strip()
    return bool(c) and (parse_number(c) is not None or is_marker(c) or leading_marker(c))


def is_compound_value(cell: str) -> bool:
    """A short cell that prints a value with words or two values ('8/7', '15 mkr',
    'Mindre än 23', '52%/47%', '38 41 (2021)'): a value cell whose text is kept as printed."""
    c = cell.strip()
    return bool(c) and len(c) <= MAX_COMPOUND_VALUE and bool(_DIGIT_RE.search(c)) and not YEAR_RE.match(c)


# a rule drawn with characters: across the table, or under each column ('-------   -------')
_RULE_RE = re.compile(r"^\s*[-=_\u2500\u2501\u2550]{3,}(?:\s+[-=_\u2500\u2501\u2550]{3,})*\s*$")


def analyse_line(line_no: int, raw: str) -> LineInfo:
    if _RULE_RE.match(raw):
        # a rule under a header or above a sum parts nothing: read as a blank line, it is
        # neither a caption nor a label
        return LineInfo(line_no=line_no, text="")
    text = strip_markup(raw).rstrip() if "<" in raw else raw.rstrip()
    if "(" in text:
        text = bracketed_negatives(text).rstrip()
    info = LineInfo(line_no=line_no, text=text)
    if not text.strip():
        info.padded = bool(raw.strip("\r\n"))
        return info
    if "\t" in text:
        return _analyse_tab(info)
    if _no_values_at_end(text):
        info.label = text.strip()
        return info
    return _analyse_space(info)


# a negative amount printed in brackets, standing as a cell (a wide space or the line's end
# after it): with decimals or thousands, so a footnote '(1)' or a year '(2023)' is none
_BRACKETED_RE = re.compile(
    r"(?:(?<=\s\s)|^)\((\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:,\d+)?|\d+,\d+)\)(?=\s\s|\s*$)"
)


def bracketed_negatives(text: str) -> str:
    """'(2 318,4)' standing as a cell is −2 318,4 (accounts print negatives so): the bracket
    becomes a minus sign and the closing one a space, so the line keeps its layout."""
    return _BRACKETED_RE.sub(lambda m: f"-{m.group(1)} ", text)


def _no_values_at_end(text: str) -> bool:
    """A space line whose last tokens hold no number and no marker: no values and no note
    (a note follows values), so the whole line is its label. A quick test for running text."""
    for tok in text.rsplit(None, _TAIL_TOKENS)[-_TAIL_TOKENS:]:  # the last tokens, the line not split whole
        if is_number_token(tok) or _is_space_marker(tok):
            return False
    return True


def _analyse_tab(info: LineInfo) -> LineInfo:
    info.is_tab = True
    cells = [c.strip() for c in info.text.split("\t")]
    first_value = next((i for i, c in enumerate(cells) if is_value_cell(c) or is_compound_value(c)), None)
    first_text = next((i for i, c in enumerate(cells) if c), None)
    if first_value is not None and first_value == first_text and not is_value_cell(cells[first_value]) and any(
        is_value_cell(c) for c in cells[first_value + 1 :]
    ):
        # the first cell of a row is its label even with a code in it ('100/130 Politisk verksamhet')
        first_value = next(i for i, c in enumerate(cells) if i > first_value and (is_value_cell(c) or is_compound_value(c)))
    if first_value is not None and not any(is_value_cell(c) for c in cells[first_value:]) and sum(
        is_compound_value(c) for c in cells[first_value:]
    ) < MIN_COMPOUND_VALUES:
        first_value = None
    head = cells if first_value is None else cells[:first_value]
    text_idx = [i for i, c in enumerate(head) if c]
    if first_value is None:
        # no values: label is the first text cell, the rest are header/text cells
        label_idx = text_idx[0] if text_idx else 0
    else:
        label_idx = text_idx[-1] if text_idx else max(first_value - 1, 0)
        if not text_idx:
            label_idx = first_value - 1 if first_value > 0 else -1
    info.label = cells[label_idx] if label_idx >= 0 else ""
    info.context = " ".join(cells[i] for i in text_idx if i < label_idx)
    info.cells = cells[label_idx + 1 :]
    while info.cells and not info.cells[-1]:
        info.cells.pop()
    return info


def _analyse_space(info: LineInfo, allow_note: bool = True) -> LineInfo:
    text = info.text
    spans = [(m.group(), m.start(), m.end()) for m in _WS_TOKEN_RE.finditer(text)]
    trailing = _trailing_text(spans) if allow_note else 0
    printed = list(spans)  # every token, the note's included
    if trailing:
        info.note = text[spans[-trailing][1] :].strip()
        spans = spans[:-trailing]
    vals: list[tuple[str, int, int]] = []
    i = len(spans) - 1
    while i >= 0:
        tok, s, e = spans[i]
        if tok in AMOUNT_SUFFIXES and i > 0 and is_number_token(spans[i - 1][0]) and s - spans[i - 1][2] == 1 and (
            i == len(spans) - 1 or spans[i + 1][1] - e >= MIN_CELL_GAP
        ):
            # an amount printed with its unit in a cell of its own ('1 250 kr   1 300 kr')
            ptok, ps, _ = spans[i - 1]
            spans[i - 1] = (ptok + tok, ps, e)
            i -= 1
            continue
        if tok == "%" or FOOTNOTE_ONLY_RE.match(tok):
            # attaches to the number before it
            if i > 0 and (is_number_token(spans[i - 1][0]) or is_number_token(spans[i - 1][0] + "%")):
                ptok, ps, _ = spans[i - 1]
                spans[i - 1] = (ptok + tok, ps, e)  # printed text is kept through the span
                i -= 1
                continue
            break
        if is_number_token(tok) or _is_space_marker(tok):
            vals.append((tok, s, e))
            i -= 1
            continue
        if tok.lower() in ("max", "min") and vals and vals[-1][1] == e + 1:
            # 'max 1 %': a target with its comparator word
            _, _, ne = vals.pop()
            vals.append((text[s:ne], s, ne))
            i -= 1
            continue
        break
    vals.reverse()
    if len(vals) == 1 and vals[0][0].rstrip("*").lower() == "x":
        vals = []  # a lone 'X' ends a label; among values it marks a missing one
    # "- 20 347": a lone minus followed by a number is that number's sign
    merged: list[tuple[str, int, int]] = []
    for tok, s, e in vals:
        if merged and merged[-1][0] in "-−–" and _LEADING_DIGIT_RE.match(tok) and s - merged[-1][2] == 1:
            ptok, ps, _ = merged.pop()
            merged.append((ptok + tok, ps, e))
        else:
            merged.append((tok, s, e))
    if _year_ends_label(text, merged):
        merged = merged[1:]
    # a dangling sign at the start belongs to the label (e.g. "-varav ...") only if no digit follows
    label_end = merged[0][1] if merged else len(text)
    info.label = text[:label_end].strip()
    codes = _CODE_COLUMNS_RE.match(info.label) if merged else None
    if codes and _LETTER_RE.search(info.label[codes.end():]):
        # code columns before the label ('1     P    6289 Utrustning'): the row's context
        info.context = " ".join(codes.group().split())
        info.label = info.label[codes.end():]
    info.tokens = [t for t, _, _ in merged]
    info.spans = [(s, e) for _, s, e in merged]
    prev_end = len(text[:label_end].rstrip()) if info.label else label_end
    gaps = []
    for tok, s, e in merged:
        gaps.append(s - prev_end)
        prev_end = e
    info.gaps = gaps
    # one value in a column of its own, then text in the next (laid out in columns)
    alone = len(merged) == 1 and _set_apart(printed, [sp[1] for sp in printed].index(merged[0][1]), len(spans) - 1)
    if info.note and len(info.tokens) < MIN_VALUES_BEFORE_NOTE and not alone:
        # not a row after all: the words belong to the label
        info.label, info.note = text.strip(), ""
        info.tokens, info.spans, info.gaps = [], [], []
        return _analyse_space(info, allow_note=False)
    return info


def _year_ends_label(text: str, vals: list[tuple[str, int, int]]) -> bool:
    """A year one space after a label's word, then a wide space before values that are no
    years ('Utfall 2024      -2,8    2,3 …', 'Budget 2025    20,0'): the year ends the label, it
    is no value (text laid out in columns sets values apart from their labels)."""
    if len(vals) < 2 or not YEAR_RE.match(vals[0][0]):
        return False
    start = vals[0][1]
    before = text[:start]
    return (
        before.endswith(" ") and not before.endswith("  ") and _LETTER_RE.search(before[-3:-1] or "") is not None
        and vals[1][1] - vals[0][2] >= MIN_CELL_GAP and any(not YEAR_RE.match(t) for t, _, _ in vals[1:])
    )


def years_as_labels(body: list[LineInfo]) -> list[LineInfo]:
    """Rows that begin with a year where their labels would stand, and no label ('2020   245,0
    198,5'), the years in order from row to row: the year is each row's label (a table of
    years down the side), not a value. Other bodies as they are."""
    rows = [i for i in body if i.tokens and not i.is_tab and i.label == "" and not i.only_years()]
    years = [i for i in rows if YEAR_RE.match(i.tokens[0]) and len(i.tokens) >= 2 and i.gaps[1] >= MIN_CELL_GAP]
    if len(years) < MIN_YEAR_LABELS or len(years) < len(rows):
        return body
    order = [int(i.tokens[0]) for i in years]
    if order != sorted(set(order)) and order != sorted(set(order), reverse=True):
        return body
    labelled = {id(i) for i in years}
    return [
        replace(i, label=i.tokens[0], tokens=i.tokens[1:], spans=i.spans[1:], gaps=[i.gaps[1]] + i.gaps[2:])
        if id(i) in labelled else i
        for i in body
    ]


def note_place(info: LineInfo) -> int | None:
    """Where the note a space row prints after its values begins; None without one."""
    if info.is_tab or not info.note or not info.spans:
        return None
    rest = info.text[info.spans[-1][1]:]
    return info.spans[-1][1] + len(rest) - len(rest.lstrip())


def wraps_note_under(row: LineInfo, info: LineInfo) -> bool:
    """Is the line `info`, under the row `row` (right under it, or under that note's earlier
    lines), the rest of the note the row prints after its values? It begins where the note
    begins ('Lägre entreprenadkostnad än' / 'kalkylerat.'), whatever it prints."""
    at = note_place(row)
    return at is not None and not info.is_tab and abs(len(info.text) - len(info.text.lstrip()) - at) <= MAX_ALIGN_SLACK


def _trailing_text(spans: list[tuple[str, int, int]]) -> int:
    """How many tokens at the end of a line are a short note after its numbers
    ('Öka', 'Ej negativ', 'Beslut KF 2022-11-22, § 370'): at most six tokens, starting with a
    word that is not a unit, after two printed values or more."""
    for k in range(1, min(MAX_NOTE_TOKENS, len(spans) - 1) + 1):
        first = spans[len(spans) - k][0]
        before = spans[len(spans) - k - 1][0]
        if (
            not _NOTE_START_RE.match(first)
            or _is_space_marker(first)
            or not (is_number_token(before) or _is_space_marker(before))
        ):
            continue
        if first.lower().strip("().,") in NOTE_EXCLUDED:
            return 0
        if first.lower() in ("max", "min") and k == 2 and is_number_token(spans[-1][0]):
            return 0  # 'max 1%': a target value, not a note
        run: list[tuple[str, int, int]] = []
        for span in reversed(spans[: len(spans) - k]):
            if not (is_number_token(span[0]) or _is_space_marker(span[0])):
                break
            run.insert(0, span)
        note_start = spans[len(spans) - k][1]
        if (len(run) >= 2 and run[-1][0] in DASHES and note_start - run[-1][2] == 1 and run[-1][1] - run[-2][2] == 1
                and k >= MIN_TITLE_WORDS and first[:1].isupper()):
            # 'Artikel 31 – Rätt till lek, vila': a dash one space between a number and a phrase
            # is a title's dash, no empty cell before a note ('12 – Öka')
            run = run[:-1]
        numbers = [span for span in run if is_number_token(span[0])]
        breaks = tuple(m for m in range(1, len(numbers)) if numbers[m][1] - numbers[m - 1][2] >= MIN_CELL_GAP)
        values = len(split_numbers([t for t, _, _ in numbers], breaks=breaks)) + (len(run) - len(numbers))
        if values >= MIN_VALUES_BEFORE_NOTE:
            return k
        if values == 1 and _set_apart(spans, len(spans) - k - len(run), len(spans) - k - 1):
            return k  # 'Familjehem     370 000     Ingår i ersättningen ovan': text in a column of its own
        start = len(spans) - k - len(run)
        if start > 0 and not is_number_token(spans[start - 1][0]) and run[0][1] - spans[start - 1][2] == 1:
            continue  # a number among the note's words ('… 5 000   Förskjuts till 2026 på grund av')
        return 0
    return 0


def _set_apart(spans: list[tuple[str, int, int]], first: int, last: int) -> bool:
    """Are the tokens first..last printed in a column of their own: a wide space before them,
    after a word, and after them? (Text laid out in columns; running text puts one space
    between words.)"""
    return (
        0 < first <= last < len(spans) - 1
        and spans[first][1] - spans[first - 1][2] >= MIN_HEADER_NAME_GAP
        and spans[last + 1][1] - spans[last][2] >= MIN_HEADER_NAME_GAP
    )


@lru_cache(maxsize=65_536)
def _is_space_marker(tok: str) -> bool:
    t = tok.rstrip("*")
    return is_marker(t) or t in ("I.U", "i.u.")


def is_header_line(info: LineInfo, vocab: Vocabulary) -> bool:
    """A line that names columns: header words or years, and no values but years."""
    if info.blank:
        return False
    if info.is_tab:
        numbers = [c for c in info.cells if is_value_cell(c)]
        texts = [c for c in [info.label] + info.cells if c and not is_value_cell(c)]
        if any(not YEAR_RE.match(c.strip()) for c in numbers):
            return False
        # a tab line of two or more cells with no value but years names columns
        return len(texts) + len(numbers) >= MIN_TAB_HEADER_CELLS
    if info.has_values and not info.only_years():
        return False
    if info.only_years() and (not info.label or _has_header_word(info.label, vocab) or len(info.label) < MAX_YEAR_HEADER_LABEL):
        return True
    text = info.text.strip()
    pieces = wide_pieces(text)
    if any(_CAPTION_COLON_RE.search(piece) for piece in pieces):
        return False  # 'Kommunövergripande mål: Hållbar ekonomi' is a caption
    words = [w for w in _WORD_SPLIT_RE.split(text) if w]
    # a header names columns: mostly header words and years, not running text
    if text.endswith((".", ",")) and len(words) > 1:
        return False  # the end of a sentence
    # running text is as long as the line, a line laid out in columns as its longest piece
    if max(len(" ".join(piece.split())) for piece in pieces) > MAX_HEADER_LINE:
        return False
    if names_columns_apart(info, vocab):
        return True
    n_header = count_header_words(text, vocab)
    return n_header > 0 and (
        len(words) <= SHORT_HEADER_WORDS or n_header / len(words) >= MIN_HEADER_WORD_SHARE
    )


def wide_pieces(text: str) -> list[str]:
    """The pieces of a line that wide spaces part (text laid out in columns prints a name or a
    cell in each; running text is one piece)."""
    return _WIDE_SPACE_RE.split(text.strip())


def names_columns_apart(info: LineInfo, vocab: Vocabulary) -> bool:
    """A line laid out in columns whose pieces after the first (the stub, which may name the
    unit: 'Nettokostnad, belopp mkr') each name a column ('Utfall 2022     Budget 2023 …')."""
    if info.is_tab or info.has_values and not info.only_years():
        return False
    pieces = wide_pieces(info.text)
    return len(pieces) > MIN_COLUMNED_GAPS and all(
        count_header_words(piece, vocab) or _names_a_flow_or_note(piece, vocab) for piece in pieces[1:]
    )


def _names_a_flow_or_note(piece: str, vocab: Vocabulary) -> bool:
    """A piece of a line laid out in columns that names a column of revenues or costs
    ('Intäkter', 'Kostnader'), of note references ('Not') or of a gender ('Kvinnor', 'Män'):
    words that are labels in a row."""
    return any(vocab.is_flow_word(w) or vocab.is_note_word(w) or vocab.is_gender_word(w) for w in piece.split())


def _has_header_word(text: str, vocab: Vocabulary) -> bool:
    return count_header_words(text, vocab) > 0


def count_header_words(text: str, vocab: Vocabulary) -> int:
    n = 0
    for w in _WORD_SPLIT_RE.split(text):
        w = w.strip(".,:;()*")
        if w and (vocab.is_header_word(w) or YEAR_RE.match(w) or DATE_RE.match(w)):
            n += 1
    return n
