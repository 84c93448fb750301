"""The lines of a report read as LineInfo when first asked for, not all held at once.

Reading a line (analyse_line) depends on that line alone, so a reading may be dropped and made
again: the table finder walks down the report and looks a few lines back and ahead, so only
the lines read recently are kept. A long report then costs memory for its text, not for a
reading of every line.
"""
from __future__ import annotations

from .lines import LineInfo, analyse_line

KEEP = 256  # readings kept in each of the two generations of the cache


class LineInfos:
    """A list of LineInfo (index k: line k + 1) over the raw lines, read on demand."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        self._new: dict[int, LineInfo] = {}
        self._old: dict[int, LineInfo] = {}

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, k):
        if k.__class__ is int:
            info = self._new.get(k)  # the common case: a line read a moment ago
            return info if info is not None else self._at(k)
        if isinstance(k, slice):
            return [self._at(j) for j in range(*k.indices(len(self._lines)))]
        return self._at(k)

    def _at(self, k: int) -> LineInfo:
        if k < 0:
            k += len(self._lines)
            if k < 0:
                raise IndexError(k)
        info = self._new.get(k)
        if info is None:
            info = self._old.get(k)
            if info is None:
                info = analyse_line(k + 1, self._lines[k])  # IndexError past the end, as a list
            if len(self._new) >= KEEP:
                self._old, self._new = self._new, {}
            self._new[k] = info
        return info


class ReadOver:
    """Lines of a report with some read again (a table's rows without their note references):
    `read` maps a line number to its new reading; other lines read as before."""

    def __init__(self, infos, read: dict[int, LineInfo]):
        self._infos = infos
        self._read = read

    def __len__(self) -> int:
        return len(self._infos)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self._read.get(x.line_no, x) for x in self._infos[k]]
        x = self._infos[k]
        return self._read.get(x.line_no, x)
