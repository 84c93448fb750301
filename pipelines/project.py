"""The dbt project as Dagster sees it."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from .settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# `dagster dev` re-parses the project on start; other entry points call prepare_dbt_project().
dbt_project.prepare_if_dev()


def dbt_executable() -> str:
    """dbt from this interpreter's environment (the venv need not be activated)."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def _newest_source_mtime() -> float:
    paths = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "seeds", "macros", "tests"):
        paths.extend(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    return max(p.stat().st_mtime for p in paths if p.exists())


def prepare_dbt_project() -> Path:
    """Write the dbt manifest (dbt parse) so the dbt assets can be loaded; returns its path.

    Skipped when the manifest is newer than every file of the dbt project."""
    manifest = dbt_project.manifest_path
    if manifest.exists() and manifest.stat().st_mtime > _newest_source_mtime():
        return manifest
    DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()).cli(
        ["--quiet", "parse"], target_path=Path("target")
    ).wait()
    return dbt_project.manifest_path
