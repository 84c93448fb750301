"""Rows printed as paragraphs (PDF text of indicator tables): which lines above a row's values
make its label, where a goal printed on the same lines ends, and values printed under a row.

The general facts these rules rest on:
- such rows are separated by blank lines, and each row's label is the paragraph its values
  end; a narrow sentence above it may belong to the label, a wider one is a goal;
- under a stub of two text columns, a goal comes before the label: the goal's sentence ends
  with a full stop, or the two texts share a line apart from a wide space or where a
  capitalised word follows words in lower case;
- a text column next to the values wraps too: values printed under a row that filled fewer
  than the table's columns are the rest of that row, and a marker at the start of such text
  is the value of its column;
- a wrapped label line may end in a number; the next line then goes on in lower case.

Pure functions over analysed lines; the row reader (rows.py) decides when to use them.
"""
from __future__ import annotations

import re

from .classify import to_cell
from .lines import LineInfo
from .model import Cell, Row
from .numbers import is_marker, split_numbers
from .roles import ends_wrapped_label, is_row
from .settings import MAX_TEXT_IN_VALUE_COLUMN, MIN_HEADING_PADDING, MIN_SPACED_SHARE
from .spaced import as_printed


def only_blank_between(by_line: dict[int, LineInfo], first: int, last: int) -> bool:
    """Are the lines strictly between line numbers `first` and `last` all blank?"""
    return all(by_line.get(n) is None or by_line[n].blank for n in range(first + 1, last))


def split_goal(line: str) -> tuple[str, str]:
    """The first line of a row under two text columns may start with the other column's text:
    'God kundsamverkan Antal genomförda' -> ('God kundsamverkan', 'Antal genomförda'). The
    break is a wide space, or a capitalised word after two words or more that end lower case
    (a Swedish sentence does not capitalise a word mid-sentence)."""
    text = line.strip()
    m = re.search(r"\S(\s{2,})\S", text)
    if m:
        return text[: m.start(1)].strip(), text[m.end(1):].strip()
    words = text.split(" ")
    for k in range(2, len(words)):
        prev, word = words[k - 1], words[k]
        if word[:1].isupper() and prev.isalpha() and prev.islower():
            return " ".join(words[:k]), " ".join(words[k:])
    return "", text


def paragraph_above(pending: list[LineInfo], row: LineInfo, by_line: dict[int, LineInfo]) -> list[LineInfo]:
    """The label lines printed as one paragraph directly above a row (no blank line between);
    for a row of bare values, the paragraph above the blank lines before it."""
    if not pending:
        return []
    expect = row.line_no - 1
    if not row.label:
        last = pending[-1].line_no
        if only_blank_between(by_line, last, row.line_no):
            expect = last
    run = paragraph_ending(pending, expect)
    if run and re.fullmatch(r"\(?(19|20)\d\d[:)]?", run[-1].text.strip()):
        # '2020:' above a value says which year it is, it is not label text
        run = run[:-1]
        k = len(pending) - 2
        if not run and k >= 0 and only_blank_between(by_line, pending[k].line_no, pending[-1].line_no):
            run = paragraph_ending(pending[:-1], pending[k].line_no)
    # a label of two paragraphs: a narrow sentence above ('Nationella trygg-' … 'vid
    # utevistelse.'), then 'Avser andel av be-' …; a goal is printed wider, a note shorter
    # a row whose own label is a note ('Mätperiod: Årligen 75 79') ends the label above it
    note = not run and re.match(r"^[A-ZÅÄÖ][\w ]{2,20}:\s", row.label)
    while run or note:
        width = max([len(r.text.strip()) for r in run] + [len(row.label)])
        first_line = run[0].line_no if run else row.line_no
        k = (pending.index(run[0]) if run else len(pending)) - 1
        if k < 0 or not only_blank_between(by_line, pending[k].line_no, first_line):
            break
        above = paragraph_ending(pending[: k + 1], pending[k].line_no)
        above_width = max(len(a.text.strip()) for a in above)
        if not ((above[-1].text.strip().endswith(".") or note) and 13 <= above_width <= width + 4
                and above_width * 10 >= width * 6):
            break
        run = above + run
        note = None
    return run


def paragraph_ending(pending: list[LineInfo], last_line: int) -> list[LineInfo]:
    """The lines of `pending` printed without a blank line between, ending at `last_line`."""
    run: list[LineInfo] = []
    expect = last_line
    for p in reversed(pending):
        if p.line_no != expect:
            break
        run.insert(0, p)
        expect -= 1
    return run


def rows_are_spaced(body: list[LineInfo]) -> bool:
    """Are the table's rows separated by blank lines (as PDF text often prints them)?"""
    rows = [i for i, info in enumerate(body) if is_row(info)]
    pairs = list(zip(rows, rows[1:]))
    spaced = sum(1 for a, b in pairs if any(body[k].blank for k in range(a + 1, b)))
    return bool(pairs) and spaced >= MIN_SPACED_SHARE * len(pairs)


def wrapped_numbers(body: list[LineInfo]) -> set[int]:
    """Lines of a wrapped label that happen to end in a number ('som har mer än 10' above
    'km till närmaste …'): a one-number line whose next line goes on in lower case."""
    out = {b.line_no for a, b in zip(body, body[1:]) if ends_wrapped_label(a, b)}
    for a, b in zip(body, body[1:]):
        nxt = b.text.strip()
        if (
            is_row(a) and not a.is_tab and a.label and len(a.tokens) == 1 and not a.note
            and nxt[:1].islower() and not re.match(r"^varav\b", nxt, re.IGNORECASE)
        ):
            out.add(a.line_no)
    return out


def continues_values(info: LineInfo, pending: list[LineInfo], prev: Row, n_cols: int) -> bool:
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
    return 0 < len(split_numbers(info.tokens, free, breaks=info.breaks)) <= free


def adjacent_unpadded(prev: LineInfo, row: LineInfo) -> bool:
    """A label line printed right above a row, not padded like a heading row of empty cells:
    in a table whose rows are spaced, it is the first line of the row's wrapped label."""
    raw = prev.text
    return prev.line_no == row.line_no - 1 and not prev.is_tab and len(raw) - len(raw.rstrip()) < MIN_HEADING_PADDING


def continue_row(prev: Row, pending: list[LineInfo], info: LineInfo, n_cols: int) -> None:
    """Complete, in place, the row above with the values printed under it (after text in a
    value column): a piece of that text that starts with a marker holds the marker as its cell."""
    col = max(c.col_no for c in prev.cells) + 1
    for p in pending:
        first = p.text.split()[0] if p.text.split() else ""
        if is_marker(first) and first not in "-–−" and col < n_cols:
            prev.cells.append(Cell(col, p.line_no, first, None, None))
            col += 1
    values = split_numbers(info.tokens, n_cols - col + 1, breaks=info.breaks)
    for k, v in enumerate(as_printed(info, values)[: n_cols - col + 1]):
        cell = to_cell(col + k, info.line_no, v)
        if cell:
            prev.cells.append(cell)
    prev.placement = "continued"


def goal_before_label(joined: list[LineInfo], label: str) -> tuple[str, list[LineInfo], str]:
    """Under a stub of two text columns, the goal printed before a row's label: the end of the
    goal's sentence on the lines above the label's first line, else the start of its first
    line (split_goal). Returns the goal, the label's lines and the label."""
    goal = ""
    sentence_end = next((k for k in range(len(joined) - 1) if joined[k].text.strip().endswith(".")
                         and joined[k + 1].text.strip()[:1].isupper()
                         and joined[k + 1].line_no == joined[k].line_no + 1), None)
    if sentence_end is not None:
        goal = " ".join(j.text.strip() for j in joined[: sentence_end + 1])
        joined = joined[sentence_end + 1 :]
        label = " ".join(j.text.strip() for j in joined)
    if not goal:
        goal, first = split_goal(joined[0].text if joined else label)
        if goal and joined:
            joined[0] = LineInfo(joined[0].line_no, first)
        elif goal:
            label = first
    return goal, joined, label
