"""Rows whose cells are separated by spaces: which column each value stands in.

The general facts these rules rest on:
- a space separates cells and also the thousands of a number, so a run of numbers can be read
  in several ways (numbers.py, row_reader.py); the table's column count decides;
- a row that prints fewer values than the table has columns leaves cells blank, and a blank
  cell widens the space where it stands: the extra spaces before a value count the blank
  cells before it, unless they are only the wider space after the label;
- a label may end in a number that qualifies it (a year, a percentage): when a row prints one
  value more than the table has columns, and the first is such a number, it is the label's;
- a value is kept as printed, a minus sign apart from its digits included.
"""
from __future__ import annotations

from dataclasses import replace

from .lines import LineInfo, YEAR_RE
from .numbers import split_numbers


def label_number(info: LineInfo, n_cols: int) -> LineInfo:
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


def space_positions(
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


def as_printed(info: LineInfo, values: list[str]) -> list[str]:
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
