"""Values printed in column groups under paragraph labels (PDF text of a table whose cells
were laid out one under the other).

The labels come first, one paragraph a row; then one group of values per column, the groups
separated by an empty line. Inside a group, the values of different rows are separated by
lines of spaces, and values on consecutive lines belong to consecutive rows of one paragraph
('Nyttjandegrad / hemtjänst tätort / glesbygd' with '59%' and '47%': two rows):

    Nyttjandegrad           59%        60%
    hemtjänst tätort        47%        46%
    glesbygd                ...
    ␠                       ␠
    Andel arbetade          19%        17%
    timmar timavlönade

Pure functions over analysed lines; the table reader turns the result into rows.
"""
from __future__ import annotations

from dataclasses import dataclass

from .lines import LineInfo


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
