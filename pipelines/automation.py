"""When things run: a nightly schedule and a sensor on data/raw."""

import hashlib
import json

import dagster as dg

from .assets.raw import reports_partitions
from .settings import report_files

everything_job = dg.define_asset_job(
    "materialize_everything",
    selection=dg.AssetSelection.all(),
    description="Extract every report (one run over all partitions), then build dbt and check identities.",
)


def partition_range_tags(keys: list[str]) -> dict[str, str]:
    keys = sorted(keys)
    return {
        "dagster/asset_partition_range_start": keys[0],
        "dagster/asset_partition_range_end": keys[-1],
    }


@dg.schedule(job=everything_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Stockholm")
def nightly(context: dg.ScheduleEvaluationContext):
    keys = [p.name for p in report_files()]
    if not keys:
        return dg.SkipReason("data/raw holds no report")
    return dg.RunRequest(
        run_key=None,
        tags=partition_range_tags(keys),
    )


def _fingerprint(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dg.sensor(job=everything_job, minimum_interval_seconds=30, description="A new or changed file in data/raw")
def raw_reports_sensor(context: dg.SensorEvaluationContext):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    files = report_files()
    current = {p.name: _fingerprint(p) for p in files}
    changed = sorted(name for name, digest in current.items() if seen.get(name) != digest)
    known = set(context.instance.get_dynamic_partitions(reports_partitions.name))
    new_partitions = [name for name in current if name not in known]
    requests = [
        dg.RunRequest(run_key=f"{name}:{current[name]}", partition_key=name)
        for name in changed
    ]
    return dg.SensorResult(
        cursor=json.dumps(current),
        run_requests=requests,
        dynamic_partitions_requests=[reports_partitions.build_add_request(new_partitions)] if new_partitions else [],
    )
