"""The speed benchmark (issue 12) at N = 5 and 100, as a benchmark that prints its figures:
only its structure is asserted (every stage measured, counts that grow linearly with N), never
a time. `rapportlager bench --sizes 5,100,1000` gives N = 1000 too (not run here: minutes)."""
from __future__ import annotations

import json

from pipelines.bench.generate import check, generate, variants
from pipelines.bench.run import STAGE_ORDER, bench, record_line
from pipelines.settings import REPO_ROOT

SOURCES = sorted((REPO_ROOT / "data" / "raw").glob("*.txt"))


def test_generated_reports_read_as_their_sources_scaled(tmp_path):
    """Every generated report parses into its source's tables and cells, numbers × its factor."""
    written = generate(10, 1, tmp_path)
    assert len({p.read_bytes() for p in written}) == 10  # distinct texts: none is a duplicate
    factors = [int(p.stem.rsplit("x", 1)[1]) for p in written]
    assert set(factors) - {1}, "some report is scaled"
    for k, (path, factor) in enumerate(zip(written, factors)):
        assert check(path.read_bytes(), SOURCES[k % 5], factor, path.name) == []
    again = tmp_path / "again"
    assert [p.read_bytes() for p in generate(10, 1, again)] == [p.read_bytes() for p in written]  # deterministic
    assert len({v.name for v in variants(60, 1)}) > 1


def test_bench_at_5_and_100_prints_its_figures(tmp_path, show_figures):
    out = tmp_path / "bench.jsonl"
    records = bench([5, 100], seed=2026, out=out, work=tmp_path / "work")
    records += bench([10], seed=2026, out=out, work=tmp_path / "work", stages=("parse",), with_floor=False)
    show_figures("rapportlager bench (N = 5 and 100; parse also at N = 10):\n" + "\n".join(
        record_line(json.loads(line)) for line in out.read_text().splitlines()))
    assert [json.loads(line) for line in out.read_text().splitlines()] == records
    by = {(r["n"], r["stage"]): r for r in records}
    for stage in ("floor_imports", "floor_dbt_build", "floor"):
        assert by[(0, stage)]["wall_s"] > 0
    for n in (5, 100):
        for stage in STAGE_ORDER + ("queries",):
            assert (n, stage) in by, (n, stage)
        for stage in STAGE_ORDER:
            assert {"wall_s", "cpu_s", "peak_rss_mb"} <= set(by[(n, stage)]), (n, stage)
    assert by[(5, "parse")]["reports"] == by[(5, "raw_load")]["reports"] == 5
    assert by[(5, "parse")]["cells"] == by[(5, "raw_load")]["cells"] > 1000
    assert by[(10, "parse")]["reports"] == 10
    assert by[(10, "parse")]["cells"] == 2 * by[(5, "parse")]["cells"]  # two groups of the five shapes
    assert by[(5, "identity_checks")]["identities"] > 0
    # dbt's nodes (models, seeds, tests) do not depend on N; both builds ran in full
    for stage in ("dbt_build", "dbt_after_audit"):
        assert by[(5, stage)]["nodes"] == by[(100, stage)]["nodes"] > 40, stage
    # identities grow linearly: comparatives are paired within one publisher's reports, and
    # the 100 reports are 20 municipalities' versions of the five
    assert by[(100, "identity_checks")]["identities"] <= 20 * 1.1 * by[(5, "identity_checks")]["identities"]
    assert by[(100, "parse")]["cells"] == 20 * by[(5, "parse")]["cells"]
    assert by[(5, "queries")]["queries"] == 10
    # a run finds nothing to do only when nothing changed
    assert [by[(n, s)]["nothing_to_do"] for n in (5, 100) for s in ("end_to_end", "one_new_report", "nothing_new")] == [
        False, False, True] * 2


def test_a_commands_peak_memory_is_its_own():
    # on Linux a child inherits, across fork and exec, the peak memory of the process it was
    # forked from: measured from a pytest worker of 400 MB, every stage reported 426 MB at least
    import sys

    from pipelines.bench.run import measure

    ballast = b"\x01" * (300 * 1024 * 1024)  # this process now holds 300 MB more
    figures = measure([sys.executable, "-c", "pass"])
    assert len(ballast) and figures["peak_rss_mb"] < 100
