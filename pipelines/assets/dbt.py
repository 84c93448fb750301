"""The dbt project as assets: one per model and seed, grouped by dbt folder. Two builds: the
models up to the identities, and, after the identity audit (GX) has decided, the models that
carry its verdict into the marts (stg_audit__identity_findings and all built on it)."""

import shutil
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from ..audit import import_gx_in_background
from ..dbt_output import dbt_output_to_log
from ..killpoints import kill_point
from ..project import AFTER_AUDIT, copy_saved_parse, dbt_project, prepare_dbt_project, publish_target_files
from ..settings import dbt_threads

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


def _build(context: dg.AssetExecutionContext, dbt: DbtCliResource) -> Iterator:
    # a target folder of this run's own: a kill cannot leave target/manifest.json half written;
    # the saved parse of this warehouse path is copied in (fast start) and moved back atomically
    # after the build
    run_target = Path("target") / "runs" / f"{context.run.run_id[:8]}-{uuid.uuid4().hex[:6]}"
    absolute = dbt_project.project_dir / run_target
    absolute.mkdir(parents=True, exist_ok=True)
    copy_saved_parse(absolute)
    try:
        with dbt_output_to_log() as log_file:
            context.log.info(f"dbt build: every node's line in {log_file}; errors and warnings here")
            # no manifest.json / run_results.json: nothing reads them (0.15–0.2 s a dbt process)
            invocation = dbt.cli(["build", "--threads", str(dbt_threads()), "--no-write-json"],
                                 context=context, target_path=run_target)
            try:
                tests = 0
                for event in invocation.stream():
                    kill_point("dbt")
                    if isinstance(event, dg.AssetObservation):  # a dbt test's result: counted, not stored
                        tests += 1
                        continue
                    yield event
                context.log.info(f"dbt tests: {tests} passed")
            finally:  # the step failed or was interrupted: dbt stops, it does not go on writing
                if invocation.process.poll() is None:
                    invocation.process.terminate()
                    invocation.process.wait(timeout=60)
        publish_target_files(absolute)
    finally:
        shutil.rmtree(absolute, ignore_errors=True)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=FolderGroupTranslator(),
            exclude=AFTER_AUDIT, name="rapportlager_dbt_assets")
def rapportlager_dbt_assets(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    # the identity audit (GX) comes next: GX is imported while this process waits for dbt
    import_gx_in_background()
    yield from _build(context, dbt)


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=FolderGroupTranslator(),
            select=AFTER_AUDIT, name="rapportlager_dbt_after_audit")
def rapportlager_dbt_after_audit(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    yield from _build(context, dbt)
