"""dbt in the run's process and GX in a worker process: what each hands back, how they fail,
and what they leave behind."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipelines.dbt_inprocess import DbtBuildFailed, stream_build

PROJECT = """
name: tiny
version: "1.0"
profile: tiny
flags:
  send_anonymous_usage_stats: false
"""
PROFILE = """
tiny:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{path}"
      threads: 1
"""


@pytest.fixture()
def tiny_project(tmp_path):
    project = tmp_path / "tiny"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(PROJECT)
    (project / "profiles.yml").write_text(PROFILE.format(path=tmp_path / "tiny.duckdb"))
    (project / "models" / "numbers.sql").write_text("select 1 as n union all select 2")
    (project / "models" / "doubled.sql").write_text("select n * 2 as n from {{ ref('numbers') }}")
    return project


def test_a_build_streams_its_nodes_and_leaves_the_file_closed(tiny_project, tmp_path):
    nodes = list(stream_build([], tiny_project, tmp_path / "target"))
    assert [(n.unique_id, n.resource_type, n.status) for n in nodes] == [
        ("model.tiny.numbers", "model", "success"), ("model.tiny.doubled", "model", "success")]
    # dbt-duckdb keeps its database open after a build unless closed: DuckDB would refuse this
    # connection (other settings) with "Can't open a connection to same database file"
    con = duckdb.connect(str(tmp_path / "tiny.duckdb"), config={"threads": 1})
    assert con.execute("select sum(n) from main.doubled").fetchone()[0] == 6
    con.close()


def test_dbts_debug_log_is_written_only_when_asked_for(tiny_project, tmp_path, monkeypatch):
    from pipelines.settings import DBT_DEBUG_LOG_ENV, dbt_log_args

    monkeypatch.delenv(DBT_DEBUG_LOG_ENV, raising=False)
    list(stream_build([*dbt_log_args(), "--log-path", str(tmp_path / "quiet")], tiny_project, tmp_path / "target"))
    assert not (tmp_path / "quiet" / "dbt.log").exists()
    monkeypatch.setenv(DBT_DEBUG_LOG_ENV, "1")
    list(stream_build([*dbt_log_args(), "--log-path", str(tmp_path / "debug")], tiny_project, tmp_path / "target"))
    assert "Began running node model.tiny.doubled" in (tmp_path / "debug" / "dbt.log").read_text(encoding="utf-8")


def test_a_failing_model_is_named_with_dbts_message(tiny_project, tmp_path):
    (tiny_project / "models" / "broken.sql").write_text("select * from no_such_table")
    seen = []
    with pytest.raises(DbtBuildFailed, match=r"(?s)model broken: .*no_such_table does not exist") as failure:
        for node in stream_build([], tiny_project, tmp_path / "target"):
            seen.append((node.unique_id, node.status))
    assert ("model.tiny.broken", "error") in seen
    assert ("model.tiny.doubled", "success") in seen  # the others are built and reported
    assert "1 node(s)" in str(failure.value)


def test_gx_runs_in_a_worker_process_that_ends_with_its_run(warehouse):
    """The run's process never imports GX (dbt runs there); the worker's verdict is the
    audit's, and a worker whose run is killed ends by itself."""
    probe = (
        "import os, signal, sys, duckdb, pipelines.definitions\n"
        "from pipelines import gx_process\n"
        "from pipelines.audit import load_identities\n"
        "gx_process.start_gx_worker()\n"
        f"con = duckdb.connect({str(warehouse)!r}, read_only=True)\n"
        "failed = gx_process.failed_identity_ids(load_identities(con), None, None)\n"
        "print(len(failed))\n"
        "print('great_expectations' in sys.modules)\n"
        "gx_process.start_gx_worker()\n"
        "print(gx_process._worker.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == -signal.SIGKILL, out.stderr
    failed, imported, pid = out.stdout.split("\n")[:3]
    con = duckdb.connect(str(warehouse), read_only=True)
    audited = con.execute("select count(*) from audit.identity_findings where not passed").fetchone()[0]
    con.close()
    assert int(failed) == audited > 0
    assert imported == "False"
    deadline = time.monotonic() + 30
    while _alive(int(pid)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(int(pid))


def test_a_worker_failing_after_its_verdict_leaves_the_run_going_with_a_warning(caplog):
    """The worker answers, then renders the Data Docs while the run goes on: if that fails, the
    verdicts are already in the warehouse; the run waits for it, says so and goes on."""
    from pipelines import gx_process

    failing = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read(); sys.exit(3)"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    gx_process._documenting = failing
    with caplog.at_level("WARNING", logger="pipelines.gx_process"):
        gx_process.stop_gx_worker()
    assert failing.returncode == 3
    assert gx_process._documenting is None and gx_process._worker is None
    assert "exit code 3 while writing the Data Docs" in caplog.text


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" not in status.read_text()
    except OSError:
        return False


def test_a_project_that_does_not_parse_fails_with_dbts_error(tiny_project, tmp_path):
    from pipelines.dbt_inprocess import parse

    parse(tiny_project, tmp_path / "target")
    assert (tmp_path / "target" / "manifest.json").exists()
    (tiny_project / "models" / "broken.sql").write_text("select * from {{ ref('no_such_model') }}")
    with pytest.raises(DbtBuildFailed, match=r"(?s)dbt parse failed: .*broken.*no_such_model"):
        parse(tiny_project, tmp_path / "target2")


FORKED_PARSE = """
import os, sys, time
from pathlib import Path
from pipelines.dbt_inprocess import parse
from pipelines.settings import DBT_PROJECT_DIR

folder = Path(sys.argv[1])
parse(DBT_PROJECT_DIR, folder / "before")  # a whole parse in this process
pid = os.fork()
if pid == 0:  # a forked child parses the whole project again, in its own process
    try:
        parse(DBT_PROJECT_DIR, folder / "child")
        os._exit(0)
    except BaseException as exc:
        print(repr(exc), flush=True)
        os._exit(1)
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        print("child exit", os.waitstatus_to_exitcode(status), flush=True)
        sys.exit(0)
    time.sleep(0.2)
os.kill(pid, 9)
print("child hung", flush=True)
"""


def test_dbt_parses_in_a_process_forked_after_a_parse(tmp_path):
    # A process that forks after dbt parsed in it (the test's run server, a forking job runner)
    # must be able to parse again in the child. dbt's static parser (dbt_extractor, in Rust)
    # keeps a thread pool that a fork does not copy: the child's first parse then waits on it
    # for ever. It is off in dbt_project.yml (flags: static_parser: false).
    out = subprocess.run([sys.executable, "-c", FORKED_PARSE, str(tmp_path)], capture_output=True, text=True,
                         timeout=300)
    assert out.stdout.strip().splitlines()[-1:] == ["child exit 0"], out.stdout + out.stderr
    assert (tmp_path / "child" / "manifest.json").exists()


def test_a_new_warehouse_starts_from_another_warehouses_saved_parse(tmp_path, monkeypatch):
    """dbt opens the warehouse by its file name from its folder, so the profile is the same for
    every warehouse of that name: the saved parse of one serves another (no full parse, about
    2 s and more), and each build writes the file it was given."""
    import os
    import shutil

    from pipelines.settings import DBT_PATH_ENV, DBT_PROJECT_DIR, WAREHOUSE_ENV

    folder = os.getcwd()
    debug = ["--select", "unit_scales", "--log-level-file", "debug"]
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "a" / "warehouse.duckdb"))
    list(stream_build([*debug, "--log-path", str(tmp_path / "logs_a")], DBT_PROJECT_DIR, tmp_path / "target_a"))
    (tmp_path / "target_b").mkdir()
    shutil.copy(tmp_path / "target_a" / "partial_parse.msgpack", tmp_path / "target_b")
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "b" / "warehouse.duckdb"))
    list(stream_build([*debug, "--log-path", str(tmp_path / "logs_b")], DBT_PROJECT_DIR, tmp_path / "target_b"))
    log = (tmp_path / "logs_b" / "dbt.log").read_text(encoding="utf-8")
    assert "no changes found, skipping parsing" in log
    assert "Unable to do partial parsing" not in log
    for name in ("a", "b"):
        con = duckdb.connect(str(tmp_path / name / "warehouse.duckdb"), read_only=True)
        assert con.execute("select sek_per_unit from seeds.unit_scales where unit_word = 'tkr'").fetchall() == [(1000.0,)]
        con.close()
    assert os.getcwd() == folder and DBT_PATH_ENV not in os.environ  # as they were
