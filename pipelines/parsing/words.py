"""Words broken over lines, joined again.

Text taken from a PDF breaks a long word at the end of a line with a hyphen, and the word goes
on in lower case on the next line; a hyphen before a capitalised word, or a dash standing
alone, is no break. Three kinds of text meet such breaks:
- the lines of a wrapped row label: joined with a space, a break closed up;
- header lines: the same, and a header printed in columns breaks each column name on its own
  (the pieces below join the broken words in order), and a measure word may break without a
  hyphen;
- header text already joined into one line: a break left as 'word- rest' closes up, except
  between two month names, where the hyphen is a range of months; a dash glued to a word
  ('budget– prognos') joins it to the next word, the dash kept.
"""
from __future__ import annotations

import re
from functools import cached_property

from .settings import MIN_BROKEN_PIECE, MIN_BROKEN_PIECES
from .vocabulary import Vocabulary


# a hyphen before a conjunction stands for a compound's shared part ('Gång- och cykelväg',
# 'Drift- eller investeringsmedel'): it breaks no word
ELLIPSIS_CONJUNCTIONS = frozenset({"och", "eller", "samt", "respektive", "resp.", "alternativt"})


def breaks_word(left: str, right: str) -> bool:
    """Does a line ending in `left` break a word that `right` goes on with? A hyphen at the
    end, then lower case, and no conjunction ('Gång-' / 'och cykelväg' keeps its hyphen)."""
    return left.endswith("-") and right[:1].islower() and _first_word(right) not in ELLIPSIS_CONJUNCTIONS


def _first_word(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0].rstrip(",").lower() if words else ""


def join_label(parts: list[str]) -> str:
    """Join the lines of a wrapped label: 'leveran-' + 'törsfakturor' → 'leverantörsfakturor'."""
    out = ""
    for part in parts:
        part = part.strip()
        if breaks_word(out, part) and not out.endswith(" -"):  # a dash standing alone breaks no word
            out = out[:-1] + part
        else:
            out = f"{out} {part}".strip()
    return out


def join_hyphenated(lines: list[str], vocab: Vocabulary) -> list[str]:
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
        if out and breaks_word(out[-1], s):
            out[-1] = out[-1][:-1] + s
            continue
        if out and s and " " not in s and s[:1].islower():
            last_word = out[-1].split()[-1] if out[-1].split() else ""
            if last_word and vocab.is_measure_word(last_word + s) and not vocab.is_measure_word(last_word):
                out[-1] = out[-1] + s
                continue
        out.append(s)
    return out


def broken_words(text: str) -> bool:
    """A line of column names each broken at a hyphen: the first pieces of a header printed in
    columns."""
    words = text.split()
    return len(words) >= MIN_BROKEN_PIECES and all(w.endswith("-") and len(w) >= MIN_BROKEN_PIECE for w in words)


def rejoin_word_breaks(text: str, vocab: Vocabulary) -> str:
    """'Investe- ringsram' -> 'Investeringsram'; 'jan- aug' -> 'jan-aug' (a range of months);
    'budget– prognos' -> 'budget–prognos' (a dash glued to a word at a line's end joins two
    words, as 'budget–prognos' and 'jan–aug' print; it breaks none)."""

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if vocab.is_month_word(left) and vocab.is_month_word(right):
            return f"{left}-{right}"
        return left + right

    text = re.sub(r"(?<=\w)([–—]) (?=\w)", r"\1", text)
    return re.sub(r"(\w+)- (?=([a-zåäö]\w*))(\w+)",
                  lambda m: join(m) if m.group(2) == m.group(3) and m.group(2) not in ELLIPSIS_CONJUNCTIONS
                  else m.group(0), text)



LETTERS_AT_END = re.compile(r"[^\W\d_]+$")
LETTERS_AT_START = re.compile(r"^[^\W\d_]+")
WORD = re.compile(r"[^\W\d_]+")
NUMBER_TOKEN = re.compile(r"[-−–]?[\d\s,.%]+")


class DocumentWords:
    """The words a document prints: anywhere (as printed, case kept), and inside a line
    (another word after them; in lower case). Read from the lines when first asked."""

    def __init__(self, lines: list[str]):
        self._lines = lines

    @cached_property
    def _sets(self) -> tuple[frozenset[str], frozenset[str]]:
        printed: set[str] = set()
        inside: set[str] = set()
        for line in self._lines:
            found = WORD.findall(line)
            printed.update(found)
            inside.update(map(str.lower, found[:-1]))
        return frozenset(printed), frozenset(inside)

    def broken(self, left: str, right: str) -> bool:
        """Is 'left' + 'right' one word broken over two lines? The first piece is no word the
        document prints inside a line, and the document prints the joined word whole, in the
        same case."""
        printed, inside = self._sets
        return left.lower() not in inside and left + right in printed


def close_unmarked_breaks(label: str, lines: list[str], first: int, last: int, words: DocumentWords) -> str:
    """A narrow cell may break a long word at the end of a line without a hyphen
    ('Ombyggnad/tillgängliggöran' / 'de Hafreborg'). Two pieces of a wrapped label close up
    when the first ends a printed line (numbers after it aside), the second begins the next
    line in lower case, and the document prints the joined word whole (in the same case) but
    never the first piece inside a line."""
    tokens = list(re.finditer(r"\S+", label))
    if len(tokens) < 2 or not 0 < first <= len(lines) or label in lines[first - 1]:
        return label  # printed on one line: no break inside it
    edges = set(_line_edges(lines, first, last))
    out = label[: tokens[0].end()]
    for before, token in zip(tokens, tokens[1:]):
        left, right = LETTERS_AT_END.search(before.group()), LETTERS_AT_START.match(token.group())
        closes = (left and right and token.group()[:1].islower() and (before.group(), token.group()) in edges
                  and words.broken(left.group(), right.group()))
        out += ("" if closes else label[before.end(): token.start()]) + token.group()
    return out + label[tokens[-1].end():]


def _line_edges(lines: list[str], first: int, last: int) -> list[tuple[str, str]]:
    """For each printed line from `first` to `last` (1-based) and the next printed one: the
    word ending the first (numbers after it aside) and the word beginning the next."""
    printed = [ln.split() for ln in lines[first - 1: last + 1] if ln.strip()]
    edges = []
    for here, after in zip(printed, printed[1:]):
        words = [w for w in here if not NUMBER_TOKEN.fullmatch(w)]
        if words:
            edges.append((words[-1], after[0]))
    return edges
