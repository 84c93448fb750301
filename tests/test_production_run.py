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
from pipelines.publish import list_snapshots, storage_version_number
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


def cli_run(published: Path, raw: Path, kill: str | None = None, wait: bool = True):
    env = {k: v for k, v in os.environ.items() if k != "RAPPORTLAGER_KILL_AT"}
    if kill:
        env["RAPPORTLAGER_KILL_AT"] = kill
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "run", "--warehouse", str(published), "--raw", str(raw)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    if not wait:
        return proc
    out, _ = proc.communicate(timeout=300)
    return proc.returncode, out


def state(published: Path) -> tuple:
    """One read of the published warehouse, in a process of its own (this process may hold
    the old file open, and DuckDB hands a process the database instance it already has)."""
    code = (
        "import duckdb, json, sys; con = duckdb.connect(sys.argv[1], read_only=True); "
        "print(json.dumps(list(con.execute(sys.argv[2]).fetchone())))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(published), CONSISTENT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return tuple(json.loads(done.stdout))


def test_real_runs_with_readers_killed_or_failing_at_each_stage(tmp_path, dagster_home, report_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(report_path("004"), raw)
    published = tmp_path / "wh" / "warehouse.duckdb"
    code, out = cli_run(published, raw)
    assert code == 0, out
    first = state(published)
    assert first == (1, 1, 0, 1, report_path("004").name)
    holder = duckdb.connect(str(published), read_only=True)  # the reader that used to break dbt
    reads, stop = tmp_path / "reads.jsonl", tmp_path / "stop"
    poller = subprocess.Popen([sys.executable, str(HELPERS / "poller.py"), str(published), str(reads), str(stop), CONSISTENT])
    try:
        shutil.copy(report_path("001"), raw / "000 new report sorting first.txt")
        for kill in ("extraction:1", "dbt:40"):
            code, out = cli_run(published, raw, kill)
            assert code == -signal.SIGKILL, (kill, out[-3000:])
            assert state(published) == first, kill  # the previous warehouse, whole
            assert manifest_readable(DBT_PROJECT_DIR / "target" / "manifest.json")
        # a step that fails (not killed): said plainly, exit 1, nothing published
        code, out = cli_run(published, raw, "audit:2:raise")
        assert code == 1
        assert "Run summary: 1 loaded, 1 unchanged, 0 skipped as duplicates, 0 failed, 0 ignored, 0 removed" in out
        assert "  NOT published (the warehouse stays as it was): step identity_audit failed: " in out
        assert "injected failure at audit:2" in out
        assert state(published) == first
        # the rerun converges; killed right after the rename, the new warehouse is out, whole
        code, out = cli_run(published, raw, "publish:2")
        assert code == -signal.SIGKILL
        second = state(published)
        assert second == (2, 2, 0, 2, f"000 new report sorting first.txt,{report_path('004').name}")
        assert holder.execute(CONSISTENT).fetchone() == first  # the held reader kept its snapshot
    finally:
        stop.touch()
        poller.wait(timeout=60)
        holder.close()
    lines = [json.loads(line) for line in reads.read_text().splitlines()]
    assert [r for r in lines if "error" in r] == []
    assert len(lines) > 20
    for r in lines:
        n_docs, n_dim, missing, n_audited, names = r["row"]
        assert n_docs == n_dim == n_audited and missing == 0
    assert {tuple(r["row"]) for r in lines} <= {tuple(first), tuple(second)}
    assert storage_version_number(published) == 65  # DuckDB 1.x clients open it
    assert len(list_snapshots(published)) == 2
    # parquet/latest moves after a publication completes: killed right after the rename, it
    # still shows the first export until the next run
    parquet = published.parent / "parquet" / "latest"
    assert duckdb.connect().execute(f"select count(*) from '{parquet}/marts/dim_report.parquet'").fetchone()[0] == 1
    assert (parquet / "audit" / "identity_findings.parquet").exists()


def test_sqlalchemy_read_only_runs_the_analyst_guide_during_a_run(warehouse, tmp_path, dagster_home):
    import sqlalchemy as sa

    from test_analyst_guide import _cell, _value, worked_questions

    published = tmp_path / "wh" / "warehouse.duckdb"
    published.parent.mkdir()
    shutil.copyfile(warehouse, published)
    raw = Path(__file__).resolve().parents[1] / "data" / "raw"
    proc = cli_run(published, raw, wait=False)
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
