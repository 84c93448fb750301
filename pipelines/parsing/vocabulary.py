"""The mapping tables the parser reads: dbt seeds, so vocabulary is data, not code."""
from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

INFLECTIONS = ("en", "et", "er", "ar", "na", "n", "t", "s", "e", "ad", "ade", "at")
DEFAULT_SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"


def _rows(seeds: Path, name: str) -> list[dict[str, str]]:
    with open(seeds / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Vocabulary:
    measure_words: tuple[str, ...]
    prefix_words: tuple[str, ...]
    month_words: tuple[str, ...]
    period_words: tuple[str, ...]
    units: tuple[tuple[str, str], ...]  # (word, unit), longest word first
    kind_keywords: tuple[tuple[str, str, str, float], ...]  # (keyword, part, kind, weight)
    report_kinds: tuple[tuple[str, str], ...]
    section_markers: tuple[str, ...] = ()
    money_units: frozenset[str] = frozenset()
    note_words: tuple[str, ...] = ()
    flow_words: tuple[str, ...] = ()
    publisher_words: tuple[tuple[str, str], ...] = ()  # (word, 'before' | 'after' the name)
    gender_words: tuple[str, ...] = ()  # 'Kvinnor', 'Män': rows or columns of a split by gender
    organisation_levels: tuple[tuple[str, str], ...] = ()  # (pattern, level): what a unit's name says it is

    def is_gender_word(self, word: str) -> bool:
        return word.lower().strip(".,:;()*") in self.gender_words

    def is_flow_word(self, word: str) -> bool:
        """A word that names what a column counts ('Intäkter', 'Kostnader')."""
        w = word.lower().strip(".,:;()*")
        return any(w == m or (w.startswith(m) and w[len(m):] in INFLECTIONS) for m in self.flow_words)

    @cached_property
    def money_unit_re(self) -> re.Pattern | None:
        """A money unit's word standing as a word of its own in lower-case text ('mnkr',
        'tusen kronor'); None when the vocabulary names no money unit."""
        words = [w for w, unit in self.units if unit in self.money_units]
        return re.compile("|".join(rf"(?<![\w]){re.escape(w)}(?![\w])" for w in words)) if words else None

    def is_note_word(self, word: str) -> bool:
        """The header of a column of note references ('Not', 'Noter')."""
        return word.lower().strip(".,:;()*") in self.note_words

    @cached_property
    def _measure_forms(self) -> frozenset[str]:
        # whole words and their inflections ("prognosen", "budgeten", "avvikelser")
        return frozenset(m + ending for m in self.measure_words for ending in ("",) + INFLECTIONS)

    def is_measure_word(self, word: str) -> bool:
        return word.lower().strip(".,:;()*") in self._measure_forms

    def is_prefix_word(self, word: str) -> bool:
        return word.lower().strip(",:;()*") in self.prefix_words

    def is_month_word(self, word: str) -> bool:
        w = word.lower().strip(".,:;()*")
        first = w.replace("–", "-").replace("—", "-").split("-")[0]  # a range: 'jan-aug', 'jan–aug'
        return first in self.month_words

    def is_header_word(self, word: str) -> bool:
        known = self._header_words.get(word)
        if known is None:
            w = word.lower().strip(".,:;()*")
            known = self._header_words[word] = (
                self.is_measure_word(w)
                or self.is_month_word(w)
                or w in self.period_words
                or self.is_prefix_word(word)
            )
        return known

    @cached_property
    def _header_words(self) -> dict[str, bool]:
        """Words already told header words or not (a report prints the same words often)."""
        return {}


@lru_cache(maxsize=4)
def load_vocabulary(seeds_dir: str | None = None) -> Vocabulary:
    seeds = Path(seeds_dir or os.environ.get("RAPPORTLAGER_SEEDS", DEFAULT_SEEDS))
    cols = _rows(seeds, "column_vocabulary.csv")
    units = sorted(
        ((r["unit_word"].lower(), r["unit"]) for r in _rows(seeds, "unit_scales.csv")),
        key=lambda t: -len(t[0]),
    )
    kinds = tuple(
        (r["keyword"].lower(), r["part"], r["kind"], float(r["weight"]))
        for r in _rows(seeds, "table_kind_keywords.csv")
    )
    reports = tuple((r["keyword"].lower(), r["report_kind"]) for r in _rows(seeds, "report_kinds.csv"))
    return Vocabulary(
        measure_words=tuple(r["word"] for r in cols if r["kind"] == "measure"),
        prefix_words=tuple(r["word"] for r in cols if r["kind"] == "prefix"),
        month_words=tuple(r["word"] for r in cols if r["kind"] == "month"),
        period_words=tuple(r["word"] for r in cols if r["kind"] == "period"),
        units=tuple(units),
        kind_keywords=kinds,
        report_kinds=reports,
        section_markers=tuple(r["marker"].lower() for r in _rows(seeds, "section_markers.csv")),
        money_units=frozenset(r["unit"] for r in _rows(seeds, "unit_scales.csv") if r["sek_per_unit"]),
        note_words=tuple(r["word"] for r in cols if r["kind"] == "note"),
        flow_words=tuple(r["word"] for r in cols if r["kind"] == "flow"),
        publisher_words=tuple((r["word"].lower(), r["position"]) for r in _rows(seeds, "publisher_words.csv")),
        gender_words=tuple(r["label"].lower() for r in _rows(seeds, "gender_labels.csv")),
        organisation_levels=tuple((r["pattern"], r["level"]) for r in _rows(seeds, "organisation_levels.csv")),
    )
