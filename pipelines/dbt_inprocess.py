"""dbt in this process (dbt's programmatic entry point, dbtRunner): a build, as a stream of the
nodes it finishes, and a parse.

A dbt subprocess spends 2.5–3 s before its first node (a Python interpreter, dbt's imports,
the adapter, the saved parse), and a run starts two. In the run's own process dbt is imported
once and its second build starts at once: the two builds of the five reports took 5.7–6.1 s
and 4.2–4.4 s as subprocesses, 3.1–3.5 s and 1.5–1.7 s here.

dbt runs in a thread of its own; its nodes are handed over as they finish, so the caller can
report each one while dbt goes on. dbt's own lines go to sys.stdout, as a subprocess's would.

dbt opens the warehouse by its file name, from the folder it is in (`beside_the_warehouse`).
dbt parses the whole project again (about 2 s; 4–5 s on a slow machine) when the profile differs
from its saved parse's, and the profile holds the path DuckDB opens: by name, a run into a new
warehouse starts from another warehouse's saved parse.
"""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .settings import DBT_PATH_ENV, warehouse_path

_DONE = object()
FAILED_STATUSES = {"error", "fail", "runtime error"}


@dataclass(frozen=True)
class NodeResult:
    unique_id: str
    resource_type: str  # model, seed, test, snapshot
    status: str  # success, pass, warn, error, fail, skipped
    message: str


class DbtBuildFailed(RuntimeError):
    """dbt build (or parse) did not succeed: the failing nodes and their messages, or dbt's error."""


def stream_build(args: list[str], project_dir: Path, target_path: Path) -> Iterator[NodeResult]:
    """`dbt build <args>` of the project in `project_dir`, writing into `target_path`; each node
    as dbt finishes it. Raises DbtBuildFailed after the last node when the build failed.

    A caller that stops reading (an error, a kill point) waits here until dbt has finished:
    no dbt thread goes on writing to the warehouse once the caller has moved on."""
    from dbt.cli.main import dbtRunner  # 0.4 s: imported when a build starts, not with the code

    handed: queue.Queue = queue.Queue()

    def on_event(event) -> None:
        if event.info.name == "NodeFinished":
            node, result = event.data.node_info, event.data.run_result
            handed.put(NodeResult(node.unique_id, node.resource_type, result.status, result.message))

    outcome: dict = {}

    def invoke() -> None:
        try:
            with beside_the_warehouse():
                outcome["result"] = dbtRunner(callbacks=[on_event]).invoke(
                    ["build", *args, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
                     "--target-path", str(target_path)])
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc
        finally:
            handed.put(_DONE)

    worker = threading.Thread(target=invoke, name="dbt-build", daemon=True)
    worker.start()
    try:
        while (node := handed.get()) is not _DONE:
            yield node
    finally:
        worker.join()
    if "error" in outcome:
        raise DbtBuildFailed(f"dbt build raised {outcome['error']!r}") from outcome["error"]
    result = outcome["result"]
    if not result.success:
        raise DbtBuildFailed(failure_text(result))


def parse(project_dir: Path, target_path: Path) -> None:
    """`dbt parse` of the project in `project_dir`, writing its manifest (and saved parse) into
    `target_path`; raises DbtBuildFailed with dbt's error when it fails."""
    from dbt.cli.main import dbtRunner

    with beside_the_warehouse():
        result = dbtRunner().invoke(["--quiet", "parse", "--project-dir", str(project_dir),
                                     "--profiles-dir", str(project_dir), "--target-path", str(target_path)])
    if not result.success:
        raise DbtBuildFailed(f"dbt parse failed: {result.exception or 'see dbt_project/logs'}")


@contextmanager
def beside_the_warehouse():
    """The process in the warehouse's folder, and dbt's profile given its file name
    (RAPPORTLAGER_DBT_PATH), until dbt's DuckDB is closed (here, on the way out). Every path
    dbt is given is absolute (the project, the target and log folders), so the folder dbt runs in only decides which file
    DuckDB opens (and its write-ahead log beside it). The folder is the process's: only one
    dbt command runs at a time in a run, and the run's other paths are absolute too."""
    warehouse = warehouse_path()
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    folder, named = os.getcwd(), os.environ.get(DBT_PATH_ENV)
    os.environ[DBT_PATH_ENV] = warehouse.name
    os.chdir(warehouse.parent)
    try:
        yield
    finally:
        try:
            close_dbt_duckdb()
        finally:
            os.chdir(folder)
            if named is None:
                os.environ.pop(DBT_PATH_ENV, None)
            else:
                os.environ[DBT_PATH_ENV] = named


def close_dbt_duckdb() -> None:
    """dbt-duckdb keeps its DuckDB database open in the process after a build (an environment
    held by its connection manager, not closed with dbt's connections). Closed here: DuckDB
    refuses another connection to the file with other settings while it is open (the run's own
    connections have their own), and a file that is published must not be held open."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager
    from dbt.adapters.factory import reset_adapters

    reset_adapters()
    environment = getattr(DuckDBConnectionManager, "_ENV", None)
    DuckDBConnectionManager.close_all_connections()
    if environment is not None:
        environment.close()


def failure_text(result) -> str:
    """What failed in a dbt invocation: each failing node with dbt's message, or dbt's error."""
    failed = [f"{r.node.resource_type} {r.node.name}: {(r.message or r.status).strip()}"
              for r in getattr(result.result, "results", None) or [] if str(r.status) in FAILED_STATUSES]
    if failed:
        return f"dbt build failed ({len(failed)} node(s)): " + "; ".join(failed[:5]) + (
            f"; and {len(failed) - 5} more" if len(failed) > 5 else "")
    return f"dbt build failed: {result.exception or 'see dbt_project/logs'}"
