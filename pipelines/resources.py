"""Resources: one DuckDB path for the extraction asset, the checks and dbt."""
from __future__ import annotations

import os
from pathlib import Path

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource

from .project import dbt_executable, dbt_project
from .publish import STORAGE_VERSION
from .settings import WAREHOUSE_ENV, warehouse_path


def build_resources(warehouse: Path | None = None) -> dict:
    path = Path(warehouse) if warehouse else warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # dbt's profiles.yml reads the same variable, so both sides open the same file
    os.environ[WAREHOUSE_ENV] = str(path)
    return {
        "duckdb": DuckDBResource(
            database=str(path),
            # a file created here opens in DuckDB 1.x clients too (see pipelines/publish.py)
            connection_config={"autoinstall_known_extensions": False,
                               "storage_compatibility_version": STORAGE_VERSION},
        ),
        "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
