"""Where a table starts and ends in the lines of a report, and tables continued after a break.

The general facts these rules rest on:
- a table starts at a line of two values or more, or at a line of one value right under a
  header; values printed one under the other start after their label lines, under a header;
- rows follow one another, possibly with a blank line between each (as PDF text often prints
  them), wrapped label lines and headings; the header of other columns, a wide gap with no row
  soon after it, or running text ends the table;
- rows printed as paragraphs (labels of several lines, goals, text in value columns,
  footnotes at a page foot) leave text between rows that does not end the table;
- a header of text columns, then years, may stand above rows printed as paragraphs, after the
  goal texts, with its column names broken one word a line;
- a table that crosses a page break prints its header again after the page furniture: the
  same columns after a short gap of short lines with no values are the same table; where it
  prints no header again, rows after the break under no header, in as many columns, with only
  the page's furniture between, are the same table too;
- the same column names head tables of their own when a caption numbers a table, when the rows
  begin again with a label printed above, when running text stands between them, or when a
  heading that begins another unit's section does.
"""
from __future__ import annotations

import re

from .header import NUMBERED_CAPTION_RE, names_a_column
from .lines import DASHES, LineInfo, count_header_words, names_columns_apart, wraps_note_under
from .model import Table
from .rows import wraps_label_under
from .roles import (
    LineRoles, ends_wrapped_label, follows_footnote, is_caption_like, is_footnote, is_footnote_mark, is_year_header,
    names_columns, next_nonblank,
)
from .settings import (
    FIRST_ROW_REACH, LABEL_AFTER_GAP, MAX_CONTINUATION_GAP, MAX_CONTINUATION_TEXT, MAX_HEADER_PIECE,
    MAX_HEADER_PIECE_WORDS, MAX_PAGE_FURNITURE, MAX_STACKED_LABEL, MAX_STACKED_LABELS, MAX_TEXT_BETWEEN_ROWS, MIN_COLUMN_NAMES,
    MIN_ROW_PAIRS, MIN_SPACED_SHARE, MIN_VALUES_WITHOUT_HEADER, PARAGRAPH_HEADER_REACH, ROW_AFTER_GAP,
    ROW_AFTER_LABEL, ROW_REACH, SENTENCE_WORDS, TABLE_ROW_REACH, WIDE_GAP,
)
from .sections import starts_a_section
from .tab import repeats_header, same_columns, tab_header_above
from .vocabulary import Vocabulary


def starts_table(roles: LineRoles, i: int) -> bool:
    """Does a table start at line i?"""
    infos = roles.infos
    info = infos[i]
    if not roles.row[i] or roles.header[i]:
        return False
    if info.n_values >= MIN_VALUES_WITHOUT_HEADER and _printed_values(info) >= MIN_VALUES_WITHOUT_HEADER:
        return True
    # stacked values: label lines, then one value a line, under a header
    j = i - 1
    labels = 0
    while j >= 0 and (infos[j].blank or (not infos[j].has_values and not roles.header[j]
                                         and len(infos[j].text.strip()) <= MAX_STACKED_LABEL)):
        labels += 0 if infos[j].blank else 1
        j -= 1
    if not info.label and 1 <= labels <= MAX_STACKED_LABELS and j >= 0 and roles.header[j]:
        return True
    # a single value needs a header right above
    j = i - 1
    while j >= 0 and infos[j].blank:
        j -= 1
    return j >= 0 and roles.header[j] and infos[j].is_tab == info.is_tab


def _printed_values(info: LineInfo) -> int:
    """The values a line prints, a bare dash (an empty cell: nothing printed) not counted:
    'Artikel 17 –' at the end of a line of running text prints one."""
    if info.is_tab:
        return info.n_values
    return sum(1 for tok in info.tokens if tok.strip() not in DASHES)


def table_end(roles: LineRoles, start: int, spaced: bool = False) -> int:
    """The index of the last line of the table whose first row is at `start` (its last row, or
    the rest of that row's label wrapped under it); with `spaced`,
    the table starts out as one whose rows are paragraphs (under a header of years)."""
    infos = roles.infos
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
        if not info.blank and all(wraps_note_under(infos[last_row], infos[k]) for k in range(last_row + 1, j + 1)):
            j += 1  # the rest of the note the last row prints after its values
            continue
        if rows_are_paragraphs() and not info.blank and not roles.row[j] and (
            blanks >= WIDE_GAP or not roles.label[j]
        ):
            # rows printed as paragraphs: text between them does not end the table
            nxt = resumes(roles, j, reach=TABLE_ROW_REACH)
            if nxt is None:
                break
            j = nxt
            continue
        if info.blank:
            blanks += 1
            if blanks >= WIDE_GAP and not rows_are_paragraphs() and not _row_after_gap(roles, j):
                break
        elif _names_new_columns(roles, j):
            break
        elif roles.row[j]:
            if _starts_next_table(roles, start, j):
                break
            if ends_wrapped_label(infos[j - 1], info):
                j += 1  # text that ends in a year ('… prognos för helår 2023'), not a row
                continue
            spaced_pairs += any(infos[k].blank for k in range(last_row + 1, j))
            pairs += 1
            last_row = j
            blanks = 0
        elif roles.label[j]:
            if starts_a_section([i.text.strip() for i in infos[j - 1 : j + 2]], 1, roles.vocab):
                break  # a heading that begins another unit's section
            blanks = 0
        else:
            break
        j += 1
    # the last row's label wrapped under its values ('Väntetid till särskilt boende från  58' /
    # 'beslut till erbjudande, dagar') is the table's last line
    below = last_row + 1
    if below < len(infos) and not infos[below].blank and not roles.row[below] and wraps_label_under(
        infos[last_row], infos[below], infos[below + 1] if below + 1 < len(infos) else None
    ):
        return below
    return last_row


def _row_after_gap(roles: LineRoles, j: int) -> bool:
    """After a wide gap that reaches line j, a row soon (after a wrapped label or a heading,
    perhaps): the gap does not end the table."""
    nxt = next_nonblank(roles.infos, j)
    if nxt is not None and nxt - j <= LABEL_AFTER_GAP and roles.label[nxt]:
        # a wrapped label or a heading, then a row
        after = next_nonblank(roles.infos, nxt + 1)
        if after is not None and after - nxt <= ROW_AFTER_LABEL and roles.row[after]:
            nxt = after
    return not (nxt is None or nxt - j > ROW_AFTER_GAP or not roles.row[nxt] or roles.header[nxt])


def _names_new_columns(roles: LineRoles, j: int) -> bool:
    """A header line (not a row) that names columns: the header of the next table. Laid out in
    columns, its pieces after the stub may name genders, revenues and costs, notes
    ('Kvalitetsmått, %   Kvinnor   Män   Totalt')."""
    info = roles.infos[j]
    return roles.header[j] and not roles.row[j] and (
        info.is_tab or count_header_words(info.text, roles.vocab) >= MIN_COLUMN_NAMES
        or names_columns_apart(info, roles.vocab)
    )


def _starts_next_table(roles: LineRoles, start: int, j: int) -> bool:
    """A row line that belongs to the next table: a tab row under space rows, the header of
    years of the next table, the caption of the next that ends in a year, or a tab header of
    other columns printed again."""
    infos, vocab = roles.infos, roles.vocab
    info = infos[j]
    if info.is_tab != infos[start].is_tab and not infos[start].is_tab:
        return True
    if is_year_header(info, vocab) or _unlabelled_years(info) and not infos[start].only_years():
        return True
    if info.label and info.n_values == 1 and info.only_years() and infos[j - 1].blank and infos[start].n_values > 1:
        return True  # after a blank line, under rows of several values: a caption ('Resultatbudget 2026')
    return repeats_header(info, vocab) and not same_columns(info, tab_header_above(infos, start, vocab))


def _unlabelled_years(info: LineInfo) -> bool:
    """Years in order and nothing before them ('   2023   2024   Jan–aug 2025'): under rows of
    other values, the header of the next table, not a row."""
    if info.is_tab or info.label.strip() or len(info.tokens) < 2 or not info.only_years():
        return False
    years = [int(t) for t in info.tokens]
    return all(a < b for a, b in zip(years, years[1:]))


def paragraph_header(roles: LineRoles, i: int) -> tuple[int, int] | None:
    """A header of text columns and years ('Nämndmål Nämndindikator 2021 2022', then 'Mars',
    '2023', 'Önskvärd' … one to a line) whose rows follow as paragraphs, after goal texts.
    Returns (last header line, first row) as indexes."""
    infos, vocab = roles.infos, roles.vocab
    if not is_year_header(infos[i], vocab):
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
    while pieces and not names_a_column(infos[pieces[-1]].text, infos[pieces[-2]].text if len(pieces) > 1 else "", vocab):
        pieces.pop()
    h = pieces[-1] if pieces else i
    first = resumes(roles, h + 1, reach=FIRST_ROW_REACH)
    if first is None or first == h + 1:
        return None
    return h, first


def resumes(roles: LineRoles, j: int, reach: int = ROW_REACH) -> int | None:
    """In a table whose rows are paragraphs, the row that goes on after label paragraphs
    (wrapped labels, goals, text in value columns) and footnotes, if one does before a header,
    a caption or running text."""
    infos, vocab = roles.infos, roles.vocab
    seen = 0
    for k in range(j, len(infos)):
        info = infos[k]
        if info.blank:
            continue
        seen += 1
        if seen > reach:
            return None
        if is_footnote(info) or (not info.has_values and follows_footnote(infos, k)):
            continue
        if roles.header[k] and not roles.row[k] and names_columns(info, vocab):
            return None
        if is_year_header(info, vocab):
            return None  # the header of the next table
        # a row right under where the search starts (under the header) wraps no label above it
        if roles.row[k] and (k == j or not ends_wrapped_label(infos[k - 1], info)):
            return k
        if roles.row[k]:
            continue
        if len(info.text.strip()) > MAX_TEXT_BETWEEN_ROWS or is_caption_like(info, vocab):
            return None
    return None


def merge_continued(tables: list[Table], infos: list[LineInfo], vocab: Vocabulary | None = None) -> list[Table]:
    """Join a table to the one before it when it repeats the same column headers after a
    short gap (a page break or a block caption): it is the same table continued."""
    merged: list[Table] = []
    for t in tables:
        prev = merged[-1] if merged else None
        if prev is not None and prev.headers == t.headers and prev.layout == t.layout and not all(
            h.startswith("Kolumn ") for h in t.headers
        ) and not _a_table_of_its_own(prev, t) and not _titled_anew(prev, t, vocab):
            if _short_gap(infos, prev.last_line, t.first_line - 1) and not _section_between(infos, prev, t, vocab):
                _append_rows(prev, t)
                if prev.kind == "other":
                    prev.kind = t.kind
                continue
        merged.append(t)
    for k, t in enumerate(merged, 1):
        t.table_no = k
    return merged


def _section_between(infos: list[LineInfo], prev: Table, t: Table, vocab: Vocabulary | None) -> bool:
    """A heading that begins another unit's section between the two tables' rows (the second
    table's caption, perhaps)."""
    if vocab is None or not t.rows:
        return False
    first_row = min(r.line_no for r in t.rows)
    texts = [i.text.strip() for i in infos[prev.last_line - 1 : first_row]]  # the lines around the gap
    return any(starts_a_section(texts, k, vocab) for k in range(1, len(texts) - 1))


def _titled_anew(prev: Table, t: Table, vocab: Vocabulary | None) -> bool:
    """A table whose caption names its unit ('Likvida medel, tkr') and differs from the caption
    of the table above (no 'forts.' of it) is a table of its own: a continued table prints its
    caption again, or none."""
    if vocab is None or vocab.money_unit_re is None or not t.caption or t.caption == prev.caption:
        return False
    low = t.caption.lower()
    return "forts" not in low and vocab.money_unit_re.search(low) is not None


def _a_table_of_its_own(prev: Table, t: Table) -> bool:
    """A table under the same column names as the one before it that is no continuation of it:
    its caption numbers a table ('Tabell 3', 'Tab. 2', 'Table 1'), or its rows begin with a
    label the table before it printed (the same rows for another unit or period: a continued
    table goes on with rows of its own)."""
    if t.caption and NUMBERED_CAPTION_RE.match(t.caption) and t.caption != prev.caption:
        return True
    first = next((r.label.strip() for r in t.rows if r.label.strip()), None)
    return first is not None and first in {r.label.strip() for r in prev.rows}




def join_across_pages(tables: list[Table], lines: list[str], pages: frozenset[int]) -> list[Table]:
    """A table that crosses a page break without printing its header again: after the break,
    rows under no header of their own (columns 'Kolumn k'), as many columns as the table above
    and the same layout, with nothing between them but the page's furniture (a few lines
    next to the break: a footer, a running header) are the rest of the table above."""
    if not pages:
        return tables
    joined: list[Table] = []
    for t in tables:
        prev = joined[-1] if joined else None
        if prev is not None and _continues_over_page(prev, t, lines, pages):
            _append_rows(prev, t)
            continue
        joined.append(t)
    return joined


def _append_rows(table: Table, rest: Table) -> None:
    """The rows of `rest` go on `table` (numbered on after its own)."""
    offset = len(table.rows)
    for r in rest.rows:
        r.row_no += offset
    table.rows.extend(rest.rows)
    table.last_line = rest.last_line


def _continues_over_page(prev: Table, t: Table, lines: list[str], pages: frozenset[int]) -> bool:
    if not t.rows or not all(h.startswith("Kolumn ") for h in t.headers) or all(h.startswith("Kolumn ") for h in prev.headers):
        return False
    if len(t.headers) != len(prev.headers) or t.layout != prev.layout:
        return False
    first_row = min(r.line_no for r in t.rows)
    breaks = [p for p in pages if prev.last_line < p <= first_row]
    if len(breaks) != 1:
        return False
    between = [k for k in range(prev.last_line + 1, first_row) if lines[k - 1].strip()]
    return len(between) <= MAX_PAGE_FURNITURE and all(abs(k - breaks[0]) <= MAX_PAGE_FURNITURE for k in between)


def _short_gap(infos: list[LineInfo], start: int, end: int) -> bool:
    """Between line indexes `start` and `end` (exclusive), a few short lines with no values
    (page furniture, a block caption) and blank lines; read only as far as needed."""
    n = 0
    for k in range(start, end):
        g = infos[k]
        if g.blank:
            continue
        n += 1
        if n > MAX_CONTINUATION_GAP or len(g.text.strip()) > MAX_CONTINUATION_TEXT or g.has_values:
            return False
        text = g.text.strip()
        if len(text.split()) >= SENTENCE_WORDS and text.endswith(".") and not (
            is_footnote(g) or is_footnote_mark(text)
        ):
            return False  # running text between them (a footnote's sentence aside): two tables
    return True
