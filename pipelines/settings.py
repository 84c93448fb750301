"""Where things are: the raw reports, the warehouse file, the dbt project; size limits."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
WAREHOUSE_ENV = "RAPPORTLAGER_WAREHOUSE"
RAW_DIR_ENV = "RAPPORTLAGER_RAW_DIR"
DATA_DOCS_ENV = "RAPPORTLAGER_DATA_DOCS"
MAX_FILE_MB_ENV = "RAPPORTLAGER_MAX_FILE_MB"
DBT_THREADS_ENV = "RAPPORTLAGER_DBT_THREADS"
DBT_DEBUG_LOG_ENV = "RAPPORTLAGER_DBT_DEBUG_LOG"
DBT_PATH_ENV = "RAPPORTLAGER_DBT_PATH"  # the warehouse's file name, while a run's dbt opens it
DEFAULT_MAX_FILE_MB = 20.0
REPORT_SUFFIXES = (".txt", ".pdf")
DEFAULT_WAREHOUSE = REPO_ROOT / "data" / "warehouse" / "warehouse.duckdb"


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV, REPO_ROOT / "data" / "raw"))


def warehouse_path() -> Path:
    """The DuckDB file Dagster and dbt write (dbt reads the same variable in profiles.yml).

    During `rapportlager run` this is the build file; otherwise the published warehouse."""
    return Path(os.environ.get(WAREHOUSE_ENV, DEFAULT_WAREHOUSE)).resolve()


def dagster_workspace_path() -> Path:
    """The working copy that materialisations started in the Dagster UI write (never published)."""
    return DEFAULT_WAREHOUSE.parent / "dagster" / DEFAULT_WAREHOUSE.name


def max_file_bytes() -> int:
    """Reports larger than this are not read (RAPPORTLAGER_MAX_FILE_MB, default 20 MB)."""
    return int(float(os.environ.get(MAX_FILE_MB_ENV, DEFAULT_MAX_FILE_MB)) * 1024 * 1024)


def dbt_threads() -> int:
    """Models dbt builds at once: RAPPORTLAGER_DBT_THREADS, else one per core. DuckDB already
    runs each query on every core; more dbt threads than cores only contend (1 000 reports,
    2 cores: the dbt build in 12.4 s with 2 threads, 13.1–14.1 s with 4)."""
    return max(1, int(os.environ.get(DBT_THREADS_ENV) or os.cpu_count() or 1))


def dbt_log_args() -> list[str]:
    """dbt's debug log file (dbt_project/logs/dbt.log: every query, every event) only when
    RAPPORTLAGER_DBT_DEBUG_LOG is set: writing it took about half of dbt's own Python in a
    build (a lock and two file-system checks per line, thousands of lines). Each node's line
    and every error and warning still go to dbt-build.log and the run's log."""
    return [] if os.environ.get(DBT_DEBUG_LOG_ENV) else ["--log-level-file", "none"]


def report_files(directory: Path | None = None) -> list[Path]:
    directory = directory or raw_dir()
    return sorted(
        p for p in directory.iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in REPORT_SUFFIXES
    )


def data_docs_dir() -> Path:
    """GX Data Docs are written beside the published warehouse file."""
    if os.environ.get(DATA_DOCS_ENV):
        return Path(os.environ[DATA_DOCS_ENV])
    return warehouse_path().parent / "data_docs"
