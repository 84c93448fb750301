"""Resources: one DuckDB path for the extraction asset, the checks and dbt."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from .dbt_inprocess import NodeResult, stream_build
from .project import dbt_project
from .publish import STORAGE_VERSION
from .settings import WAREHOUSE_ENV, warehouse_path


class InProcessDbt(dg.ConfigurableResource):
    """dbt, run in the run's own process (pipelines/dbt_inprocess.py), on the dbt project in
    `project_dir` (its profiles.yml beside it reads the warehouse path, RAPPORTLAGER_WAREHOUSE)."""

    project_dir: str

    def build(self, args: list[str], target_path: Path) -> Iterator[NodeResult]:
        return stream_build(args, Path(self.project_dir), target_path)


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
        "dbt": InProcessDbt(project_dir=str(dbt_project.project_dir)),
    }
