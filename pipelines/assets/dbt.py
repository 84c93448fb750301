"""The dbt project as assets: one per model and seed, grouped by dbt folder. Two builds: the
models up to the identities, and, after the identity audit (GX) has decided, the models that
carry its verdict into the marts (stg_audit__identity_findings and all built on it). dbt runs
in the run's own process (pipelines/dbt_inprocess.py), not as a subprocess."""

import shutil
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets

from ..dbt_output import dbt_output_to_log
from ..freshness import built_by_this_code
from ..killpoints import kill_point
from ..project import AFTER_AUDIT, copy_saved_parse, dbt_project, prepare_dbt_project, publish_target_files
from ..resources import InProcessDbt
from ..settings import dbt_log_args, dbt_threads

UNIQUE_ID = "dagster_dbt/unique_id"  # the dbt node of an asset spec, in dagster-dbt's metadata

prepare_dbt_project()  # a manifest left unreadable by a kill is parsed anew before loading


class FolderGroupTranslator(DagsterDbtTranslator):
    """Group dbt assets by their folder: staging, intermediate, marts, seeds.

    dbt's tests stay dbt's: `dbt build` runs them and fails the step (so nothing is published)
    when one fails. They are not Dagster asset checks: three events each in Dagster's event log
    (planned, output, evaluation) cost about 3 s a run for 117 key tests. The audit of the
    reports' numbers is GX's, with its own checks (pipelines/checks.py)."""

    def __init__(self):
        super().__init__(settings=DagsterDbtTranslatorSettings(enable_asset_checks=False))

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "seeds"
        fqn = dbt_resource_props.get("fqn", [])
        return fqn[1] if len(fqn) > 2 else "dbt"


def _build(context: dg.AssetExecutionContext, dbt: InProcessDbt, selection: list[str],
           full_refresh: bool = False) -> Iterator:
    """dbt build of this asset's nodes (`selection`, or the subset Dagster asks for), in this
    process; each model and seed dbt finishes is reported as materialized at once."""
    keys = {spec.metadata[UNIQUE_ID]: spec.key for spec in context.assets_def.specs}
    if context.is_subset:
        selection = ["--select", *sorted(uid.split(".")[-1] for uid, key in keys.items()
                                         if key in context.selected_asset_keys)]
    # a target folder of this run's own: a kill cannot leave target/manifest.json half written;
    # the saved parse of this warehouse path is copied in (fast start) and moved back atomically
    # after the build
    run_target = dbt_project.project_dir / "target" / "runs" / f"{context.run.run_id[:8]}-{uuid.uuid4().hex[:6]}"
    run_target.mkdir(parents=True, exist_ok=True)
    copy_saved_parse(run_target)
    try:
        with dbt_output_to_log() as log_file:
            context.log.info(f"dbt build {' '.join(selection)}: every node's line in {log_file}; "
                             "errors and warnings here")
            tests = 0
            # no manifest.json / run_results.json: nothing reads them (0.15–0.2 s a dbt build);
            # dbt's unit tests test the SQL, not the data: run by the tests (test_marts.py), not
            # by every build (dbt's advice for production runs)
            args = ["--threads", str(dbt_threads()), "--no-write-json", "--exclude-resource-type", "unit_test",
                    *dbt_log_args(), *selection]
            for node in dbt.build(args + (["--full-refresh"] if full_refresh else []), run_target):
                kill_point("dbt")
                if node.resource_type == "test":  # a dbt test's result: counted, not stored
                    tests += node.status == "pass"
                elif node.unique_id in keys and node.status == "success":
                    yield dg.MaterializeResult(asset_key=keys[node.unique_id])
            context.log.info(f"dbt tests: {tests} passed")
        publish_target_files(run_target)
    finally:
        shutil.rmtree(run_target, ignore_errors=True)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=FolderGroupTranslator(),
            exclude=AFTER_AUDIT, name="rapportlager_dbt_assets")
def rapportlager_dbt_assets(context: dg.AssetExecutionContext, dbt: InProcessDbt, duckdb: DuckDBResource):
    # the per-document models are incremental (int_run_documents): built on the warehouse as it
    # was when the same code built it; in full for a new warehouse or after a change of code.
    # The same code loaded the same seeds into it and tested them (their files are part of the
    # build version): an incremental build leaves them as they are, tests and all (the seeds
    # folder: 14 seeds and their 7 tests, each a dbt node), and the models read from the seeds
    # alone (tag seeds_alone)
    with duckdb.get_connection() as con:
        incremental = built_by_this_code(con)
    context.log.info("incremental: the documents this extraction loaded are built again" if incremental
                     else "full refresh: a new warehouse, other code or libraries than its build, or --rebuild")
    unchanged = ["path:seeds", "tag:seeds_alone"] if incremental else []
    yield from _build(context, dbt, ["--exclude", AFTER_AUDIT, *unchanged], full_refresh=not incremental)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=FolderGroupTranslator(),
            select=AFTER_AUDIT, name="rapportlager_dbt_after_audit")
def rapportlager_dbt_after_audit(context: dg.AssetExecutionContext, dbt: InProcessDbt):
    yield from _build(context, dbt, ["--select", AFTER_AUDIT])
