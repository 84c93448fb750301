"""The one Definitions of the rapportlager code location."""

import dagster as dg

from .assets.dbt import rapportlager_dbt_after_audit, rapportlager_dbt_assets
from .assets.raw import raw_reports, reports_extracted
from .automation import everything_job, nightly, publish_job, raw_reports_sensor
from .assets.audit import identity_audit
from .checks import identity_checks
from .resources import build_resources
from .settings import dagster_workspace_path


def build_definitions(warehouse=None) -> dg.Definitions:
    return dg.Definitions(
        assets=[raw_reports, rapportlager_dbt_assets, identity_audit, rapportlager_dbt_after_audit],
        asset_checks=[reports_extracted, identity_checks],
        jobs=[everything_job, publish_job],
        schedules=[nightly],
        sensors=[raw_reports_sensor],
        resources=build_resources(warehouse),
    )


# The code location `dagster dev` loads: assets materialised from the UI write a working copy,
# never the published warehouse; `publish_warehouse` (schedule, sensor) runs `rapportlager run`.
defs = build_definitions(dagster_workspace_path())
