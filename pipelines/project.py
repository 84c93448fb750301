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


def prepare_dbt_project() -> Path:
    """Write the dbt manifest (dbt parse) so the dbt assets can be loaded; returns its path."""
    DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()).cli(
        ["--quiet", "parse"], target_path=Path("target")
    ).wait()
    return dbt_project.manifest_path
