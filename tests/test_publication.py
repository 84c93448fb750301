"""Atomic publication, run lock, kill points and rollback, on a stub build (fast: the same
lock, build file, kill points and rename as `rapportlager run`, with SQL instead of dbt)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pipelines.publish import (KEEP, current_snapshot, list_snapshots, lock_path, rollback,
                               storage_version_number)
from pipelines.runlock import RunLock

HELPERS = Path(__file__).parent / "helpers"
# one read: raw rows, dimension rows, last model rows, audit count, bodies in raw and in audit
CONSISTENT = (
    "select (select count(*) from raw.documents), (select count(*) from marts.dim_report), "
    "(select count(*) from marts.m7), (select n from audit.findings), "
    "(select string_agg(body, ',' order by source_file) from raw.documents), (select bodies from audit.findings)"
)


def stub_run(published: Path, raw: Path, kill: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("RAPPORTLAGER_KILL_AT", None)
    if kill:
        env["RAPPORTLAGER_KILL_AT"] = kill
    return subprocess.run(
        [sys.executable, str(HELPERS / "stub_pipeline.py"), str(published), str(raw)],
        env=env, capture_output=True, text=True, timeout=60, start_new_session=True,
    )


def read_state(published: Path) -> tuple:
    con = duckdb.connect(str(published), read_only=True)
    try:
        return con.execute(CONSISTENT).fetchone()
    finally:
        con.close()


def assert_consistent(row) -> None:
    n_raw, n_dim, n_model, n_audit, bodies, audited = row
    assert n_raw == n_dim == n_model == n_audit
    assert bodies == audited


@pytest.fixture()
def stub(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    published = tmp_path / "wh" / "warehouse.duckdb"
    published.parent.mkdir()
    return raw, published


def test_readers_hold_and_poll_through_20_runs(stub, tmp_path):
    raw, published = stub
    (raw / "a.txt").write_text("a0")
    assert stub_run(published, raw).returncode == 0
    holder = duckdb.connect(str(published), read_only=True)  # held open through every run
    first = holder.execute(CONSISTENT).fetchone()
    out, stop = tmp_path / "reads.jsonl", tmp_path / "stop"
    poller = subprocess.Popen([sys.executable, str(HELPERS / "poller.py"), str(published), str(out), str(stop), CONSISTENT])
    try:
        for i in range(20):
            (raw / f"n{i:02d}.txt").write_text(f"new{i}")  # added
            if i % 3 == 0:
                (raw / "a.txt").write_text(f"a{i}")  # changed
            if i % 5 == 4:
                (raw / f"n{i - 2:02d}.txt").unlink()  # removed
            done = stub_run(published, raw)
            assert done.returncode == 0, done.stderr
            assert holder.execute(CONSISTENT).fetchone() == first  # the held reader keeps its snapshot
    finally:
        stop.touch()
        poller.wait(timeout=30)
    holder.close()
    reads = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r for r in reads if "error" in r] == []
    for r in reads:
        assert_consistent(r["row"])
    assert len({r["row"][4] for r in reads}) >= 5  # the poller saw many published versions
    final = read_state(published)
    assert final[0] == len(list(raw.iterdir())) == 1 + 20 - 4
    assert storage_version_number(published) in range(64, 69)


KILLS = [f"extraction:{n}" for n in range(1, 9)] + [f"dbt:{n}" for n in range(1, 9)] + [
    "audit:1", "audit:2", "audit:3", "publish:1", "publish:2"]


def test_killed_at_21_moments_then_rerun(stub):
    raw, published = stub
    for name in ("a", "b", "c"):
        (raw / f"{name}.txt").write_text(f"{name}0")
    assert stub_run(published, raw).returncode == 0
    assert len(KILLS) == 21
    for round_no, kill in enumerate(KILLS, start=1):
        before = read_state(published)
        (raw / f"k{round_no:02d}.txt").write_text(f"k{round_no}")
        (raw / "a.txt").write_text(f"a{round_no}")
        killed = stub_run(published, raw, kill)
        assert killed.returncode == -9, (kill, killed.stderr)
        after = read_state(published)  # the published warehouse opens: previous or new, whole
        assert_consistent(after)
        if kill == "publish:2":
            assert after[0] == before[0] + 1  # killed after the rename: the new one is out
        else:
            assert after == before, kill
        assert not published.with_name(published.name + ".wal").exists()
        assert stub_run(published, raw).returncode == 0  # the rerun converges
        again = read_state(published)
        assert again[0] == len(list(raw.iterdir()))
        assert f"a{round_no}" in again[4]
        assert_consistent(again)
    assert len(list_snapshots(published)) == KEEP
    assert list((published.parent / "builds").iterdir()) == []


def test_a_second_run_is_refused_with_the_pid(stub):
    raw, published = stub
    (raw / "a.txt").write_text("a")
    with RunLock(lock_path(published)):
        second = stub_run(published, raw)
    assert second.returncode == 3
    assert f"already running (pid {os.getpid()})" in second.stdout
    assert not published.exists()


def test_a_stale_lock_of_a_dead_pid_is_taken_over(stub):
    raw, published = stub
    (raw / "a.txt").write_text("a")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock_path(published).write_text(dead.stdout)
    assert stub_run(published, raw).returncode == 0
    assert read_state(published)[0] == 1


def test_the_real_run_refuses_while_another_holds_the_lock(stub, caplog):
    from pipelines.run import EXIT_ALREADY_RUNNING, run_pipeline

    raw, published = stub
    (raw / "a.txt").write_text("a")
    with RunLock(lock_path(published)):
        code = run_pipeline(published, raw)
    assert code == EXIT_ALREADY_RUNNING == 3
    assert f"already running (pid {os.getpid()})" in caplog.text


def test_snapshots_and_rollback(stub):
    raw, published = stub
    states = []
    for i in range(5):
        (raw / f"r{i}.txt").write_text(f"r{i}")
        assert stub_run(published, raw).returncode == 0
        states.append(read_state(published))
    assert len(list_snapshots(published)) == KEEP
    assert current_snapshot(published) == list_snapshots(published)[-1]
    rollback(published)
    assert read_state(published) == states[-2]
    rollback(published)
    assert read_state(published) == states[-3]
    with pytest.raises(Exception, match="no earlier snapshot"):
        rollback(published)
    rollback(published, to=list_snapshots(published)[-1].parent.name)
    assert read_state(published) == states[-1]
    # a run after a rollback builds on the published file and publishes normally
    assert stub_run(published, raw).returncode == 0
    assert read_state(published)[0] == 5
    # to the snapshot published now: nothing changes, and no file is left beside it
    rollback(published, to=current_snapshot(published).parent.name)
    assert read_state(published)[0] == 5
    assert sorted(p.name for p in published.parent.iterdir()) == [
        "builds", "snapshots", "warehouse.duckdb", "warehouse.duckdb.lock"]


def test_rollback_command(stub, capsys):
    from pipelines.cli import main

    raw, published = stub
    for i in range(2):
        (raw / f"r{i}.txt").write_text(f"r{i}")
        assert stub_run(published, raw).returncode == 0
    assert main(["rollback", "--warehouse", str(published)]) == 0
    assert read_state(published)[0] == 1
    assert main(["rollback", "--warehouse", str(published), "--list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert len(listed) == 2 and listed[0].endswith("(published)")


def test_a_second_run_may_wait_for_the_first(tmp_path):
    import threading
    import time

    from pipelines.runlock import AlreadyRunning

    path = tmp_path / "w.duckdb.lock"
    first = RunLock(path)
    first.acquire()
    assert path.read_text() == f"{os.getpid()}\n"
    with pytest.raises(AlreadyRunning, match=rf"already running \(pid {os.getpid()}\)"):
        RunLock(path).acquire(wait=0.6)
    threading.Timer(0.5, first.release).start()
    started = time.monotonic()
    second = RunLock(path)
    second.acquire(wait=10)
    assert 0.4 < time.monotonic() - started < 5
    second.release()


def test_a_build_in_a_format_duckdb_1x_cannot_read_is_not_published(tmp_path):
    from pipelines.publish import PublicationError, finish_build

    build = tmp_path / "builds" / "next" / "warehouse.duckdb"
    build.parent.mkdir(parents=True)
    duckdb.connect(str(build)).close()  # duckdb 2.x default format: version 999
    assert storage_version_number(build) not in range(64, 69)
    with pytest.raises(PublicationError, match="DuckDB 1.x clients read 64–68"):
        finish_build(build)


def test_the_parquet_export_writes_every_mart_and_audit_table_whole(tmp_path):
    from pipelines.export import export_parquet

    db = tmp_path / "build.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema marts; create schema audit; create schema intermediate")
    con.execute("create table marts.fct_big as select range as id, 'r' || range as label from range(50000)")
    con.execute("create table marts.dim_small as select 1 as key, 'Kommunstyrelsen' as name")
    con.execute("create table audit.identity_findings as select range as identity_id from range(3)")
    con.execute("create table intermediate.int_hidden as select 1 as x")
    con.close()
    out = export_parquet(db, tmp_path / "parquet", "s1", workers=2)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet")) == [
        "audit/identity_findings.parquet", "marts/dim_small.parquet", "marts/fct_big.parquet"]
    read = duckdb.connect()
    assert read.execute(f"select count(*), count(distinct id), max(label) from '{out}/marts/fct_big.parquet'"
                        ).fetchone() == (50000, 50000, "r9999")
    assert read.execute(f"select * from '{out}/marts/dim_small.parquet'").fetchall() == [(1, "Kommunstyrelsen")]
