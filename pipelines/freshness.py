"""Whether a run has anything to do.

Nothing, when the published warehouse was built from exactly the report files in the raw
folder, by this code (parser, dbt project, GX suite) and these libraries, and its Parquet export
and Data Docs are its own. A nightly run with nothing new then ends in seconds and publishes no
copy of what is already published. Anything else (a file added, changed, removed, failing or
ignored anew; a new parser, model or library; an export a killed run left behind) is a full run.
"""
from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import duckdb

from .extraction import extractor_version
from .publish import READABLE_BY_1X, current_snapshot, storage_version_number
from .settings import DBT_PROJECT_DIR, REPO_ROOT

# what the warehouse's content depends on besides the reports (the parser and the seeds' rows are
# in extractor_version; their column types and tests are in seeds/_seeds.yml)
CODE = [DBT_PROJECT_DIR / name for name in ("models", "macros", "tests", "seeds", "dbt_project.yml", "profiles.yml")] + [
    REPO_ROOT / "expectations", REPO_ROOT / "pipelines" / "audit.py", REPO_ROOT / "pipelines" / "audit_reuse.py"]
LIBRARIES = ("dbt-core", "dbt-duckdb", "duckdb", "great-expectations", "pandas")

BUILD_INFO_DDL = """
create or replace table raw.build_info as
select ?::varchar as build_version, now() as built_at
"""


def build_version() -> str:
    """A hash of everything but the reports that the warehouse's content depends on."""
    digest = hashlib.sha256(extractor_version().encode())
    for root in CODE:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(REPO_ROOT)).encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()[:16]


def built_by_this_code(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the warehouse behind `con` was built by this code and these libraries
    (raw.build_info, written when a build is published). dbt's incremental models build on
    such a warehouse; any other is built in full (dbt's --full-refresh)."""
    recorded = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'build_info'").fetchone()[0]
    return bool(recorded) and con.execute("select build_version from raw.build_info").fetchall() == [(build_version(),)]


def record_build(con: duckdb.DuckDBPyConnection) -> None:
    """Note in the build which code built it (raw.build_info)."""
    con.execute(BUILD_INFO_DDL, [build_version()])


def forget_build(con: duckdb.DuckDBPyConnection) -> None:
    """Drop that note: the next build of this warehouse is a full one (`run --rebuild`)."""
    con.execute("drop table if exists raw.build_info")


def up_to_date(published: Path, reports: list[Path], ignored: dict[str, str]) -> str | None:
    """The published snapshot's name when a run would build it again unchanged, else None."""
    if not published.exists() or storage_version_number(published) not in READABLE_BY_1X:
        return None
    snapshot = current_snapshot(published)
    latest = published.parent / "parquet" / "latest"
    if snapshot is None or not latest.is_symlink() or latest.resolve().name != snapshot.parent.name:
        return None  # its export is not the latest (a run killed after publishing, a rollback)
    con = duckdb.connect(str(published), read_only=True)
    try:
        tables = {r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'raw'").fetchall()}
        if not {"build_info", "documents", "extraction_errors", "file_status"} <= tables:
            return None
        built_by = con.execute("select build_version from raw.build_info").fetchall()
        loaded = {r[0]: (r[1], r[2]) for r in con.execute(
            "select source_file, sha256, extractor_version from raw.documents").fetchall()}
        errors = con.execute("select count(*) from raw.extraction_errors").fetchone()[0]
        ignored_before = {r[0] for r in con.execute(
            "select source_file from raw.file_status where status = 'ignored'").fetchall()}
    finally:
        con.close()
    if built_by != [(build_version(),)] or errors or set(ignored) != ignored_before:
        return None
    if set(loaded) != {p.name for p in reports}:
        return None
    parser = extractor_version()
    for path in reports:  # the same test as the extraction's: same bytes, same parser
        if loaded[path.name] != (hashlib.sha256(path.read_bytes()).hexdigest(), parser):
            return None
    return snapshot.parent.name
