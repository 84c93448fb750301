"""When things run: a nightly schedule and a sensor on data/raw, both starting the production
run (`rapportlager run`: lock, build, publish atomically), which finds the new, changed and
removed files itself — nothing to register first, no partition to be missing."""

import hashlib
import json
import subprocess
import sys

import dagster as dg

from .settings import DEFAULT_WAREHOUSE, raw_dir

everything_job = dg.define_asset_job(
    "materialize_everything",
    selection=dg.AssetSelection.all(),
    description="Extract new and changed reports, build dbt, check identities (in this job's warehouse file).",
)


class PublishConfig(dg.Config):
    warehouse: str = str(DEFAULT_WAREHOUSE)
    wait_seconds: int = 3600


@dg.op(description="`rapportlager run`: extract what changed, build, audit, publish atomically.")
def run_and_publish(context: dg.OpExecutionContext, config: PublishConfig) -> None:
    command = [sys.executable, "-m", "pipelines.cli", "run", "--warehouse", config.warehouse,
               "--raw", str(raw_dir()), "--wait", str(config.wait_seconds)]
    done = subprocess.run(command, capture_output=True, text=True)
    for line in done.stdout.splitlines():
        context.log.info(line)
    if done.returncode != 0:
        raise dg.Failure(
            description=f"rapportlager run exited {done.returncode}",
            metadata={"output": dg.MetadataValue.md(f"```\n{done.stdout[-20000:]}\n{done.stderr[-5000:]}\n```")},
        )


@dg.job(description="The production run: build a new warehouse file and publish it atomically.")
def publish_warehouse():
    run_and_publish()


publish_job = publish_warehouse


@dg.schedule(job=publish_job, cron_schedule="0 2 * * *", execution_timezone="Europe/Stockholm")
def nightly(context: dg.ScheduleEvaluationContext):
    return dg.RunRequest(run_key=None)


def folder_fingerprints() -> dict[str, str]:
    """File name → size and modification time of every visible file in data/raw (cheap; the
    run itself compares content hashes and reads only what really changed)."""
    folder = raw_dir()
    return {
        p.name: f"{p.stat().st_size}-{p.stat().st_mtime_ns}"
        for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")
    }


@dg.sensor(job=publish_job, minimum_interval_seconds=30, description="A new, changed or removed file in data/raw")
def raw_reports_sensor(context: dg.SensorEvaluationContext):
    current = folder_fingerprints()
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    if current == seen:
        return dg.SkipReason("data/raw has not changed")
    changed = sorted(set(current.items()) ^ set(seen.items()))
    key = hashlib.sha256(json.dumps(sorted(current.items())).encode()).hexdigest()[:16]
    return dg.SensorResult(
        cursor=json.dumps(current),
        run_requests=[dg.RunRequest(run_key=key, tags={"rapportlager/changed": ", ".join(sorted({n for n, _ in changed}))[:200]})],
    )
