"""Words broken over lines, joined again.

Text taken from a PDF breaks a long word at the end of a line with a hyphen, and the word goes
on in lower case on the next line; a hyphen before a capitalised word, or a dash standing
alone, is no break. Three kinds of text meet such breaks:
- the lines of a wrapped row label: joined with a space, a break closed up;
- header lines: the same, and a header printed in columns breaks each column name on its own
  (the pieces below join the broken words in order), and a measure word may break without a
  hyphen;
- header text already joined into one line: a break left as 'word- rest' closes up, except
  between two month names, where the hyphen is a range of months.
"""
from __future__ import annotations

import re

from .settings import MIN_BROKEN_PIECE, MIN_BROKEN_PIECES
from .vocabulary import Vocabulary


def breaks_word(left: str, right: str) -> bool:
    """Does a line ending in `left` break a word that `right` goes on with? A hyphen at the
    end, then lower case."""
    return left.endswith("-") and right[:1].islower()


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
    """'Investe- ringsram' -> 'Investeringsram'; 'jan- aug' -> 'jan-aug' (a range of months)."""

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if vocab.is_month_word(left) and vocab.is_month_word(right):
            return f"{left}-{right}"
        return left + right

    return re.sub(r"(\w+)- (?=([a-zåäö]\w*))(\w+)", lambda m: join(m) if m.group(2) == m.group(3) else m.group(0), text)
