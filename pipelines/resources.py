"""Resources: one DuckDB path for the extraction asset, the checks and dbt."""
from __future__ import annotations

import os
import sys
from functools import cached_property
from importlib.metadata import version as installed_version
from pathlib import Path

from dagster_dbt import DbtCliResource
from dagster_duckdb import DuckDBResource
from packaging.version import Version

from .project import dbt_executable, dbt_project
from .publish import STORAGE_VERSION
from .settings import WAREHOUSE_ENV, warehouse_path


class VenvDbtCliResource(DbtCliResource):
    """dbt from this interpreter's environment: its version is the installed dbt-core's, read
    from the package metadata (dagster-dbt would start `dbt --version`, 1.3 s, in each dbt step),
    and no in-process adapter."""

    @cached_property
    def _cli_version(self) -> Version:
        if Path(self.dbt_executable).parent == Path(sys.executable).parent:
            return Version(installed_version("dbt-core"))
        return super()._cli_version

    def _initialize_dbt_core_adapter(self, args):
        """No in-process dbt adapter: dagster-dbt builds one (parsing every macro, 2-3 s a dbt
        step) only to fetch column metadata and row counts, which these assets do not ask for."""
        return None


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
        "dbt": VenvDbtCliResource(project_dir=dbt_project, dbt_executable=dbt_executable()),
    }
