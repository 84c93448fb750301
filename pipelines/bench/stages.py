"""One benchmark stage, run in a process of its own (`python -m pipelines.bench.stages STAGE …`)
so that its wall time, CPU time and peak memory are its own. Prints one line
`BENCH_RESULT {json}` with what the stage did (counts, time spent inside the work itself)."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path


def _result(**fields) -> None:
    print("BENCH_RESULT " + json.dumps(fields), flush=True)


def parse(corpus: Path, work: Path) -> None:
    """Parse every report (no database): bytes read, tables, cells."""
    from ..parsing import extract_document
    from ..settings import report_files

    t0, c0 = time.perf_counter(), time.process_time()
    n_bytes = n_tables = n_cells = n_docs = 0
    for path in report_files(corpus):
        data = path.read_bytes()
        doc = extract_document(path.name, data)
        n_docs += 1
        n_bytes += len(data)
        n_tables += len(doc.tables)
        n_cells += sum(len(r.cells) for t in doc.tables for r in t.rows)
    cpu = time.process_time() - c0
    _result(reports=n_docs, bytes=n_bytes, tables=n_tables, cells=n_cells,
            work_wall_s=time.perf_counter() - t0, work_cpu_s=cpu,
            mb_per_cpu_s=n_bytes / 2**20 / cpu if cpu else None)


def raw_load(corpus: Path, work: Path) -> None:
    """extract_changed into a new DuckDB file (as a run's first extraction): parse + load.

    Parsing runs in worker processes when there is much to read: its CPU time is theirs (as
    children of this process) plus what this process parsed itself."""
    import functools
    import resource

    import duckdb

    from .. import extraction, reading
    from ..publish import connect_config

    spent = {"parse": 0.0, "load": 0.0}

    def timed(name, fn):
        @functools.wraps(fn)  # a worker finds the function by its name
        def wrapper(*args, **kwargs):
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - c0
        return wrapper

    reading.read_report = timed("parse", reading.read_report)
    extraction.replace_documents = timed("load", extraction.replace_documents)
    db = work / "raw" / "warehouse.duckdb"
    shutil.rmtree(db.parent, ignore_errors=True)
    db.parent.mkdir(parents=True)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0, c0 = time.perf_counter(), time.process_time()
    con = duckdb.connect(str(db), config=connect_config())
    outcomes = extraction.extract_changed(con, corpus)
    counts = {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in ("documents", "tables", "cells")}
    con.close()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    _result(reports=counts["documents"], tables=counts["tables"], cells=counts["cells"],
            failed=sum(o.status == "failed" for o in outcomes), duplicates=sum(o.status == "duplicate" for o in outcomes),
            work_wall_s=time.perf_counter() - t0, work_cpu_s=time.process_time() - c0 + workers_cpu,
            parse_cpu_s=spent["parse"] + workers_cpu, load_cpu_s=spent["load"], workers=reading.workers(),
            db_mb=db.stat().st_size / 2**20)


def dbt_build(corpus: Path, work: Path, after_audit: bool = False) -> None:
    """dbt build in this process, as a run's dbt asset does (pipelines.dbt_inprocess): on a
    copy of the raw_load file, the models up to the identities; `after_audit`: the models that
    read the audit's decisions, on the file the audit wrote. The saved parse of the file's path
    is copied in and kept (pipelines.project), as in a run."""
    import os

    from ..dbt_inprocess import stream_build
    from ..project import AFTER_AUDIT, copy_saved_parse, publish_target_files
    from ..settings import DBT_PROJECT_DIR, WAREHOUSE_ENV, dbt_log_args, dbt_threads

    db = work / "dbt" / "warehouse.duckdb"
    if not after_audit:
        shutil.rmtree(db.parent, ignore_errors=True)
        db.parent.mkdir(parents=True)
        shutil.copyfile(work / "raw" / "warehouse.duckdb", db)
    os.environ[WAREHOUSE_ENV] = str(db)
    target = work / "dbt_target"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    copy_saved_parse(target)
    selection = ["--select", AFTER_AUDIT] if after_audit else ["--exclude", AFTER_AUDIT]
    t0, c0 = time.perf_counter(), time.process_time()
    nodes = list(stream_build(["--quiet", *selection, "--threads", str(dbt_threads()), "--no-write-json",
                               "--exclude-resource-type", "unit_test", *dbt_log_args(), "--log-path", str(work / "dbt_logs")], DBT_PROJECT_DIR, target))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    publish_target_files(target)  # the next build of this file starts from its parse, as in a run
    _result(nodes=len(nodes), work_wall_s=wall, work_cpu_s=cpu)


def dbt_after_audit(corpus: Path, work: Path) -> None:
    dbt_build(corpus, work, after_audit=True)


def identity_checks(corpus: Path, work: Path) -> None:
    """The GX identity audit (run_audit) on the dbt-built file, as the run's asset check does."""
    import duckdb

    from ..audit import run_audit
    from ..publish import connect_config

    db = work / "dbt" / "warehouse.duckdb"
    t0, c0 = time.perf_counter(), time.process_time()
    con = duckdb.connect(str(db), config=connect_config())
    findings = run_audit(con, work / "data_docs")
    con.close()
    _result(identities=len(findings), failed=int((findings["passed"] == False).sum()),  # noqa: E712
            work_wall_s=time.perf_counter() - t0, work_cpu_s=time.process_time() - c0)


def publication(corpus: Path, work: Path) -> None:
    """What a run does after the audit: checkpoint + storage check, Parquet export, rename into
    place with a snapshot (pipelines.publish / pipelines.export, unchanged)."""
    from ..export import export_parquet, point_latest
    from ..publish import finish_build, new_stamp, publish

    published = work / "published" / "warehouse.duckdb"
    shutil.rmtree(published.parent, ignore_errors=True)
    build = published.parent / "builds" / "next" / published.name
    build.parent.mkdir(parents=True)
    shutil.copyfile(work / "dbt" / "warehouse.duckdb", build)
    t0, c0 = time.perf_counter(), time.process_time()
    finish_build(build)
    stamp = new_stamp()
    export_parquet(build, published.parent / "parquet", stamp)
    publish(build, published, stamp=stamp)
    point_latest(published.parent / "parquet", stamp)
    _result(db_mb=published.stat().st_size / 2**20,
            work_wall_s=time.perf_counter() - t0, work_cpu_s=time.process_time() - c0)


STAGES = {"parse": parse, "raw_load": raw_load, "dbt_build": dbt_build, "identity_checks": identity_checks,
          "dbt_after_audit": dbt_after_audit, "publication": publication}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.bench.stages")
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args(argv)
    STAGES[args.stage](args.corpus, args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
