"""Single-number corruptions of real reports: does the audit flag them and name the cell?

The trials go through the pipeline's GX suite (one expectation per identity family). CI may
run fewer with RAPPORTLAGER_BENCHMARK_TRIALS (the figures are printed); the full run is
`rapportlager benchmark -n 240`."""
from __future__ import annotations

import os

from pipelines.audit_bench import run_benchmark, summary

# 60 trials in `make test` (about 2 minutes of a core); the README's figures are of the 240
TRIALS = int(os.environ.get("RAPPORTLAGER_BENCHMARK_TRIALS", "60"))


def test_corruptions_are_flagged_and_named(warehouse, tmp_path, show_figures):
    trials = run_benchmark(warehouse, n=TRIALS, seed=2026, work=tmp_path / "compiled")
    assert len(trials) == TRIALS
    visible = [t for t in trials if t.detectable]
    show_figures(summary(trials))
    # a change inside the rounding tolerance of every identity covering the cell cannot be
    # seen by a rounding-aware audit; the others must be flagged (one known miss: a sign flip
    # that turns a row into a consistent row of the opposite sign convention)
    missed = sum(not t.flagged for t in visible)
    assert missed <= max(1, len(visible) // 100), [t for t in visible if not t.flagged]
    assert not any(t.flagged for t in trials if not t.detectable)
    # the audit issue's targets, on the corruptions larger than the rounding tolerance: 97 %
    # flagged, 85 % named; of all trials (some changes are within rounding and invisible to
    # any rounding-aware audit) 80 % named, a target of the 240 (82.9 % measured, see README):
    # the first 60 draw more invisible changes (8 of 60, 18 of 240) and give 78.3 %, so a
    # smaller run is held to 75 %
    assert sum(t.flagged for t in visible) / len(visible) >= 0.97
    assert sum(t.named for t in visible) / len(visible) >= 0.85
    assert sum(t.named for t in trials) / len(trials) >= (0.80 if TRIALS >= 240 else 0.75)
    # tables of no known kind are corrupted too, and caught by the relations learned from them
    other = [t for t in visible if t.table_kind == "other"]
    assert other and all(t.flagged for t in other)
    # naming a wrong cell as the likely misprint is worse than listing the candidates
    wrong = [t for t in trials if t.flagged and not t.named and any("likely misprint" in s for s in t.suspects)]
    assert len(wrong) <= max(4, TRIALS // 60)
