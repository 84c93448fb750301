"""A stand-in for the real pipeline: the same run lock, build file, kill points and
publication as `rapportlager run`, with a few SQL statements instead of Dagster, dbt and GX,
so that the publication can be run (and killed) dozens of times in a test.

Usage: python stub_pipeline.py PUBLISHED RAW_DIR   (exit 0, or 3 when already running)"""
from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from pipelines.killpoints import kill_point
from pipelines.publish import connect_config, finish_build, lock_path, publish, start_build
from pipelines.runlock import AlreadyRunning, RunLock

N_MODELS = 8


def build(path: Path, raw: Path) -> None:
    con = duckdb.connect(str(path), config=connect_config())
    con.execute("create schema if not exists raw")
    con.execute("create table if not exists raw.documents (source_file varchar primary key, body varchar)")
    present = sorted(p.name for p in raw.iterdir())
    con.execute("delete from raw.documents where not list_contains(?, source_file)", [present])
    for name in present:  # "extraction"
        con.execute("insert or replace into raw.documents values (?, ?)", [name, (raw / name).read_text()])
        kill_point("extraction")
    con.execute("create schema if not exists marts")
    for i in range(N_MODELS):  # "dbt"
        con.execute(f"create or replace table marts.m{i} as select * from raw.documents")
        kill_point("dbt")
    con.execute("create or replace table marts.dim_report as select source_file from marts.m7")
    con.execute("create schema if not exists audit")
    kill_point("audit")  # "audit"
    con.execute(
        "create or replace table audit.findings as select count(*) as n, "
        "string_agg(body, ',' order by source_file) as bodies from marts.m7"
    )
    kill_point("audit")
    con.close()
    kill_point("audit")  # closed, not yet checkpointed for publication


def main(published: Path, raw: Path) -> int:
    try:
        with RunLock(lock_path(published)):
            path = start_build(published)
            build(path, raw)
            finish_build(path)
            publish(path, published)
    except AlreadyRunning as exc:
        print(exc)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
