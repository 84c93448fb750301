"""The dbt project as assets: one per model and seed, grouped by dbt folder."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, dbt_assets

from ..project import dbt_project


class FolderGroupTranslator(DagsterDbtTranslator):
    """Group dbt assets by their folder: staging, intermediate, marts, seeds."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=FolderGroupTranslator())
def rapportlager_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    # the project's own target path: dbt reuses its partial parse instead of parsing anew
    yield from dbt.cli(["build"], context=context, target_path=Path("target")).stream()
