"""Parquet copies of marts.* and audit.* beside the published warehouse.

data/warehouse/parquet/<snapshot>/<schema>/<table>.parquet, and parquet/latest → the newest
(a symlink replaced atomically); the last three exports are kept."""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

KEEP = 3
SCHEMAS = ("marts", "audit")


def export_parquet(db: Path, root: Path, stamp: str, workers: int = 2) -> Path:
    """Write marts.* and audit.* of `db` to root/<stamp>/; point root/latest at it.

    Tables are written `workers` at a time, the largest first: one table's COPY keeps about one
    core busy (1 000 reports: 0.93-1.04 s one at a time, 0.47-0.62 s two at a time)."""
    out = root / stamp
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "select schema_name, table_name from duckdb_tables() where list_contains(?, schema_name) "
            "order by estimated_size desc, 1, 2",
            [list(SCHEMAS)],
        ).fetchall()
        for schema in {schema for schema, _ in tables}:
            (out / schema).mkdir(exist_ok=True)

        def write(schema_table: tuple[str, str]) -> None:
            schema, table = schema_table
            target = str(out / schema / f"{table}.parquet").replace("'", "''")
            cursor = con.cursor()  # a connection of this thread's own, on the same database
            try:
                cursor.execute(f'copy (select * from "{schema}"."{table}") to \'{target}\' (format parquet)')
            finally:
                cursor.close()

        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(write, tables))  # list(): a failing table's error is raised here
    finally:
        con.close()
    return out


def point_latest(root: Path, stamp: str, keep: int = KEEP) -> None:
    """parquet/latest → the export of the published warehouse (symlink replaced atomically)."""
    link = root / "latest"
    tmp = root / f".latest-{os.getpid()}"
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(stamp, target_is_directory=True)
    os.replace(tmp, link)
    exports = sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith("."))
    for old in exports[:-keep]:
        if old.name != stamp:
            shutil.rmtree(old, ignore_errors=True)
