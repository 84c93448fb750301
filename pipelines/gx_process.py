"""GX in a process of its own, started when a run starts, for the identity audit.

Importing GX takes about 2 s of Python (GX's modules, scipy). dbt runs in the run's own
process, and Python runs one thread's Python at a time: an import of GX in a thread there
slows dbt's build by as much. A worker process (`python -m pipelines.gx_process`) imports it
meanwhile, on the other core; the audit hands it the identities (as Parquet files that DuckDB
writes and reads back into the same frames: pickling 97 000 identities took 3 s, this 0.5 s)
and reads back the ids of those that fail (on the worker's stdout). The worker then validates the
audit's coverage and renders the Data Docs (about 2 s that decide nothing) while the run goes
on; the run waits for it before the docs are published (`stop_gx_worker`). A worker whose run
is gone reads the end of its stdin and ends.

Without a started worker (one asset materialized on its own, the audit command), the audit
runs GX in the calling process.
"""
from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

log = logging.getLogger(__name__)
_worker: subprocess.Popen | None = None
_documenting: subprocess.Popen | None = None  # a worker that answered and writes the Data Docs


def start_gx_worker() -> None:
    """Start the worker; it imports GX at once, then waits for the identities."""
    global _worker
    if _worker is None:
        _worker = subprocess.Popen([sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def stop_gx_worker() -> None:
    """End a worker the audit did not use (a run that failed before it), and wait for the one
    that answered to finish the Data Docs."""
    global _worker, _documenting
    for worker in (_worker, _documenting):
        if worker is not None:
            worker.stdin.close()  # an unused worker reads the end and ends
            worker.stdout.close()
            if worker.wait() != 0 and worker is _documenting:
                # the verdicts are in the warehouse already: the run goes on, the pages may lack some
                log.warning("the GX worker ended with exit code %s while writing the Data Docs (its error is "
                            "above): they may be incomplete", worker.returncode)
    _worker = _documenting = None


def failed_identity_ids(identities: pd.DataFrame, docs_dir: Path | None, unchecked: pd.DataFrame | None) -> set[int]:
    """The GX suite's verdict (validate_identities): the ids of the failing identities. In the
    started worker, which ends after it; else in this process."""
    global _worker, _documenting
    worker, _worker = _worker, None
    if worker is None:
        return _failed_ids(identities, docs_dir, unchecked)
    with tempfile.TemporaryDirectory(prefix="rapportlager-audit-") as folder:
        frames = {"identities": identities, "unchecked": unchecked}
        paths = {name: _write(frame, Path(folder) / f"{name}.parquet") for name, frame in frames.items()}
        try:
            worker.stdin.write(pickle.dumps((paths, docs_dir)))
            worker.stdin.flush()
            answer = pickle.load(worker.stdout)  # the verdict, before the worker's Data Docs
        except EOFError:
            worker.wait()
            raise RuntimeError(f"the GX worker ended with exit code {worker.returncode} (its error is above)") from None
        except BaseException:
            worker.kill()
            worker.wait()
            raise
    _documenting = worker
    return answer


def _write(frame: pd.DataFrame | None, path: Path) -> Path | None:
    if frame is None:
        return None
    con = duckdb.connect()
    try:
        con.from_df(frame).write_parquet(str(path))
    finally:
        con.close()
    return path


def _read(path: Path | None) -> pd.DataFrame | None:
    if path is None:
        return None
    con = duckdb.connect()
    try:
        return con.read_parquet(str(path)).df()
    finally:
        con.close()


def _failed_ids(identities: pd.DataFrame, docs_dir: Path | None, unchecked: pd.DataFrame | None) -> set[int]:
    from expectations.identities import validate_identities

    return set(validate_identities(identities, docs_dir, unchecked).failed_ids)


def _serve() -> int:
    from expectations.identities import IdentitySuite, document  # GX, imported while the run goes on

    try:
        paths, docs_dir = pickle.load(sys.stdin.buffer)
    except EOFError:  # the run ended or failed before its audit
        return 0
    run = os.getppid()
    suite = IdentitySuite(docs_dir)
    failed = set(suite.validate(_read(paths["identities"])).failed_ids)
    unchecked = _read(paths["unchecked"])  # read before the answer: the run then removes the files
    sys.stdout.buffer.write(pickle.dumps(failed))
    sys.stdout.buffer.flush()
    if os.getppid() == run:  # a run killed meanwhile gets no pages in the next run's build
        document(suite, unchecked)
    return 0


if __name__ == "__main__":
    code = _serve()
    # no interpreter teardown (0.7 s with GX, scipy and pandas loaded): the answer and the Data
    # Docs are written
    os._exit(code)
