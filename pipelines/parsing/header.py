"""The header above a table's rows: its caption, its stub and the names of its value columns.

The general facts these rules rest on:
- above the first row stand, from the bottom up: label lines that head the first rows, the
  header lines that name the columns (header words of the vocabulary, or years), short
  fragments of the header or its stub, and a caption that names the table and often its unit;
- a tab header is one line; a header in space text may be broken over several lines, and a
  column name printed over two or three (a measure, a period, a year one under the other);
- in space text a column name starts with a measure word or a prefix word, with a month after a
  year or a month, or with a year after a year; the words before the first name are the stub;
- a line of years or header words under complete names adds to each name in order, also
  after the words of the stub's second line ('o   us Nr   2027   2028');
- names are printed apart: a word after a wide space that is no year, month or period begins
  a name ('Plan         Total utgift');
- a caption is a short line, not running text; one that names an amount unit is a caption even
  right above the header, and the words after its unit may name columns.
"""
from __future__ import annotations

import re

from .lines import LineInfo, YEAR_RE, count_header_words, is_header_line, names_columns_apart, wide_pieces
from .roles import is_caption_like, is_label_line
from .settings import (
    MAX_CAPTION, MAX_CAPTION_WORDS, MAX_UNIT_LINE_WORDS, MAX_PRE_ROW_LABELS, MAX_STUB_PIECE, MAX_STUB_PIECES,
    MAX_UNMARKED_CAPTION, MIN_COLUMNED_GAPS, MIN_HEADER_NAME_GAP, MIN_SUB_ROW_WORDS, SENTENCE_WORDS,
)
from .vocabulary import Vocabulary
from .words import join_hyphenated


def header_zone(
    infos: list[LineInfo], start: int, vocab: Vocabulary, header_at: tuple[int, int] | None = None, placed=None
):
    """Walk up from the first row: pre-row label lines, header lines, caption. `placed`
    (header_positions.PlacedNames) tells lines that name the rows' columns by where they stand.

    Returns (caption_info, between_lines, header_lines, pre_row_lines)."""
    if header_at is not None:
        return _zone_of_year_header(infos, start, header_at, vocab, placed)
    j, pre = _pre_row_labels(infos, start, vocab, placed)
    if j < 0 or not (is_header_line(infos[j], vocab) or _names_every_column(infos[j], vocab, placed)):
        # no header: the label lines above are caption candidates, not rows
        return _caption_without_header(infos, start), [], [], []
    j, header, between = _header_lines(infos, j, vocab, placed)
    caption, between = _caption_above(infos, j, between, header, vocab)
    return caption, between, header, list(reversed(pre))


def _nonblank_above(infos: list[LineInfo], k: int) -> int:
    """The index of the first non-blank line at k or above it, -1 if none."""
    while k >= 0 and infos[k].blank:
        k -= 1
    return k


def _zone_of_year_header(infos: list[LineInfo], start: int, header_at: tuple[int, int], vocab: Vocabulary, placed=None):
    """The zone of a header of years found above rows printed as paragraphs: its lines, the
    lines between it and the first row, and the caption right above it. A line right above
    the years whose pieces stand over the values names groups of them ('Kommunen   Koncernen'
    over '2024  2023  2024  2023'): it is the header's first line, the caption is above it."""
    first, last = header_at
    header = [x for x in infos[first : last + 1] if not x.blank]
    pre = [x for x in infos[last + 1 : start] if not x.blank]
    k = _nonblank_above(infos, first - 1)
    if k == first - 1 and k >= 0 and placed is not None and not is_caption_like(infos[k], vocab) and placed.names_some(infos[k]):
        header.insert(0, infos[k])
        k = _nonblank_above(infos, k - 1)
    caption = infos[k] if k >= 0 and captionable(infos[k]) and not infos[k].has_values else None
    return caption, [], header, pre


def _names_every_column(info: LineInfo, vocab: Vocabulary, placed) -> bool:
    """A line that names each of the rows' columns by where its pieces stand, in words the
    vocabulary need not know, a unit among them ('Mnkr   budget   anslag', 'Avvikelse' over
    'tkr')."""
    return placed is not None and placed.names_every(info)


def _unit_beyond_stub(info: LineInfo, vocab: Vocabulary) -> bool:
    """A line that names an amount unit other than in its stub, the piece at the margin."""
    text = info.text
    pieces = wide_pieces(text)
    rest = pieces[1:] if len(text) - len(text.lstrip()) < MIN_HEADER_NAME_GAP else pieces
    return is_caption_like(LineInfo(line_no=info.line_no, text="   ".join(rest)), vocab)


def _pre_row_labels(infos: list[LineInfo], start: int, vocab: Vocabulary, placed=None) -> tuple[int, list[LineInfo]]:
    """The label lines above the first row (bottom up), and the index where they stop."""
    j = start - 1
    pre: list[LineInfo] = []
    while j >= 0 and (infos[j].blank or (
        is_label_line(infos[j], vocab) and not is_header_line(infos[j], vocab)
        and not _names_every_column(infos[j], vocab, placed)
    )):
        if not infos[j].blank:
            pre.append(infos[j])
        if len(pre) > MAX_PRE_ROW_LABELS:
            break
        j -= 1
    return j, pre


def _caption_without_header(infos: list[LineInfo], start: int) -> LineInfo | None:
    """A table with no header: the short line right above its first row is its caption."""
    k = _nonblank_above(infos, start - 1)
    if k >= 0 and not infos[k].has_values and len(infos[k].printed) <= MAX_CAPTION:
        return infos[k]
    return None


def _header_lines(
    infos: list[LineInfo], j: int, vocab: Vocabulary, placed=None
) -> tuple[int, list[LineInfo], list[LineInfo]]:
    """From the header line at j upwards: the header lines (short fragments between them
    included), the short fragments above the top one, and the index where the walk stopped.
    A line that names the columns by place is a header line too: the bottom one names every
    column, one right above a header line may name some ('Totalt' over the last)."""
    header: list[LineInfo] = []
    pending: list[LineInfo] = []
    while j >= 0:
        info = infos[j]
        if info.blank:
            j -= 1
            continue
        if header and not pending and infos[j + 1].blank and _caption_over_columns(info, header):
            break
        # right above the rows, a line laid out in columns whose stub names the unit
        # ('Nettokostnad, belopp mkr      Utfall 2022      Budget 2023 …'): the whole header,
        # as a tab header is
        whole = not header and not pending and is_caption_like(info, vocab) and names_columns_apart(info, vocab)
        # a unit over a column is that column's ('Avvikelse' over 'tkr'); over the line of
        # names, a unit names a caption unless its stub prints it
        by_place = placed is not None and (
            placed.names_every(info) if not header
            else not pending and not infos[j + 1].blank and not _unit_beyond_stub(info, vocab) and placed.names_some(info)
        )
        if whole or by_place or (is_header_line(info, vocab) and (info.is_tab or not is_caption_like(info, vocab))):
            header = [info] + pending + header
            pending = []
        elif (
            not info.has_values
            and len(info.printed) <= MAX_STUB_PIECE
            and not info.text.strip().endswith(".")
            and not is_caption_like(info, vocab)
        ):
            pending.insert(0, info)
            if len(pending) > MAX_STUB_PIECES:
                break
        else:
            break
        if info.is_tab and j > 0 and _tab_groups_above(infos[j - 1], info, vocab):
            # a spreadsheet's merged cells over the names ('Januari–augusti', then 'Helår' over
            # the next run): the header's upper line
            header = [infos[j - 1]] + header
            j -= 2
            break
        if info.is_tab or (whole and not _names_above(infos, j, vocab)):
            j -= 1
            break
        j -= 1
    return j, header, pending


def _tab_groups_above(above: LineInfo, names: LineInfo, vocab: Vocabulary) -> bool:
    """A tab line right above a tab header that names groups of its columns: no values but
    years, fewer names than cells (a group's name leaves the cells it spans empty), one at
    least over the value columns."""
    if not above.is_tab or above.has_values and not above.only_years() or is_caption_like_beyond_stub(above, vocab):
        return False
    cells = above.text.split("\t")
    named = [k for k, c in enumerate(cells) if c.strip()]
    return any(k >= 1 for k in named) and len(named) < len([c for c in names.text.split("\t") if c.strip()])


def is_caption_like_beyond_stub(info: LineInfo, vocab: Vocabulary) -> bool:
    """A tab line that names an amount unit in a cell after its first (its stub may: 'Mnkr')."""
    cells = info.text.split("\t")
    return is_caption_like(LineInfo(line_no=info.line_no, text=" ".join(cells[1:])), vocab)


def _caption_over_columns(info: LineInfo, header: list[LineInfo]) -> bool:
    """Above a header laid out in columns and a blank line, a line of one piece from the margin
    ('Personalstatistik per 31 augusti'): the table's caption, not a line of its header (a
    header's upper lines stand over the columns they name)."""
    text = info.text
    return (
        not info.is_tab and len(text) - len(text.lstrip()) < MIN_HEADER_NAME_GAP
        and len(wide_pieces(text)) == 1 and all(len(wide_pieces(h.text)) >= 2 for h in header)
    )


def _names_above(infos: list[LineInfo], j: int, vocab: Vocabulary) -> bool:
    """Right above a header line whose stub names the unit, a line of column names printed
    against it (no blank line between): the header's upper line ('Budget   Utfall' over
    'Nämnd, mnkr   helår   jan–aug')."""
    if j == 0:
        return False
    above = infos[j - 1]
    return not above.blank and not above.is_tab and not is_caption_like(above, vocab) and is_header_line(above, vocab)


def _caption_above(
    infos: list[LineInfo], j: int, between: list[LineInfo], header: list[LineInfo], vocab: Vocabulary
) -> tuple[LineInfo | None, list[LineInfo]]:
    """What is above the header: short fragments (`between`, the stub), then the caption. A
    line naming a unit is the caption; else the top fragment is; else a short line above."""
    k = _nonblank_above(infos, j)
    caption = None
    if k >= 0 and not captionable(infos[k]):
        k = -1
    # a caption may end in a year ('Budgetjusteringar 2025', 'Tabell 2. Budget per nämnd 2025')
    textual = k >= 0 and (
        not infos[k].has_values or bool(NUMBERED_CAPTION_RE.match(infos[k].text))
        or (len(infos[k].tokens) == 1 and infos[k].only_years() and bool(infos[k].label))
    )
    if textual and is_caption_like(infos[k], vocab):
        caption = infos[k]
    elif between:
        caption, between = between[0], between[1:]
    elif textual and len(infos[k].printed) <= MAX_UNMARKED_CAPTION:
        caption = infos[k]
    if caption is not None and header and header[0].is_tab and caption.is_tab:
        caption = None
    if caption is not None and caption is infos[k]:
        caption = _titled(infos, k, vocab)
    return caption, between


def _titled(infos: list[LineInfo], k: int, vocab: Vocabulary) -> LineInfo:
    """A caption that only gives the unit ('Belopp i mnkr', '(tkr)') under a title printed
    right above it, or a blank line above it ('Hälso- och sjukvårdsnämndens driftredovisning'),
    goes with the title: the caption is both."""
    unit = infos[k]
    above = _nonblank_above(infos, k - 1)
    title = infos[above] if above >= 0 and k - above <= 2 else None
    if (
        not _names_only_a_unit(unit.text, vocab) or title is None or title.has_values
        or not captionable(title) or is_caption_like(title, vocab) or title.text.rstrip().endswith((".", ":"))
    ):
        return unit
    return LineInfo(line_no=title.line_no, text=f"{title.text.rstrip()} {unit.text.strip()}")


def _names_only_a_unit(text: str, vocab: Vocabulary) -> bool:
    """'Belopp i mnkr', 'Mnkr', '(tkr)', 'Belopp i tusental kronor': a unit, and nothing else."""
    low = text.lower()
    if vocab.money_unit_re is None or len(low.split()) > MAX_UNIT_LINE_WORDS or not vocab.money_unit_re.search(low):
        return False
    rest = vocab.money_unit_re.sub(" ", low)
    return all(w in UNIT_LINE_WORDS for w in re.findall(r"\w+", rest))


# a caption that numbers its table ('Tabell 4.', 'Tab. 2', 'Table A')
NUMBERED_CAPTION_RE = re.compile(r"^\s*(?:tabell|tab\.?|table)\s*(?:\d+|[A-Z]\b)", re.IGNORECASE)
# the words a line that gives a table's unit prints beside the unit ('Belopp i mnkr')
UNIT_LINE_WORDS = frozenset({"belopp", "i", "alla", "anges"})


def captionable(info: LineInfo) -> bool:
    """A caption is a short line, not a line of running text (nor a sentence's end)."""
    t = info.text.strip()
    n_words = len(t.split())
    sentence = t.endswith(".") and n_words >= SENTENCE_WORDS
    return bool(t) and len(info.printed) <= MAX_CAPTION and not t.endswith("-") and n_words <= MAX_CAPTION_WORDS and not sentence


def segment_header(lines: list[str], n_cols: int, vocab: Vocabulary) -> tuple[str, list[str]]:
    """Split header text (space layout) into a stub and one header per value column."""
    indents = {line.strip(): len(line) - len(line.lstrip()) for line in lines}
    lines = join_hyphenated(lines, vocab)
    primary: list[list[str]] = []
    sub_rows: list[list[str]] = []
    stub: list[str] = []
    for line in lines:
        placed = [(m.group(), m.start() - prev_end) for m, prev_end in _with_gaps(line)]
        words = [w for w, _ in placed]
        if not words:
            continue
        if len(primary) >= n_cols and len(words) >= MIN_SUB_ROW_WORDS and (
            all(YEAR_RE.match(w) for w in words) or all(vocab.is_header_word(w) for w in words)
        ):
            sub_rows.append(words)
            continue
        if len(primary) < n_cols and len(words) >= MIN_SUB_ROW_WORDS and all(YEAR_RE.match(w) for w in words) and primary:
            # a row of years under headers that are complete
            sub_rows.append(words)
            continue
        pieces = [piece.split() for piece in wide_pieces(line)]
        indented = indents.get(line, 0) >= MIN_HEADER_NAME_GAP  # nothing printed over the labels
        if (
            not primary and n_cols >= MIN_COLUMNED_GAPS
            and (len(pieces) == n_cols + 1 or (len(pieces) == n_cols and indented))
            and all(any(ch.isalpha() for ch in "".join(p)) for p in pieces)
        ):
            # a line laid out in columns that names each column apart: its pieces are the
            # names, whatever words they hold ('Redovisat jan-aug 2024 Utgifter'); with one
            # piece more, the first is the stub's
            if len(pieces) > n_cols:
                stub.extend(pieces.pop(0))
            primary.extend(pieces)
            continue
        lead = _stub_before_years(words, vocab)
        if primary and lead:
            # years under complete names after the second line of the stub ('o   us Nr   2027 2028')
            stub.extend(words[:lead])
            sub_rows.append(words[lead:])
            continue
        for w, gap in placed:
            cur = primary[-1] if primary else None
            only_prefix = cur is not None and all(vocab.is_prefix_word(x) for x in cur)
            starts = (
                # after a wide space, a word that is no year, month or period begins a name
                # ('Plan         Total utgift'): names are printed apart, their words are not
                (gap >= MIN_HEADER_NAME_GAP and not continues_a_name(w, vocab))
                or (vocab.is_measure_word(w) and not only_prefix)
                or (vocab.is_prefix_word(w) and not only_prefix)
                or (vocab.is_month_word(w) and (cur is None or _has_year_or_month(cur, vocab)))
                or bool(YEAR_RE.match(w) and (cur is None or _has_year(cur)))
                # 'Intäkter 2020 Intäkter 2021': a flow word names a column of its own
                or (vocab.is_flow_word(w) and (cur is None or _has_year(cur) or any(vocab.is_flow_word(x) for x in cur)))
            )
            if starts:
                primary.append([w])
            elif primary:
                primary[-1].append(w)
            else:
                stub.append(w)
    headers = [" ".join(p) for p in primary]
    # distribute sub-rows left-aligned
    for row in sub_rows:
        for k, w in enumerate(row):
            if k < len(headers):
                headers[k] = f"{headers[k]} {w}"
    if len(headers) > n_cols:
        headers = headers[:n_cols - 1] + [" ".join(headers[n_cols - 1:])]
    return " ".join(stub), headers


def _with_gaps(line: str):
    """The words of a header line, each with where the word before it ended (a first word:
    with its own start, so its gap is nought)."""
    prev_end = None
    for m in re.finditer(r"\S+", line):
        yield m, m.start() if prev_end is None else prev_end
        prev_end = m.end()


def continues_a_name(word: str, vocab: Vocabulary) -> bool:
    """A year, a month or a period word continues a column's name, it begins none."""
    return bool(YEAR_RE.match(word)) or vocab.is_month_word(word) or word.lower().strip(".,:;()*") in vocab.period_words


def _stub_before_years(words: list[str], vocab: Vocabulary) -> int:
    """Where a run of years ends the line after words of no column name (the stub's second
    line): the index of its first year, 0 when the line is not so."""
    k = len(words)
    while k > 0 and YEAR_RE.match(words[k - 1]):
        k -= 1
    if k == 0 or len(words) - k < MIN_SUB_ROW_WORDS:
        return 0
    if any(vocab.is_header_word(w) or _has_digit(w) for w in words[:k]):
        return 0
    return k


def _has_digit(word: str) -> bool:
    return any(ch.isdigit() for ch in word)


def after_unit(text: str, vocab: Vocabulary) -> str:
    """The words of a caption line after its unit ('Belopp mnkr Beslutad' -> 'Beslutad'; the
    unit's closing bracket or colon is the unit's: 'Investeringar (tkr)  Budget' -> 'Budget')."""
    low = text.lower()
    for word, _ in vocab.units:
        m = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", low)
        if m:
            return text[m.end():].lstrip(")]:,;").strip()
    return ""


def _has_year(words: list[str]) -> bool:
    return any(YEAR_RE.match(w) for w in words)


def _has_year_or_month(words: list[str], vocab: Vocabulary) -> bool:
    return any(YEAR_RE.match(w) or vocab.is_month_word(w) for w in words)


def names_a_column(piece: str, before: str, vocab: Vocabulary) -> bool:
    """A piece of a header broken one word a line: a header word, a year, '/värde', or the
    end of a word broken above ('Målvä' 'rde')."""
    t = piece.strip()
    last = before.split()[-1] if before.split() else ""
    return (
        count_header_words(t, vocab) > 0 or t.startswith("/")
        or (t[:1].islower() and vocab.is_measure_word(last.rstrip("-") + t))
    )
