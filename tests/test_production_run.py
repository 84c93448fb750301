"""The real pipeline run as in production (a subprocess of `rapportlager run`): readers
holding and polling the published warehouse, kills at every stage, reruns, bad inputs, and
an analyst's SQLAlchemy read-only connection while a run is in progress."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.project import manifest_readable
from pipelines.publish import storage_version_number
from pipelines.settings import DBT_PROJECT_DIR

HELPERS = Path(__file__).parent / "helpers"
# one read of the published warehouse: documents, report dimension, documents missing from it,
# reports in the audit
CONSISTENT = (
    "select (select count(*) from raw.documents), (select count(*) from marts.dim_report), "
    "(select count(*) from raw.documents d anti join marts.dim_report r on r.report_key = d.document_id), "
    "(select count(distinct source_file) from audit.identity_findings), "
    "(select string_agg(source_file, ',' order by source_file) from raw.documents)"
)


def start_cli_run(published: Path, raw: Path) -> subprocess.Popen:
    """`rapportlager run` itself, in a process of its own, not waited for."""
    env = {k: v for k, v in os.environ.items() if k != "RAPPORTLAGER_KILL_AT"}
    return subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--warehouse", str(published), "--raw", str(raw)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )


def state(published: Path) -> tuple:
    """One read of the published warehouse, in a process of its own (this process may hold
    the old file open, and DuckDB hands a process the database instance it already has)."""
    code = (
        "import json, sys; from pipelines.reader import connect_published; con = connect_published(sys.argv[1]); "
        "print(json.dumps(list(con.execute(sys.argv[2]).fetchone())))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(published), CONSISTENT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return tuple(json.loads(done.stdout))


class RunServer:
    """Real runs of the pipeline, each a process of its own (forked from a server that imported
    the pipeline once: tests/helpers/run_server.py)."""

    def __init__(self, published: Path, raw: Path, logs: Path):
        self.logs, self.count = logs, 0
        logs.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "RAPPORTLAGER_KILL_AT"}
        self.proc = subprocess.Popen([sys.executable, str(HELPERS / "run_server.py"), str(published), str(raw)],
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, kill: str | None = None) -> tuple[int, str]:
        self.count += 1
        log = self.logs / f"run-{self.count:02d}.log"
        self.proc.stdin.write(json.dumps({"kill": kill, "log": str(log)}) + "\n")
        self.proc.stdin.flush()
        code = json.loads(self.proc.stdout.readline())["code"]
        return code, log.read_text()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


# (a kill point, reports the round adds): 20 kills across extraction, dbt (both builds: about
# 170 dbt events a run), audit and publication, and a step failing in dbt
# dbt's kill points are its nodes; a run on a warehouse this code built has 82 in the first
# build and 44 in the second (after the audit): all but the seeds and the models read from the
# seeds alone, then the audit's models
KILL_ROUNDS = [("extraction:1", 1), ("extraction:2", 2), ("extraction:3", 3)] + [
    (f"dbt:{n}", 1) for n in (1, 2, 3, 8, 15, 25, 40, 60, 80, 90, 100, 110, 120)] + [
    ("audit:1", 1), ("audit:2", 1), ("publish:1", 1), ("publish:2", 1), ("dbt:45:raise", 1)]
# `make test` takes six kills and the failure, every stage, both dbt builds and publication before and
# after its rename among them (each half gets a mix: 8 and 6 real runs besides its first and
# its clean one); RAPPORTLAGER_ALL_KILLS=1 takes all 21 (about 25 minutes more of two cores' time)
QUICK_KILLS = ("extraction:2", "dbt:110", "dbt:25", "audit:2", "publish:1", "publish:2", "dbt:45:raise")
ALL_KILLS = os.environ.get("RAPPORTLAGER_ALL_KILLS") == "1"
# content of a warehouse, to compare a rerun after kills with a clean run: per report, its
# tables, cells, facts and audited identities (failed ones apart)
CONTENT = """
    select d.source_file, d.sha256,
           (select count(*) from raw.cells c where c.document_id = d.document_id),
           (select count(*) from marts.fct_operating f where f.report_key = d.document_id),
           (select count(*) from marts.fct_investment f where f.report_key = d.document_id),
           (select count(*) from audit.identity_findings a where a.source_file = d.source_file),
           (select count(*) from audit.identity_findings a where a.source_file = d.source_file and not a.passed)
    from raw.documents d order by 1
"""


def variant_text(report: Path, i: int, factor: int) -> str:
    """Report `report` as printed by the i-th made-up municipality, its money figures × factor."""
    from pipelines.bench.generate import NAMES, Variant, read_source, render

    return render(read_source(report), Variant(NAMES[i], 0, factor))


def query(published: Path, sql: str) -> list:
    """Rows of one query on the published warehouse, read in a process of its own."""
    code = (
        "import json, sys; from pipelines.reader import connect_published; con = connect_published(sys.argv[1]); "
        "print(json.dumps(con.execute(sys.argv[2]).fetchall(), default=str))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(published), sql], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# how often each printed figure of one report is compared within the report (cross_table)
COMPARISONS = """
    with refs as (
        select unnest(cell_keys) as cell_key from audit.identity_findings
        where rule = 'cross_table' and source_file = 'r00 printed three times.txt'
    )
    select count(*) // 2, count(distinct cell_key), max(n)
    from (select cell_key, count(*) over (partition by cell_key) as n from refs)
"""


def kill_rounds() -> list[tuple[str, int]]:
    """The rounds this session runs: all of KILL_ROUNDS, or QUICK_KILLS in that order."""
    if ALL_KILLS:
        return KILL_ROUNDS
    rounds = dict(KILL_ROUNDS)
    return [(kill, rounds[kill]) for kill in QUICK_KILLS]


def test_the_kill_rounds_cover_20_kills_in_every_stage():
    kills = [k for k, _ in KILL_ROUNDS if not k.endswith(":raise")]
    assert len(kills) == 20
    assert {k.split(":")[0] for k in kills} == {"extraction", "dbt", "audit", "publish"}
    quick = [k for k in QUICK_KILLS if not k.endswith(":raise")]
    assert set(QUICK_KILLS) <= dict(KILL_ROUNDS).keys() and len(set(QUICK_KILLS)) == 7
    assert {k.split(":")[0] for k in quick} == {"extraction", "dbt", "audit", "publish"}
    # both dbt builds (82 nodes in the first, then the audit's), and publication killed before and
    # just after the rename
    assert {"dbt:25", "dbt:110", "publish:1", "publish:2"} <= set(quick)
    for half in (0, 1):  # each half kills in at least three stages
        assert len({k.split(":")[0] for k in QUICK_KILLS[half::2]}) >= 3


@pytest.mark.parametrize("half", [0, 1])  # two warehouses: pytest-xdist runs them side by side
def test_real_runs_killed_at_many_moments_rerun_with_readers(tmp_path, dagster_home, report_path, half):
    rounds = kill_rounds()[half::2]
    raw = tmp_path / "raw"
    raw.mkdir()
    source = report_path("004")
    shutil.copy(source, raw)
    published = tmp_path / "wh" / "warehouse.duckdb"
    server = RunServer(published, raw, tmp_path / "logs")
    code, out = server.run()
    assert code == 0, out
    first = state(published)
    assert first == (1, 1, 0, 1, source.name)
    # a report that prints every table three times: each figure is compared with its previous
    # printing, not with all others
    (raw / "r00 printed three times.txt").write_text(source.read_text(encoding="utf-8") * 3, encoding="utf-8")
    holder = duckdb.connect(str(published), read_only=True)  # a BI tool's pooled connection
    reads, stop = tmp_path / "reads.jsonl", tmp_path / "stop"
    # a reader opening a new connection every 0.3 s (readers at that pace once got lock errors)
    poller = subprocess.Popen([sys.executable, str(HELPERS / "poller.py"), str(published), str(reads), str(stop),
                               CONSISTENT, "0.3"])
    seen, names = {first}, []
    try:
        for round_no, (kill, n_new) in enumerate(rounds, start=1):
            before = state(published)
            for _ in range(n_new):  # new reports, the first of them named to sort before all others
                names.append(f"{'0' if not names else 'r'}{len(names) + 1:02d} new.txt")
                k = len(names)
                (raw / names[-1]).write_text(variant_text(source, k, 1 + k % 3), encoding="utf-8")
            k = len(names) - n_new  # the last report the round before added (1-based)
            if round_no % 4 == 2:  # a report changed: its figures rescaled
                (raw / names[k - 1]).write_text(variant_text(source, k, 1 + (k + 1) % 3), encoding="utf-8")
            if round_no % 4 == 3:  # a report removed
                (raw / names[k - 1]).unlink()
            code, out = server.run(kill)
            after = state(published)  # the published warehouse opens: the previous or the new one
            if kill.endswith(":raise"):  # a failing step, said plainly; nothing published
                assert code == 1, (kill, out[-3000:])
                assert "NOT published (the warehouse stays as it was): step " in out
                assert f"injected failure at {kill.removesuffix(':raise')}" in out
                assert after == before, kill
            elif kill == "publish:2":  # killed just after the rename: the new warehouse is out
                assert code == -signal.SIGKILL, (kill, out[-3000:])
                assert after[4] == ",".join(sorted(p.name for p in raw.iterdir())), kill
            else:
                assert code == -signal.SIGKILL, (kill, out[-3000:])
                assert after == before, kill
            assert manifest_readable(DBT_PROJECT_DIR / "target" / "manifest.json")
            code, out = server.run()  # the rerun converges
            assert code == 0, (kill, out[-3000:])
            now = state(published)
            assert now[4] == ",".join(sorted(p.name for p in raw.iterdir())), kill
            seen.add(now)
            assert holder.execute(CONSISTENT).fetchone() == first  # the held reader kept its snapshot
    finally:
        stop.touch()
        poller.wait(timeout=60)
        holder.close()
    assert server.count == 1 + 2 * len(rounds)  # in both halves: 16 real runs (44 with all kills)
    # the warehouse after the kills, a failure and their reruns holds what a clean run of the same files gives
    clean = tmp_path / "clean" / "warehouse.duckdb"
    clean_server = RunServer(clean, raw, tmp_path / "clean-logs")
    code, out = clean_server.run()
    server.close()
    clean_server.close()
    assert code == 0, out
    assert query(published, CONTENT) == query(clean, CONTENT)
    pairs, cells, most = query(published, COMPARISONS)[0]
    assert most == 2 and pairs < cells  # a chain per figure: k printings, k - 1 comparisons
    assert pairs > 3 * 12  # 004 alone: 12 comparisons
    lines = [json.loads(line) for line in reads.read_text().splitlines()]
    assert [r for r in lines if "error" in r] == []
    assert len(lines) > 100
    for r in lines:
        n_docs, n_dim, missing, n_audited, names = r["row"]
        assert n_docs == n_dim == n_audited and missing == 0
    assert {tuple(r["row"]) for r in lines} <= seen | {state(published)}
    # the poller saw a published version per round (each round's rerun publishes new files)
    assert len({tuple(r["row"]) for r in lines}) >= 1 + len(rounds)
    assert storage_version_number(published) == 65  # DuckDB 1.x clients open it
    parquet = published.parent / "parquet" / "latest"
    n_reports = len(list(raw.iterdir()))
    assert duckdb.connect().execute(f"select count(*) from '{parquet}/marts/dim_report.parquet'").fetchone()[0] == n_reports
    assert (parquet / "audit" / "identity_findings.parquet").exists()


def test_sqlalchemy_read_only_runs_the_analyst_guide_during_a_run(warehouse, tmp_path, dagster_home):
    import sqlalchemy as sa

    from test_analyst_guide import _cell, _value, worked_questions

    published = tmp_path / "wh" / "warehouse.duckdb"
    published.parent.mkdir()
    shutil.copyfile(warehouse, published)
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    proc = start_cli_run(published, raw)
    try:
        build = published.parent / "builds" / "next" / published.name
        deadline = time.monotonic() + 120
        while not build.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert build.exists()
        engine = sa.create_engine(f"duckdb:///{published}?access_mode=read_only")
        with engine.connect() as con:
            for title, sql, table in worked_questions():
                lines = [l for l in table.strip().splitlines() if l.strip()]
                expected = [[_cell(c) for c in l.strip().strip("|").split("|")] for l in lines[2:]]
                got = [[_value(v) for v in row] for row in con.execute(sa.text(sql)).fetchall()]
                assert got == expected, title
            with pytest.raises(Exception, match="read-only"):
                con.execute(sa.text("create table marts.x (i integer)"))
        assert proc.poll() is None  # the run was in progress all along
        engine.dispose()
    finally:
        out, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, out
    # the run ends cleanly: no resource left for Python's resource tracker to complain about
    assert "leaked" not in out, out[-2000:]


@pytest.mark.skipif(not os.environ.get("RAPPORTLAGER_DUCKDB1_PYTHON"),
                    reason="set RAPPORTLAGER_DUCKDB1_PYTHON to a python with duckdb 1.x (e.g. 1.5.0) installed")
def test_a_duckdb_1x_client_opens_the_published_warehouse(warehouse):
    # checked by hand with duckdb 1.5.0 (November 2026): 5 reports, 701 operating facts, the views too
    code = (
        "import duckdb, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(con.execute('select count(*) from marts.dim_report').fetchone()[0], "
        "con.execute('select count(*) from staging.stg_raw__cells').fetchone()[0] > 0)"
    )
    done = subprocess.run([os.environ["RAPPORTLAGER_DUCKDB1_PYTHON"], "-c", code, str(warehouse)],
                          capture_output=True, text=True)
    assert done.stdout.split() == ["5", "True"], done.stderr
