"""Finding tables in report lines and reading them into rows and cells.

General rules only: a table is a run of lines that end in numbers, below a header that
names columns with header words (from the vocabulary seed) or years, below a caption.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from .classify import row_role, table_kind, table_unit, to_cell
from .model import Cell, Row, Table
from .lines import YEAR_RE, LineInfo, analyse_line, count_header_words, is_compound_value, is_header_line
from .notes import count_note_columns, strip_notes, without_note_words
from .numbers import groupings, is_marker, split_numbers
from .paragraphs import paragraph_above, split_goal
from .row_reader import settle_rows
from .settings import (
    FIRST_ROW_REACH, LABEL_AFTER_GAP, MAX_CAPTION, MAX_CAPTION_WORDS, MAX_CONTINUATION_GAP,
    MAX_CONTINUATION_TEXT, MAX_HEADER_PIECE, MAX_HEADER_PIECE_WORDS, MAX_LABEL, MAX_LABEL_BEFORE_YEAR,
    MAX_LABEL_LINE, MAX_MARKED_LABEL, MAX_PRE_ROW_LABELS, MAX_STACKED_LABEL, MAX_STACKED_LABELS,
    MAX_STUB_PIECE, MAX_STUB_PIECES, MAX_TAB_LABEL, MAX_TEXT_BETWEEN_ROWS, MAX_TEXT_IN_VALUE_COLUMN,
    MAX_UNMARKED_CAPTION, MAX_WORDS_BEFORE_FULL_STOP, MIN_BROKEN_PIECE, MIN_BROKEN_PIECES, MIN_COLUMN_NAMES,
    MIN_FITTING_SHARE, MIN_FOOTNOTE_LINE, MIN_FOOTNOTE_WITH_VALUES, MIN_FOOTNOTE_WORDS, MIN_HEADING_PADDING,
    MIN_LABEL_GAP_RIGHT, MIN_LABEL_GAP_SHIFTED, MIN_NAMING_SHARE, MIN_REPEATED_HEADER_CELLS,
    MIN_ROW_PAIRS, MIN_ROWS_FOR_SPACING, MIN_SPACED_SHARE, MIN_STACKED_GROUPS, MIN_STUB_WORDS_FOR_GOAL,
    MIN_SUB_ROW_WORDS, MIN_VALUES_WITHOUT_HEADER, MIN_YEAR_HEADER_YEARS, NO_COLUMN_LIMIT, PARAGRAPH_HEADER_REACH, ROW_AFTER_GAP,
    ROW_AFTER_LABEL, ROW_REACH, TAB_HEADER_REACH, TABLE_ROW_REACH, WIDE_GAP,
)
from .stacked import stacked_paragraph_rows
from .vocabulary import Vocabulary

# ---------------------------------------------------------------------------


def find_tables(lines: list[str], vocab: Vocabulary) -> list[Table]:
    infos = [analyse_line(i + 1, raw) for i, raw in enumerate(lines)]
    tables: list[Table] = []
    claimed = [False] * len(infos)
    i = 0
    while i < len(infos):
        found = None if claimed[i] else _table_at(infos, i, vocab, len(tables) + 1)
        if found is not None:
            table, end = found
            tables.append(table)
            for k in range(table.first_line - 1, table.last_line):
                claimed[k] = True
            i = end + 1
            continue
        i += 1
    return _merge_continued(tables, infos)


def _table_at(infos: list[LineInfo], i: int, vocab: Vocabulary, table_no: int) -> tuple[Table, int] | None:
    """The table that starts at line i, if one does, and the index of its last row."""

    def candidates():
        anchor = _paragraph_header(infos, i, vocab)
        if anchor is not None:
            # a header above rows printed as paragraphs: the table starts at its first row
            header_end, first_row = anchor
            yield first_row, _table_end(infos, first_row, vocab, spaced=True), (i, header_end)
        if _starts_table(infos, i, vocab):
            yield i, _table_end(infos, i, vocab), None

    for start, end, header_at in candidates():
        table = _build_table(infos, start, end, vocab, table_no, header_at=header_at)
        if table is not None and any(r.cells for r in table.rows):
            return table, end
    return None


def _repeats_header(info: LineInfo, vocab: Vocabulary) -> bool:
    """A tab row whose value cells are all column names ('2022', 'Augusti 2024', 'Riktning
    2025', '2023 januari-juli'): the header printed again, not a row."""
    cells = [c for c in info.cells if c.strip()]
    if not info.is_tab or len(cells) < MIN_REPEATED_HEADER_CELLS:
        return False
    for cell in cells:
        words = [w for w in re.split(r"[\s\-/]+", cell.strip()) if w]
        if not words or not all(YEAR_RE.match(w) or vocab.is_header_word(w) for w in words):
            return False
    return True


def _tab_header_above(infos: list[LineInfo], start: int, vocab: Vocabulary) -> LineInfo | None:
    """The tab header line just above a table's first row, if there is one."""
    for k in range(start - 1, max(start - 1 - TAB_HEADER_REACH, -1), -1):
        if infos[k].is_tab and is_header_line(infos[k], vocab):
            return infos[k]
    return None


def _same_columns(repeated: LineInfo, header: LineInfo | None) -> bool:
    """Does a header printed again name the table's own columns (all of them, or the first
    ones)? With no header to compare with, it is taken for the same."""
    if header is None:
        return True
    a = [c.strip() for c in repeated.cells if c.strip()]
    b = [c.strip() for c in header.cells if c.strip()]
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def _names_a_column(piece: str, before: str, vocab: Vocabulary) -> bool:
    """A piece of a header broken one word a line: a header word, a year, '/värde', or the
    end of a word broken above ('Målvä' 'rde')."""
    t = piece.strip()
    last = before.split()[-1] if before.split() else ""
    return (
        count_header_words(t, vocab) > 0 or t.startswith("/")
        or (t[:1].islower() and vocab.is_measure_word(last.rstrip("-") + t))
    )


def _is_year_header(info: LineInfo, vocab: Vocabulary) -> bool:
    """Text column names, then years: 'Nämndmål Nämndindikator 2021 2022'."""
    return (
        not info.is_tab and info.only_years() and len(info.tokens) >= MIN_YEAR_HEADER_YEARS and bool(info.label)
        and count_header_words(info.label, vocab) == 0
    )


def _paragraph_header(infos: list[LineInfo], i: int, vocab: Vocabulary) -> tuple[int, int] | None:
    """A header of text columns and years ('Nämndmål Nämndindikator 2021 2022', then 'Mars',
    '2023', 'Önskvärd' … one to a line) whose rows follow as paragraphs, after goal texts.
    Returns (last header line, first row) as indexes."""
    if not _is_year_header(infos[i], vocab):
        return None
    h = i
    k = i + 1
    while k < len(infos) and k - i <= PARAGRAPH_HEADER_REACH:
        t = infos[k].text.strip()
        if infos[k].blank:
            k += 1
            continue
        if infos[k].is_tab or len(t) > MAX_HEADER_PIECE or len(t.split()) > MAX_HEADER_PIECE_WORDS or (infos[k].has_values and not infos[k].only_years()):
            break
        if k + 1 < len(infos) and len(infos[k + 1].text.strip()) > MAX_HEADER_PIECE and not t[:1].islower():
            break  # the first line of a paragraph, not a piece of the header ('rde' of 'Målvä' is)
        h = k
        k += 1
    # pieces after the last one that names a column belong to the text below ('En', 'Klimateffektiv')
    pieces = [k for k in range(i + 1, h + 1) if not infos[k].blank]
    while pieces and not _names_a_column(infos[pieces[-1]].text, infos[pieces[-2]].text if len(pieces) > 1 else "", vocab):
        pieces.pop()
    h = pieces[-1] if pieces else i
    first = _resumes(infos, h + 1, vocab, reach=FIRST_ROW_REACH)
    if first is None or first == h + 1:
        return None
    return h, first


def _merge_continued(tables: list[Table], infos: list[LineInfo]) -> list[Table]:
    """Join a table to the one before it when it repeats the same column headers after a
    short gap (a page break or a block caption): it is the same table continued."""
    merged: list[Table] = []
    for t in tables:
        prev = merged[-1] if merged else None
        if prev is not None and prev.headers == t.headers and prev.layout == t.layout and not all(
            h.startswith("Kolumn ") for h in t.headers
        ):
            gap = [infos[k] for k in range(prev.last_line, t.first_line - 1) if not infos[k].blank]
            if len(gap) <= MAX_CONTINUATION_GAP and all(
                len(g.text.strip()) <= MAX_CONTINUATION_TEXT and not g.has_values for g in gap
            ):
                offset = len(prev.rows)
                for r in t.rows:
                    r.row_no += offset
                prev.rows.extend(t.rows)
                prev.last_line = t.last_line
                if prev.kind == "other":
                    prev.kind = t.kind
                continue
        merged.append(t)
    for k, t in enumerate(merged, 1):
        t.table_no = k
    return merged


def _is_row(info: LineInfo) -> bool:
    if not info.has_values:
        return False
    if not info.is_tab and info.n_values == 1 and YEAR_RE.match(info.tokens[0]) and len(info.label) > MAX_LABEL_BEFORE_YEAR:
        return False  # a note that ends with a year
    if info.is_tab:
        return len(info.label) <= MAX_TAB_LABEL
    return len(info.label) <= MAX_LABEL and not info.label.endswith((":",))


def _starts_table(infos: list[LineInfo], i: int, vocab: Vocabulary) -> bool:
    info = infos[i]
    if not _is_row(info) or is_header_line(info, vocab):
        return False
    if info.n_values >= MIN_VALUES_WITHOUT_HEADER:
        return True
    # stacked values: label lines, then one value a line, under a header
    j = i - 1
    labels = 0
    while j >= 0 and (infos[j].blank or (not infos[j].has_values and not is_header_line(infos[j], vocab)
                                         and len(infos[j].text.strip()) <= MAX_STACKED_LABEL)):
        labels += 0 if infos[j].blank else 1
        j -= 1
    if not info.label and 1 <= labels <= MAX_STACKED_LABELS and j >= 0 and is_header_line(infos[j], vocab):
        return True
    # a single value needs a header right above
    j = i - 1
    while j >= 0 and infos[j].blank:
        j -= 1
    return j >= 0 and is_header_line(infos[j], vocab) and infos[j].is_tab == info.is_tab


def _is_caption_like(info: LineInfo, vocab: Vocabulary) -> bool:
    """A line that names an amount unit ('belopp mnkr', 'tkr'): a caption. A percent sign is
    not enough: indicator labels print '(%)'."""
    low = info.text.lower()
    return "belopp" in low or any(
        re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", low) for w, unit in vocab.units if unit in vocab.money_units
    )


def _is_label_line(info: LineInfo, vocab: Vocabulary) -> bool:
    t = info.text.strip()
    if not t or info.has_values:
        return False
    if len(t) > MAX_LABEL_LINE or _is_footnote_mark(t) or re.match(r"^\d+\s+\D", t):
        return False
    if t.endswith(".") and len(t.split()) > MAX_WORDS_BEFORE_FULL_STOP:
        return False
    return not _is_caption_like(info, vocab)


def _is_footnote_mark(text: str) -> bool:
    """'*utfall januari till augusti' is a footnote; '* Andel nyanställda kvar i' is a label
    marked with an asterisk, and a line that breaks a word ('* Hållbart medarbetaren-') too."""
    if not text.startswith("*"):
        return False
    return not (text.endswith("-") or (re.match(r"^\*\s+[A-ZÅÄÖ]", text) and len(text) <= MAX_MARKED_LABEL))


def _next_nonblank(infos: list[LineInfo], j: int) -> int | None:
    while j < len(infos) and infos[j].blank:
        j += 1
    return j if j < len(infos) else None


def _is_footnote(info: LineInfo) -> bool:
    """A footnote printed inside a table at a page foot: '1 En skala med fyra nivåer …'."""
    t = info.text.strip()
    if t.startswith("*") and not _is_footnote_mark(t):
        return False
    return bool(re.match(r"^(\d{1,2}|[*¹²³⁴⁵⁶⁷⁸⁹]+)\s*[A-ZÅÄÖ]", t)) and (
        len(t) > MIN_FOOTNOTE_WITH_VALUES or not info.has_values
    ) and len(t.split()) >= MIN_FOOTNOTE_WORDS


def _resumes(infos: list[LineInfo], j: int, vocab: Vocabulary, reach: int = ROW_REACH) -> int | None:
    """In a table whose rows are paragraphs, the row that goes on after label paragraphs
    (wrapped labels, goals, text in value columns) and footnotes, if one does before a header,
    a caption or running text."""
    seen = 0
    for k in range(j, len(infos)):
        info = infos[k]
        if info.blank:
            continue
        seen += 1
        if seen > reach:
            return None
        if _is_footnote(info) or (not info.has_values and _follows_footnote(infos, k)):
            continue
        if is_header_line(info, vocab) and not _is_row(info) and _names_columns(info, vocab):
            return None
        if _is_year_header(info, vocab):
            return None  # the header of the next table
        if _is_row(info) and not _ends_wrapped_label(infos[k - 1], info):
            return k
        if _is_row(info):
            continue
        if len(info.text.strip()) > MAX_TEXT_BETWEEN_ROWS or _is_caption_like(info, vocab):
            return None
    return None


def _names_columns(info: LineInfo, vocab: Vocabulary) -> bool:
    """A header line of a new table, not a label that uses header words ('Avvikelse utfall
    mot'): two header words or more, with a year or with little else."""
    words = info.text.split()
    n = count_header_words(info.text, vocab)
    return info.is_tab or (
        n >= MIN_COLUMN_NAMES and (any(YEAR_RE.match(w) for w in words) or n >= MIN_NAMING_SHARE * len(words))
    )


def _ends_wrapped_label(prev: LineInfo, info: LineInfo) -> bool:
    """A year alone on the line right under a label line ends that label ('… neutralt år' /
    '2025'), it is not a row."""
    return (
        not info.is_tab and len(info.tokens) == 1 and bool(YEAR_RE.match(info.tokens[0]))
        and not prev.blank and not prev.has_values and not prev.is_tab
    )


def _follows_footnote(infos: list[LineInfo], k: int) -> bool:
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
        if _is_footnote(infos[j]):
            return True
        j -= 1
    return False

def _table_end(infos: list[LineInfo], start: int, vocab: Vocabulary, spaced: bool = False) -> int:
    last_row = start
    blanks = 0
    # row pairs separated by a blank line, of all row pairs so far (a table under a header of
    # years starts out as one whose rows are paragraphs)
    spaced_pairs, pairs = (MIN_ROW_PAIRS, MIN_ROW_PAIRS) if spaced else (0, 0)

    def rows_are_paragraphs() -> bool:
        return pairs >= MIN_ROW_PAIRS and spaced_pairs >= MIN_SPACED_SHARE * pairs

    j = start + 1
    while j < len(infos):
        info = infos[j]
        if rows_are_paragraphs() and not info.blank and not _is_row(info) and (
            blanks >= WIDE_GAP or not _is_label_line(info, vocab)
        ):
            # rows printed as paragraphs: text between them does not end the table
            nxt = _resumes(infos, j, vocab, reach=TABLE_ROW_REACH)
            if nxt is None:
                break
            j = nxt
            continue
        if info.blank:
            blanks += 1
            if blanks >= WIDE_GAP and not rows_are_paragraphs():
                # a wider gap still continues the table when rows go on after it
                nxt = _next_nonblank(infos, j)
                if nxt is not None and nxt - j <= LABEL_AFTER_GAP and _is_label_line(infos[nxt], vocab):
                    # a wrapped label or a heading, then a row
                    after = _next_nonblank(infos, nxt + 1)
                    if after is not None and after - nxt <= ROW_AFTER_LABEL and _is_row(infos[after]):
                        nxt = after
                if nxt is None or nxt - j > ROW_AFTER_GAP or not _is_row(infos[nxt]) or is_header_line(infos[nxt], vocab):
                    break
        elif is_header_line(info, vocab) and not _is_row(info) and (
            info.is_tab or count_header_words(info.text, vocab) >= MIN_COLUMN_NAMES
        ):
            break
        elif _is_row(info):
            if info.is_tab != infos[start].is_tab and not infos[start].is_tab:
                break
            if _is_year_header(info, vocab):
                break  # the header of the next table
            if _repeats_header(info, vocab) and not _same_columns(info, _tab_header_above(infos, start, vocab)):
                break  # a tab header of other columns: the next table
            if _ends_wrapped_label(infos[j - 1], info):
                j += 1  # text that ends in a year ('… prognos för helår 2023'), not a row
                continue
            spaced_pairs += any(infos[k].blank for k in range(last_row + 1, j))
            pairs += 1
            last_row = j
            blanks = 0
        elif _is_label_line(info, vocab):
            blanks = 0
        else:
            break
        j += 1
    return last_row


# ---------------------------------------------------------------------------
# header and caption


def _label_number(info: LineInfo, n_cols: int) -> LineInfo:
    """A label may end in a number that qualifies it ('Ram 2025', 'Effektivisering 1 %'): where
    a row prints one value more than the table has columns and the first is a year or a
    percentage among amounts, it is the label's."""
    if not info.label or not info.tokens or not n_cols:
        return info
    first = info.tokens[0]
    qualifies = YEAR_RE.match(first) or (first.endswith("%") and not any(t.endswith("%") for t in info.tokens[1:]))
    if not qualifies or len(split_numbers(info.tokens)) != n_cols + 1:
        return info
    end = info.spans[0][1]
    return replace(
        info, label=info.text[:end].strip(), tokens=info.tokens[1:], spans=info.spans[1:],
        gaps=[1] + info.gaps[2:],
    )


def _broken_words(text: str) -> bool:
    words = text.split()
    return len(words) >= MIN_BROKEN_PIECES and all(w.endswith("-") and len(w) >= MIN_BROKEN_PIECE for w in words)


def _join_hyphenated(lines: list[str], vocab: Vocabulary) -> list[str]:
    """Re-join words broken over lines: 'före-' + 'gående år', 'Investerin' + 'gsram'."""
    out: list[str] = []
    for line in lines:
        s = line.strip()
        broken = out[-1].split() if out else []
        lower = [k for k, w in enumerate(s.split()) if w[:1].islower()]
        if len(broken) >= MIN_BROKEN_PIECES and all(w.endswith("-") for w in broken) and len(lower) == len(broken):
            # a header printed in columns breaks each name on its own ('Nettokostnads-
            # Nettokostnads-' over 'Område ram 2025 ram 2026'): the pieces join in order
            words = s.split()
            for w, k in zip(broken, lower):
                words[k] = w[:-1] + words[k]
            out[-1] = " ".join(words)
            continue
        if out and out[-1].endswith("-") and s[:1].islower():
            out[-1] = out[-1][:-1] + s
            continue
        if out and s and " " not in s and s[:1].islower():
            last_word = out[-1].split()[-1] if out[-1].split() else ""
            if last_word and vocab.is_measure_word(last_word + s) and not vocab.is_measure_word(last_word):
                out[-1] = out[-1] + s
                continue
        out.append(s)
    return out


def _header_zone(infos: list[LineInfo], start: int, vocab: Vocabulary, header_at: tuple[int, int] | None = None):
    """Walk up from the first row: pre-row label lines, header lines, caption.

    Returns (caption_info, between_lines, header_lines, pre_row_lines)."""
    if header_at is not None:
        first, last = header_at
        header = [x for x in infos[first : last + 1] if not x.blank]
        pre = [x for x in infos[last + 1 : start] if not x.blank]
        k = first - 1
        while k >= 0 and infos[k].blank:
            k -= 1
        caption = infos[k] if k >= 0 and _captionable(infos[k]) and not infos[k].has_values else None
        return caption, [], header, pre
    j = start - 1
    pre: list[LineInfo] = []
    while j >= 0 and (infos[j].blank or (_is_label_line(infos[j], vocab) and not is_header_line(infos[j], vocab))):
        if not infos[j].blank:
            pre.append(infos[j])
        if len(pre) > MAX_PRE_ROW_LABELS:
            break
        j -= 1
    if j < 0 or not is_header_line(infos[j], vocab):
        # no header: the label lines above are caption candidates, not rows
        cap = None
        k = start - 1
        while k >= 0 and infos[k].blank:
            k -= 1
        if k >= 0 and not infos[k].has_values and len(infos[k].text.strip()) <= MAX_CAPTION:
            cap = infos[k]
        return cap, [], [], []
    header: list[LineInfo] = []
    pending: list[LineInfo] = []
    while j >= 0:
        info = infos[j]
        if info.blank:
            j -= 1
            continue
        if is_header_line(info, vocab) and (info.is_tab or not _is_caption_like(info, vocab)):
            header = [info] + pending + header
            pending = []
        elif (
            not info.has_values
            and len(info.text.strip()) <= MAX_STUB_PIECE
            and not info.text.strip().endswith(".")
            and not _is_caption_like(info, vocab)
        ):
            pending.insert(0, info)
            if len(pending) > MAX_STUB_PIECES:
                break
        else:
            break
        if info.is_tab:
            j -= 1
            break
        j -= 1
    # what is above the header: short fragments (stub header), then the caption
    between = pending
    k = j
    while k >= 0 and infos[k].blank:
        k -= 1
    caption = None
    if k >= 0 and not _captionable(infos[k]):
        k = -1
    if k >= 0 and _is_caption_like(infos[k], vocab) and not infos[k].has_values:
        caption = infos[k]
    elif between:
        caption, between = between[0], between[1:]
    elif k >= 0 and not infos[k].has_values and len(infos[k].text.strip()) <= MAX_UNMARKED_CAPTION:
        caption = infos[k]
    if caption is not None and header and header[0].is_tab and caption.is_tab:
        caption = None
    return caption, between, header, list(reversed(pre))


def _captionable(info: LineInfo) -> bool:
    """A caption is a short line, not a line of running text."""
    t = info.text.strip()
    return bool(t) and len(t) <= MAX_CAPTION and not t.endswith("-") and len(t.split()) <= MAX_CAPTION_WORDS


def _segment_header(lines: list[str], n_cols: int, vocab: Vocabulary) -> tuple[str, list[str]]:
    """Split header text (space layout) into a stub and one header per value column."""
    lines = _join_hyphenated(lines, vocab)
    primary: list[list[str]] = []
    sub_rows: list[list[str]] = []
    stub: list[str] = []
    for line in lines:
        words = line.split()
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
        for w in words:
            cur = primary[-1] if primary else None
            only_prefix = cur is not None and all(vocab.is_prefix_word(x) for x in cur)
            starts = (
                (vocab.is_measure_word(w) and not only_prefix)
                or (vocab.is_prefix_word(w) and not only_prefix)
                or (vocab.is_month_word(w) and (cur is None or _has_year_or_month(cur, vocab)))
                or bool(YEAR_RE.match(w) and (cur is None or _has_year(cur)))
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


def _after_unit(text: str, vocab: Vocabulary) -> str:
    """The words of a caption line after its unit ('Belopp mnkr Beslutad' -> 'Beslutad')."""
    low = text.lower()
    for word, _ in vocab.units:
        m = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", low)
        if m:
            return text[m.end():].strip()
    return ""


def _has_year(words: list[str]) -> bool:
    return any(YEAR_RE.match(w) for w in words)


def _has_year_or_month(words: list[str], vocab: Vocabulary) -> bool:
    return any(YEAR_RE.match(w) or vocab.is_month_word(w) for w in words)


# ---------------------------------------------------------------------------
# rows


def _space_positions(
    info: LineInfo, values: list[str], n_cols: int, label_gap: bool = True
) -> tuple[list[int], str]:
    """Columns (0-based) of the values of a row that prints fewer than n_cols numbers.
    Without `label_gap`, the space after the label says nothing (a wrapped label's last line)."""
    k = len(values)
    if k >= n_cols:
        return list(range(k)), "full"
    if not label_gap and info.label:
        info = LineInfo(info.line_no, info.text, tokens=info.tokens, gaps=[1] + info.gaps[1:], spans=info.spans)
    # map each value back to its gap (the split may merge tokens into one value)
    gaps: list[int] = []
    t = 0
    for v in values:
        gaps.append(info.gaps[t] if t < len(info.gaps) else 1)
        t += len(v.split())
    extra = [max(g - 1, 0) for g in gaps]
    pos, col = [], 0
    for e in extra:
        col += e
        pos.append(col)
        col += 1
    if sum(extra) > 0 and pos[-1] < n_cols and (sum(extra) == n_cols - k or pos[-1] == n_cols - 1):
        return pos, "gaps"
    # ignore the gap after the label
    extra2 = [0] + extra[1:]
    pos, col = [], 0
    for e in extra2:
        col += e
        pos.append(col)
        col += 1
    if sum(extra2) > 0 and sum(extra2) == n_cols - k:
        return pos, "gaps"
    return list(range(k)), "ambiguous"


def _build_table(
    infos: list[LineInfo], start: int, end: int, vocab: Vocabulary, table_no: int,
    header_at: tuple[int, int] | None = None,
) -> Table | None:
    caption_info, between, header_infos, pre = _header_zone(infos, start, vocab, header_at)
    if not infos[start].is_tab:
        infos, caption_info, between, header_infos = _note_column(
            infos, start, end, vocab, caption_info, between, header_infos
        )
    body = infos[start : end + 1]
    layout = "tab" if infos[start].is_tab else "space"

    # value-column count: the most common count among rows (ties: the larger)
    raw_counts = []
    for info in body:
        if _is_row(info):
            if info.is_tab:
                raw_counts.append(len(info.cells))
            elif info.label or len(info.tokens) > 1:
                raw_counts.append(len(split_numbers(info.tokens)))
    count_freq = Counter(c for c in raw_counts if c >= 1)
    n_rows_mode = max(count_freq.items(), key=lambda kv: (kv[1], kv[0]))[0] if count_freq else 0

    stub_header = None
    headers: list[str] = []
    if header_infos:
        if header_infos[-1].is_tab:
            cells = [c.strip() for c in header_infos[-1].text.split("\t")]
            while cells and not cells[-1]:
                cells.pop()
            n_tab = max([n_rows_mode] + [len(i.cells) for i in body if _is_row(i)])
            headers = cells[-n_tab:] if len(cells) > n_tab else cells[1:]
            stub_header = " ".join(c for c in cells[: len(cells) - len(headers)] if c) or None
        else:
            head_lines = [h.text for h in header_infos]
            above = between[-1] if between else caption_info
            if above is not None and header_infos[0].line_no - above.line_no == 1 and _broken_words(above.text):
                # the first pieces of column names broken over two header lines
                head_lines.insert(0, above.text)
                if between:
                    between = between[:-1]
                else:
                    caption_info = None
            elif caption_info is not None and header_infos[0].line_no - caption_info.line_no == 1:
                rest = _after_unit(caption_info.text, vocab)
                if rest and any(vocab.is_header_word(w) for w in rest.split()):
                    head_lines.insert(0, rest)
            _, wide = _segment_header(head_lines, NO_COLUMN_LIMIT, vocab)
            n_guess = max(n_rows_mode, 1)
            if header_at is not None and len(wide) >= max(raw_counts, default=0):
                # rows of paragraphs often print fewer values than the header names
                n_guess = len(wide)
            elif len(wide) > n_guess:
                rows_tok = [i.tokens for i in body if _is_row(i) and not i.is_tab]
                fits = sum(1 for t in rows_tok if groupings(t, len(wide), limit=1))  # can be read so
                if rows_tok and fits >= MIN_FITTING_SHARE * len(rows_tok):
                    n_guess = len(wide)
            n_rows_mode = n_guess
            stub_header, headers = _segment_header(head_lines, n_guess, vocab)
            stub_header = stub_header or None
    n_cols = n_rows_mode
    if layout == "space" and headers and len(headers) != n_rows_mode:
        if any(c == len(headers) for c in raw_counts) or len(headers) > n_rows_mode:
            n_cols = len(headers)
    if layout == "tab":
        n_cols = max([n_rows_mode] + [len(i.cells) for i in body if _is_row(i)])
        if headers and len(headers) < n_cols:
            headers = headers + [""] * (n_cols - len(headers))
    if between:
        extra = " ".join(b.text.strip() for b in between)
        stub_header = f"{extra} {stub_header}".strip() if stub_header else extra
    if layout == "space" and header_at is None:
        body = [_label_number(info, n_cols) for info in body]

    rows: list[Row] = []
    heading: str | None = None
    pending: list[LineInfo] = list(pre)
    last_pattern: dict[int, list[int]] = {}
    span = infos[min([start] + [x.line_no - 1 for x in pre]) : end + 1]
    stacked = _stacked_blocks(body, pending, span)
    pending = [x for x in pending if x.line_no not in stacked.skip]
    unstacked = [b for b in body if b.line_no not in stacked.skip]
    # a table under a header of years whose rows follow as paragraphs: spaced, unless its rows
    # say otherwise
    spaced_rows = _rows_are_spaced(unstacked) or (header_at is not None and sum(map(_is_row, unstacked)) < MIN_ROWS_FOR_SPACING)
    by_line = {b.line_no: b for b in body}
    wrapped_numbers = _wrapped_numbers(body) if spaced_rows else set()
    # a stub of two text columns ('Nämndmål Nämndindikator'): a goal may precede the label
    two_text_columns = bool(stub_header) and len(stub_header.split()) >= MIN_STUB_WORDS_FOR_GOAL
    for info in body:
        if info.blank:
            continue
        if info.line_no in stacked.skip:
            # stacked values whose labels came before the table's first row (in `pre`)
            for label_line in sorted(k for k in stacked.rows if k < info.line_no):
                label_info, cells = stacked.rows.pop(label_line)
                pending = [p for p in pending if p.line_no != label_line]
                rows.append(_stacked_row(len(rows) + 1, label_info, cells))
            continue
        if info.line_no in stacked.rows:
            label_info, cells = stacked.rows.pop(info.line_no)
            for p in pending:
                rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            pending = []
            rows.append(_stacked_row(len(rows) + 1, label_info, cells))
            continue
        if spaced_rows and not _is_row(info) and (
            _is_footnote(info) or _follows_footnote(infos, info.line_no - 1)
        ):
            continue  # a footnote at a page foot inside the table
        if _repeats_header(info, vocab):
            # the header printed again inside the table, under the caption of its block
            for p in pending:
                rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            pending = []
            continue
        if not _is_row(info) or info.line_no in wrapped_numbers:
            pending.append(info)
            continue
        if spaced_rows and not info.is_tab and rows and _continues_values(info, pending, rows[-1], n_cols):
            # the rest of the row above: values printed under it, after text in a value column
            prev_row = rows[-1]
            col = max(c.col_no for c in prev_row.cells) + 1
            # a piece of value-column text that starts with a marker ('I.U (Ge-' … 'förs nov')
            # holds that marker as its cell
            for p in pending:
                first = p.text.split()[0] if p.text.split() else ""
                if is_marker(first) and first not in "-–−" and col < n_cols:
                    prev_row.cells.append(Cell(col, p.line_no, first, None, None))
                    col += 1
            values = split_numbers(info.tokens, n_cols - col + 1)
            for k, v in enumerate(_as_printed(info, values)[: n_cols - col + 1]):
                cell = to_cell(col + k, info.line_no, v)
                if cell:
                    prev_row.cells.append(cell)
            prev_row.placement = "continued"
            pending = []
            continue
        label = info.label
        label_first = info.line_no
        # wrapped label: label-only lines directly above that the row's label continues
        joined: list[LineInfo] = []
        goal = ""
        if spaced_rows and not info.is_tab:
            # rows printed as paragraphs: the label is the paragraph the values end
            joined = paragraph_above(pending, info, by_line)
            if joined:
                pending = pending[: pending.index(joined[0])]  # with a year note under the label
                label = " ".join(j.text.strip() for j in joined)
        while pending and (
            _continues(pending[-1], label, info)
            or (spaced_rows and not joined and _adjacent_unpadded(pending[-1], info))
        ):
            joined.insert(0, pending.pop())
            label = f"{joined[0].text.strip()} {label}".strip()
        if spaced_rows and not info.is_tab and two_text_columns:
            sentence_end = next((k for k in range(len(joined) - 1) if joined[k].text.strip().endswith(".")
                                 and joined[k + 1].text.strip()[:1].isupper()
                                 and joined[k + 1].line_no == joined[k].line_no + 1), None)
            if sentence_end is not None:
                # the end of the goal's sentence before the label's first line ('… god' 'kvalitet.')
                goal = " ".join(j.text.strip() for j in joined[: sentence_end + 1])
                joined = joined[sentence_end + 1 :]
                label = " ".join(j.text.strip() for j in joined)
            if not goal:
                goal, first = split_goal(joined[0].text if joined else label)
                if goal and joined:
                    joined[0] = LineInfo(joined[0].line_no, first)
                elif goal:
                    label = first
        if joined:
            label_first = joined[0].line_no
            label = _join_label([j.text.strip() for j in joined] + [info.label])
        for p in pending:
            rows.append(Row(len(rows) + 1, p.line_no, p.text.strip(), p.line_no, "heading"))
            heading = p.text.strip()
        pending = []
        row = Row(len(rows) + 1, info.line_no, label.strip(), label_first, row_role(label, True),
                  context=info.context or goal)
        prev = rows[-1] if rows else None
        if row.role == "total":
            heading = None
        elif row.role == "of_which":
            # 'varav' rows directly under a label-only heading are that heading's parts
            if prev is not None and (prev.role == "heading" or (prev.role == "of_which" and prev.parent_heading)):
                row.parent_heading = heading
        elif heading is not None:
            row.parent_heading = heading
        if info.is_tab:
            for k, c in enumerate(info.cells[:n_cols]):
                cell = to_cell(k + 1, info.line_no, c)
                if cell is None and is_compound_value(c):
                    cell = Cell(k + 1, info.line_no, c.strip(), None, None)
                if cell:
                    row.cells.append(cell)
        else:
            values = split_numbers(info.tokens, n_cols)
            if len(values) == n_cols - 1 and not info.note and not any(g > 1 for g in info.gaps[1:]):
                # no wider space between the numbers hints at a blank cell
                values = split_numbers(info.tokens, n_cols, any_split=True)
            pos, how = _space_positions(info, values, n_cols)
            if header_at is not None and info.note and len(values) == n_cols - 1:
                # a note after the values ('Öka', 'Minska') is the last column's text
                pos, how = list(range(len(values))), "full"
            elif header_at is not None and how in ("gaps", "ambiguous") and info.label and info.gaps:
                # paragraph tables: the space after a label counts only where it puts the
                # values under the columns the row above filled ('Män   1,8' under '… 1,9')
                filled = next((r for r in reversed(rows) if r.cells), None)
                above = {c.col_no - 1 for c in filled.cells} if filled is not None else set()
                shifted = [info.gaps[0] - 1 + k for k in range(len(values))]
                right = list(range(n_cols - len(values), n_cols))
                if how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_SHIFTED and set(shifted) <= above:
                    pos, how = shifted, "neighbour"
                elif how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_RIGHT and set(right) <= above:
                    pos, how = right, "neighbour"
                elif how == "gaps" and not set(pos) <= above:
                    pos, how = _space_positions(info, values, n_cols, label_gap=False)
            elif header_at is not None and not info.label and len(values) < n_cols and info.text[:1] == " ":
                # bare values indented under a label: the first columns are empty
                pos, how = list(range(n_cols - len(values), n_cols)), "indented"
            if how == "ambiguous" and len(values) in last_pattern:
                pos, how = last_pattern[len(values)], "neighbour"
            elif how in ("gaps",):
                last_pattern[len(values)] = pos
            row.placement = how
            for p, v in zip(pos, _as_printed(info, values)):
                cell = to_cell(p + 1, info.line_no, v)
                if cell:
                    row.cells.append(cell)
        rows.append(row)
    if layout == "space" and header_at is None:
        settle_rows(rows, by_line, n_cols)
    first_line = min([start + 1] + [p.line_no for p in pre])
    last_line = end + 1
    caption = caption_info.text.strip() if caption_info else None
    if caption is None and header_infos and header_infos[-1].is_tab and stub_header:
        caption = stub_header
    if caption_info is not None:
        first_line = min(first_line, caption_info.line_no)
    if header_infos:
        first_line = min(first_line, header_infos[0].line_no)
    unit = table_unit(caption, stub_header, headers, vocab)
    kind = table_kind(caption, stub_header, headers, rows, vocab, unit)
    headers = [_rejoin_word_breaks(h, vocab) for h in headers]
    if not headers:
        headers = [f"Kolumn {k + 1}" for k in range(n_cols)]
    return Table(table_no, caption, unit, kind, first_line, last_line, stub_header, headers, rows, layout)


def _note_column(infos, start, end, vocab, caption_info, between, header_infos):
    """A table whose header names a note column ('Not'): its rows read without their note
    references, its header without the word (see notes.py). Returns the lines so read."""
    heads = ([caption_info] if caption_info else []) + between + header_infos
    n_notes = count_note_columns([h.text for h in heads], vocab)
    if not n_notes:
        return infos, caption_info, between, header_infos
    plain = lambda h: replace(h, text=without_note_words(h.text, vocab)) if h is not None else None  # noqa: E731
    header_infos = [plain(h) for h in header_infos]
    _, columns = _segment_header([h.text for h in header_infos], NO_COLUMN_LIMIT, vocab)
    if not columns:
        return infos, caption_info, between, header_infos
    rows = [x for x in infos[start : end + 1] if x.tokens]
    read = strip_notes(rows, n_notes, len(columns))
    infos = [read.get(x.line_no, x) for x in infos]
    return infos, plain(caption_info), [plain(b) for b in between], header_infos


def _rejoin_word_breaks(text: str, vocab: Vocabulary) -> str:
    """'Investe- ringsram' -> 'Investeringsram'; 'jan- aug' -> 'jan-aug' (a range of months)."""

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if vocab.is_month_word(left) and vocab.is_month_word(right):
            return f"{left}-{right}"
        return left + right

    return re.sub(r"(\w+)- (?=([a-zåäö]\w*))(\w+)", lambda m: join(m) if m.group(2) == m.group(3) else m.group(0), text)


def _as_printed(info: LineInfo, values: list[str]) -> list[str]:
    """The text of each value as printed on the line ('- 20 347', not '-20 347')."""
    out, t = [], 0
    for v in values:
        n = len(v.split())
        if info.spans and t + n - 1 < len(info.spans):
            out.append(info.text[info.spans[t][0] : info.spans[t + n - 1][1]])
        else:
            out.append(v)
        t += n
    return out


@dataclass
class _Stacked:
    rows: dict  # label line_no -> (label LineInfo, [(col_no, value LineInfo)])
    skip: set


def _stacked_blocks(body: list[LineInfo], pre: list[LineInfo], span: list[LineInfo]) -> _Stacked:
    """Values printed one under the other (PDF text of a table whose cells stack): k label
    lines with no numbers, then groups of unlabeled one-value lines separated by blank lines;
    group j is column j, the i-th value of a group belongs to the i-th label. Labels of
    several lines: see stacked.py."""
    result = _Stacked({}, set())
    for found in stacked_paragraph_rows(span):
        key = found.label_lines[0].line_no
        text = _join_label([x.text.strip() for x in found.label_lines])
        result.rows[key] = (LineInfo(key, text), found.cells)
        result.skip.update(x.line_no for x in found.label_lines[1:])
        result.skip.update(v.line_no for _, v in found.cells)
    taken = set(result.skip) | set(result.rows)
    lines = list(pre) + [b for b in body if b.line_no not in {p.line_no for p in pre}]
    i = 0
    while i < len(lines):
        labels = []
        j = i
        while j < len(lines) and (lines[j].blank or (not lines[j].has_values and len(lines[j].text.strip()) <= MAX_STACKED_LABEL)):
            if not lines[j].blank:
                labels.append(lines[j])
            j += 1
        groups: list[list[LineInfo]] = []
        current: list[LineInfo] = []
        k = j
        while k < len(lines):
            info = lines[k]
            if info.blank:
                if current:
                    groups.append(current)
                    current = []
            elif info.has_values and not info.is_tab and not info.label and len(split_numbers(info.tokens)) == 1:
                current.append(info)
            else:
                break
            k += 1
        if current:
            groups.append(current)
        groups = _merge_short_groups(groups)
        k_rows = max((len(g) for g in groups), default=0)
        if len(groups) >= MIN_STACKED_GROUPS and 1 <= k_rows <= len(labels) and len(groups[0]) == k_rows and not any(
            v.line_no in taken for g in groups for v in g
        ):
            # the last k label lines are the rows; label lines before them are headings
            for idx, label in enumerate(labels[len(labels) - k_rows :]):
                cells = [(col + 1, g[idx]) for col, g in enumerate(groups) if idx < len(g)]
                result.rows[label.line_no] = (label, cells)
            for g in groups:
                result.skip.update(v.line_no for v in g)
            i = k
        else:
            i = max(j, i + 1)
    return result


def _merge_short_groups(groups: list[list[LineInfo]]) -> list[list[LineInfo]]:
    """A stacked column broken by a stray blank line ([4,5 4,3 9,7] [IU IU] under five labels
    whose other columns print five values) is one column."""
    if not groups:
        return groups
    k = max(len(g) for g in groups)
    merged: list[list[LineInfo]] = []
    for g in groups:
        if merged and len(merged[-1]) < k and len(merged[-1]) + len(g) <= k:
            merged[-1] = merged[-1] + g
        else:
            merged.append(g)
    return merged


def _stacked_row(row_no: int, label: LineInfo, cells: list[tuple[int, LineInfo]]) -> Row:
    row = Row(row_no, label.line_no, label.text.strip(), label.line_no, row_role(label.text, True), placement="stacked")
    for col, value in cells:
        cell = to_cell(col, value.line_no, _as_printed(value, [" ".join(value.tokens)])[0])
        if cell:
            row.cells.append(cell)
    return row


def _rows_are_spaced(body: list[LineInfo]) -> bool:
    """Are the table's rows separated by blank lines (as PDF text often prints them)?"""
    rows = [i for i, info in enumerate(body) if _is_row(info)]
    pairs = list(zip(rows, rows[1:]))
    spaced = sum(1 for a, b in pairs if any(body[k].blank for k in range(a + 1, b)))
    return bool(pairs) and spaced >= MIN_SPACED_SHARE * len(pairs)


def _wrapped_numbers(body: list[LineInfo]) -> set[int]:
    """Lines of a wrapped label that happen to end in a number ('som har mer än 10' above
    'km till närmaste …'): a one-number line whose next line goes on in lower case."""
    out = {b.line_no for a, b in zip(body, body[1:]) if _ends_wrapped_label(a, b)}
    for a, b in zip(body, body[1:]):
        nxt = b.text.strip()
        if (
            _is_row(a) and not a.is_tab and a.label and len(a.tokens) == 1 and not a.note
            and nxt[:1].islower() and not re.match(r"^varav\b", nxt, re.IGNORECASE)
        ):
            out.add(a.line_no)
    return out


def _continues_values(info: LineInfo, pending: list[LineInfo], prev: Row, n_cols: int) -> bool:
    """Values with no label of their own (or only a year note: '(2020)', '2023)') under a
    row that printed fewer values than the table has columns, with at most short pieces of
    text between ('Mindre än', 'Utfall inte till-'): the rest of that row."""
    if not prev.cells or prev.role == "heading":
        return False
    if info.label and re.search(r"[A-Za-zÅÄÖåäö]", info.label):
        return False
    if any(len(p.text.strip()) > MAX_TEXT_IN_VALUE_COLUMN for p in pending):
        return False
    free = n_cols - max(c.col_no for c in prev.cells)
    return 0 < len(split_numbers(info.tokens, free)) <= free


def _adjacent_unpadded(prev: LineInfo, row: LineInfo) -> bool:
    """A label line printed right above a row, not padded like a heading row of empty cells:
    in a table whose rows are spaced, it is the first line of the row's wrapped label."""
    raw = prev.text
    return prev.line_no == row.line_no - 1 and not prev.is_tab and len(raw) - len(raw.rstrip()) < MIN_HEADING_PADDING


def _join_label(parts: list[str]) -> str:
    """Join the lines of a wrapped label: 'leveran-' + 'törsfakturor' → 'leverantörsfakturor'."""
    out = ""
    for part in parts:
        part = part.strip()
        if out.endswith("-") and part[:1].islower() and not out.endswith(" -"):
            out = out[:-1] + part
        else:
            out = f"{out} {part}".strip()
    return out


def _continues(prev: LineInfo, label: str, row: LineInfo) -> bool:
    """Does the label-only line `prev` start the label that `row` ends?"""
    p = prev.text.strip()
    if p.endswith("-"):
        return True
    first = label.strip()[:1]
    if not first or re.match(r"^(19|20)\d\d\b", label.strip()):
        return True
    if re.match(r"^[-–−]?\s*varav\b", label.strip(), re.IGNORECASE):
        return False
    # a label does not start with a parenthesis: '(HME)' ends 'Hållbart medarbetarengagemang'
    return first.islower() or first == "(" or (p.endswith((",", "och", "i", "av", "för")))




