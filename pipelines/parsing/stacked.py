"""Values printed one under the other (PDF text of a table whose cells were laid out in
columns, read column by column): the labels first, then one group of values per column.

The general facts these rules rest on:
- the labels come first, one line or one paragraph a row; then one group of values per
  column, the groups separated by an empty line; the i-th value of a group belongs to the
  i-th row, so every full group has as many values as there are rows;
- inside a group, the values of rows whose labels are paragraphs are separated by lines of
  spaces, and values on consecutive lines belong to consecutive rows of one paragraph (its
  last lines are rows of their own); items of a dash list are one row each;
- when there are more label lines than values in a group, the label lines before the rows
  are headings;
- a stray empty line may break a column in two: two short groups that together hold no more
  values than a full one are one column.

Pure functions over analysed lines; the row reader turns the result into rows.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lines import LineInfo
from .numbers import split_numbers
from .settings import MAX_STACKED_LABEL, MIN_STACKED_GROUPS
from .words import join_label


@dataclass
class StackedRow:
    label_lines: list[LineInfo]  # the lines of the row's label
    cells: list[tuple[int, LineInfo]]  # (column, line printing the value)


def _is_value_line(info: LineInfo) -> bool:
    return not info.is_tab and not info.label and len(info.tokens) == 1


def _groups(lines: list[LineInfo], i: int) -> tuple[list[list[list[LineInfo]]], int]:
    """From an empty line at i: the column groups that follow, each a list of slots (values
    on consecutive lines). Returns the groups and the index after the last one."""
    groups: list[list[list[LineInfo]]] = []
    k = i
    while k < len(lines) and lines[k].blank and not lines[k].padded:
        k += 1
        slots: list[list[LineInfo]] = []
        current: list[LineInfo] = []
        while k < len(lines) and (_is_value_line(lines[k]) or lines[k].padded):
            if lines[k].padded:
                if current:
                    slots.append(current)
                    current = []
            else:
                current.append(lines[k])
            k += 1
        if current:
            slots.append(current)
        if slots:
            groups.append(slots)
        elif not (k < len(lines) and lines[k].blank and k > 0 and lines[k - 1].padded):
            break  # only lines of spaces between two empty lines do not end the groups
    return groups, k


def _merge_broken(groups: list[list[list[LineInfo]]], shape: list[int]) -> list[list[list[LineInfo]]]:
    """A column broken by a stray empty line ([4,5* 4,3* 9,7*] [IU IU] where the other columns
    print five values on consecutive lines) is one column."""
    if len(shape) != 1:
        return groups
    merged: list[list[list[LineInfo]]] = []
    for g in groups:
        if len(g) == 1 and merged and len(merged[-1]) == 1 and len(merged[-1][0]) + len(g[0]) <= shape[0] \
                and len(merged[-1][0]) < shape[0]:
            merged[-1] = [merged[-1][0] + g[0]]
        else:
            merged.append(g)
    return merged


def _paragraphs_before(lines: list[LineInfo], i: int, n: int) -> list[list[LineInfo]] | None:
    """The n label paragraphs that end right before line i (blank lines between them)."""
    paragraphs: list[list[LineInfo]] = []
    k = i - 1
    while k >= 0 and len(paragraphs) < n:
        while k >= 0 and lines[k].blank:
            k -= 1
        para: list[LineInfo] = []
        while k >= 0 and not lines[k].blank:
            if lines[k].has_values:
                break  # a row with values ends the paragraph above it
            if len(lines[k].text.strip()) > 60:
                return None
            para.insert(0, lines[k])
            k -= 1
        if not para:
            return None
        paragraphs.insert(0, para)
    return paragraphs if len(paragraphs) == n else None


def _items_before(lines: list[LineInfo], i: int, n: int) -> list[list[LineInfo]] | None:
    """The last n dash items ('-”jag är insatt i min ar-' 'bets-plats mål”') of the paragraph
    that ends right before line i, when the items are not separated by blank lines."""
    para = _paragraphs_before(lines, i, 1)
    if not para:
        return None
    items: list[list[LineInfo]] = []
    for line in para[0]:
        if line.text.strip()[:1] in "-–•":
            items.append([line])
        elif items:
            items[-1].append(line)
    return items[-n:] if len(items) >= n else None


def stacked_paragraph_rows(lines: list[LineInfo]) -> list[StackedRow]:
    """Rows of every block of paragraph labels followed by two or more column groups whose
    slots agree (the same number of values in each)."""
    rows: list[StackedRow] = []
    i = 0
    while i < len(lines):
        info = lines[i]
        if not (info.blank and not info.padded) or i == 0 or (lines[i - 1].blank and not lines[i - 1].padded):
            i += 1
            continue
        groups, after = _groups(lines, i)
        shape = [len(s) for s in groups[0]] if groups else []
        groups = _merge_broken(groups, shape)
        agreeing = [g for g in groups if [len(s) for s in g] == shape]
        paragraphs = None
        if len(agreeing) >= 2:
            paragraphs = _paragraphs_before(lines, i, len(shape)) or _items_before(lines, i, len(shape))
        if paragraphs is None or any(len(p) < size for p, size in zip(paragraphs, shape)):
            i += 1
            continue
        for slot_no, (para, size) in enumerate(zip(paragraphs, shape)):
            if all(line.text.strip()[:1] in "-–•" for line in para[len(para) - size :]):
                # a list of v items ('-LKDATA (0-5)'): one row each, under a heading line
                labels = [[line] for line in para[len(para) - size :]]
            else:
                # a paragraph with v values: its last v-1 lines are rows of their own ('glesbygd')
                labels = [para[: len(para) - size + 1]] + [[line] for line in para[len(para) - size + 1 :]]
            for k, label in enumerate(labels):
                cells = [
                    (col, group[slot_no][k])
                    for col, group in enumerate(groups, 1)
                    if [len(s) for s in group] == shape
                ]
                rows.append(StackedRow(label, cells))
        i = after
    return rows


@dataclass
class StackedBlocks:
    rows: dict  # label line_no -> (label LineInfo, [(col_no, value LineInfo)])
    skip: set


def stacked_blocks(body: list[LineInfo], pre: list[LineInfo], span: list[LineInfo]) -> StackedBlocks:
    """The table's values printed one under the other: rows whose labels are paragraphs
    (stacked_paragraph_rows), then blocks of k label lines with no numbers followed by groups
    of unlabeled one-value lines separated by blank lines, group j being column j and the i-th
    value of a group belonging to the i-th label. `pre` are the label lines above the table's
    first row, `span` all its lines from the first of them."""
    result = StackedBlocks({}, set())
    for found in stacked_paragraph_rows(span):
        key = found.label_lines[0].line_no
        text = join_label([x.text.strip() for x in found.label_lines])
        result.rows[key] = (LineInfo(key, text), found.cells)
        result.skip.update(x.line_no for x in found.label_lines[1:])
        result.skip.update(v.line_no for _, v in found.cells)
    _add_label_line_blocks(result, list(pre) + [b for b in body if b.line_no not in {p.line_no for p in pre}])
    return result


def _add_label_line_blocks(result: StackedBlocks, lines: list[LineInfo]) -> None:
    """Blocks of one-line labels then groups of one-value lines, read into `result` where
    their values are not taken already."""
    taken = set(result.skip) | set(result.rows)
    i = 0
    while i < len(lines):
        labels, j = _label_lines(lines, i)
        groups, k = _value_groups(lines, j)
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


def _label_lines(lines: list[LineInfo], i: int) -> tuple[list[LineInfo], int]:
    """The short label lines with no numbers from i on (blank lines between them), and the
    index after them."""
    labels = []
    j = i
    while j < len(lines) and (lines[j].blank or (not lines[j].has_values and len(lines[j].text.strip()) <= MAX_STACKED_LABEL)):
        if not lines[j].blank:
            labels.append(lines[j])
        j += 1
    return labels, j


def _value_groups(lines: list[LineInfo], k: int) -> tuple[list[list[LineInfo]], int]:
    """From k on: groups of lines of one bare value, separated by blank lines (a column
    broken by a stray blank line joined again), and the index after the last."""
    groups: list[list[LineInfo]] = []
    current: list[LineInfo] = []
    while k < len(lines):
        info = lines[k]
        if info.blank:
            if current:
                groups.append(current)
                current = []
        elif info.has_values and not info.is_tab and not info.label and len(split_numbers(info.tokens, breaks=info.breaks)) == 1:
            current.append(info)
        else:
            break
        k += 1
    if current:
        groups.append(current)
    return _merge_short_groups(groups), k


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
