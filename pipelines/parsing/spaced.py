"""Rows whose cells are separated by spaces: which column each value stands in.

The general facts these rules rest on:
- a space separates cells and also the thousands of a number, so a run of numbers can be read
  in several ways (numbers.py, row_reader.py); the table's column count decides;
- a row that prints fewer values than the table has columns leaves cells blank, and a blank
  cell widens the space where it stands: the extra spaces before a value count the blank
  cells before it, unless they are only the wider space after the label;
- text laid out in columns (pdftotext -layout) prints each value under its column: a row of
  fewer values puts each where the table's full rows print that column, and text printed
  under the last column, after values in all the others, is that column's cell;
- a label may end in a number that qualifies it (a year, a percentage): when a row prints one
  value more than the table has columns, and the first is such a number, it is the label's;
- a value is kept as printed, a minus sign apart from its digits included.
"""
from __future__ import annotations

from dataclasses import replace

from .classify import to_cell
from .lines import LineInfo, YEAR_RE
from .model import Cell, Row
from .numbers import split_numbers
from .settings import MAX_ALIGN_SLACK, MIN_LABEL_GAP_RIGHT, MIN_LABEL_GAP_SHIFTED


def label_number(info: LineInfo, n_cols: int) -> LineInfo:
    """A label may end in a number that qualifies it ('Ram 2025', 'Effektivisering 1 %',
    'Ny förskola, etapp 2'): where a row prints one value more than the table has columns and
    the first is a year or a percentage among amounts, or is printed one space after the label
    and a wide space before the next value, it is the label's."""
    if not info.label or not info.tokens or not n_cols:
        return info
    first = info.tokens[0]
    qualifies = (
        YEAR_RE.match(first)
        or (first.endswith("%") and not any(t.endswith("%") for t in info.tokens[1:]))
        or (info.gaps[0] == 1 and 1 in info.breaks)
    )
    if not qualifies or len(split_numbers(info.tokens, breaks=info.breaks)) != n_cols + 1:
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
    return [info.text[span[0] : span[1]] if span else v for v, span in zip(values, _printed_spans(info, values))]


def read_values(info: LineInfo, n_cols: int) -> list[str]:
    """The row's numbers read as at most n_cols values; one value short of the columns with no
    wider space between the numbers (which would hint at a blank cell), any reading that fills
    the columns is taken."""
    values = split_numbers(info.tokens, n_cols, breaks=info.breaks)
    if len(values) == n_cols - 1 and not info.note and not any(g > 1 for g in info.gaps[1:]):
        values = split_numbers(info.tokens, n_cols, any_split=True, breaks=info.breaks)
    return values


def space_cells(
    info: LineInfo, n_cols: int, under_years: bool, rows: list[Row], last_pattern: dict[int, list[int]],
    columns: list[tuple[int, int]] | None = None,
) -> tuple[list[Cell], str]:
    """The cells of a row of space-separated values, and how their columns were placed.
    `rows` are the table's rows above; `last_pattern` keeps, per number of values, the columns
    the last row placed by its gaps used (a row that cannot tell takes them); `columns` keeps
    where the table's full rows print each column (learned here from each full row)."""
    values = read_values(info, n_cols)
    pos, how = space_positions(info, values, n_cols)
    spans = value_spans(info, values)
    if under_years:
        pos, how = _placed_under_years(info, values, n_cols, rows, pos, how)
    if how == "ambiguous" and columns:
        pos, how = aligned_positions(spans, columns, pos, how)
    if how == "ambiguous" and len(values) in last_pattern:
        pos, how = last_pattern[len(values)], "neighbour"
    elif how == "gaps":
        last_pattern[len(values)] = pos
    if columns is not None and how == "full" and len(spans) == n_cols:
        learn_columns(columns, spans)
    cells = []
    for p, v in zip(pos, as_printed(info, values)):
        cell = to_cell(p + 1, info.line_no, v)
        if cell:
            cells.append(cell)
    if _note_in_last_column(info, pos, n_cols, columns):
        cells.append(Cell(n_cols, info.line_no, info.note, None, None))
    return cells, how


def _note_in_last_column(info: LineInfo, pos: list[int], n_cols: int, columns: list[tuple[int, int]] | None) -> bool:
    """Text printed under the last column, after values in all the others ('150 … 150
    årligen,löpande' under 'Total utgift'): that column's cell, kept as printed."""
    if not info.note or not columns or len(columns) != n_cols or not pos or pos[-1] != n_cols - 2:
        return False
    start = info.text.rfind(info.note)
    cs, ce = columns[-1]
    return start > columns[-2][1] and start < ce and cs < start + len(info.note)


def value_spans(info: LineInfo, values: list[str]) -> list[tuple[int, int]]:
    """Where each value is printed on the line (start, end); [] when the line says not."""
    spans = _printed_spans(info, values)
    return [] if None in spans else spans


def _printed_spans(info: LineInfo, values: list[str]) -> list[tuple[int, int] | None]:
    """Where each value (of one token or several) is printed on the line; None where the
    line's token spans do not reach it."""
    out, t = [], 0
    for v in values:
        n = len(v.split())
        out.append((info.spans[t][0], info.spans[t + n - 1][1]) if info.spans and t + n - 1 < len(info.spans) else None)
        t += n
    return out


def learn_columns(columns: list[tuple[int, int]], spans: list[tuple[int, int]]) -> None:
    """Widen, in place, where each column is printed by a full row's values."""
    if not columns:
        columns.extend(spans)
        return
    for k, (s, e) in enumerate(spans):
        cs, ce = columns[k]
        columns[k] = (min(cs, s), max(ce, e))


def aligned_positions(
    spans: list[tuple[int, int]], columns: list[tuple[int, int]], pos: list[int], how: str
) -> tuple[list[int], str]:
    """Text laid out in columns prints each value under its column: a row of fewer values
    than the columns puts each in the column whose full rows' values it overlaps, or stands
    within MAX_ALIGN_SLACK of (one column each, in order). Else the placement stays as it was."""
    placed: list[int] = []
    for s, e in spans:
        hits = [k for k, (cs, ce) in enumerate(columns) if s < ce and cs < e]
        if not hits:
            # a short value a PDF's text sets a character or two beside its column ('0')
            near = sorted((max(cs - e, s - ce), k) for k, (cs, ce) in enumerate(columns))
            if near and near[0][0] <= MAX_ALIGN_SLACK and (len(near) == 1 or near[1][0] > MAX_ALIGN_SLACK):
                hits = [near[0][1]]
        if len(hits) != 1 or (placed and hits[0] <= placed[-1]):
            return pos, how
        placed.append(hits[0])
    if not placed or placed == list(range(len(placed))):
        return pos, how
    return placed, "aligned"


def _placed_under_years(
    info: LineInfo, values: list[str], n_cols: int, rows: list[Row], pos: list[int], how: str
) -> tuple[list[int], str]:
    """Columns of the values of a row printed as a paragraph under a header of years."""
    if info.note and len(values) == n_cols - 1:
        # a note after the values is the last column's text
        return list(range(len(values))), "full"
    if how in ("gaps", "ambiguous") and info.label and info.gaps:
        return _under_filled(info, values, n_cols, rows, pos, how)
    if not info.label and len(values) < n_cols and info.text[:1] == " ":
        # bare values indented under a label: the first columns are empty
        return list(range(n_cols - len(values), n_cols)), "indented"
    return pos, how


def _under_filled(
    info: LineInfo, values: list[str], n_cols: int, rows: list[Row], pos: list[int], how: str
) -> tuple[list[int], str]:
    """In tables of paragraph rows, the space after a label counts only where it puts the
    values under the columns the row above filled."""
    filled = next((r for r in reversed(rows) if r.cells), None)
    above = {c.col_no - 1 for c in filled.cells} if filled is not None else set()
    shifted = [info.gaps[0] - 1 + k for k in range(len(values))]
    right = list(range(n_cols - len(values), n_cols))
    if how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_SHIFTED and set(shifted) <= above:
        return shifted, "neighbour"
    if how == "ambiguous" and info.gaps[0] >= MIN_LABEL_GAP_RIGHT and set(right) <= above:
        return right, "neighbour"
    if how == "gaps" and not set(pos) <= above:
        return space_positions(info, values, n_cols, label_gap=False)
    return pos, how
