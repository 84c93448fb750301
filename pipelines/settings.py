"""Where things are: the raw reports, the warehouse file, the dbt project."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
WAREHOUSE_ENV = "RAPPORTLAGER_WAREHOUSE"
RAW_DIR_ENV = "RAPPORTLAGER_RAW_DIR"
REPORT_SUFFIXES = (".txt",)


def raw_dir() -> Path:
    return Path(os.environ.get(RAW_DIR_ENV, REPO_ROOT / "data" / "raw"))


def warehouse_path() -> Path:
    """The DuckDB file Dagster and dbt both use (dbt reads the same variable in profiles.yml)."""
    return Path(os.environ.get(WAREHOUSE_ENV, REPO_ROOT / "data" / "warehouse" / "warehouse.duckdb")).resolve()


def report_files(directory: Path | None = None) -> list[Path]:
    directory = directory or raw_dir()
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def data_docs_dir() -> Path:
    """GX Data Docs are written beside the warehouse file."""
    return warehouse_path().parent / "data_docs"
