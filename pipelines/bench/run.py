"""`rapportlager bench`: the pipeline and each of its stages at N reports, with the frameworks'
floor measured in the same run, and the analyst guide's query latency on the result.

Every stage runs in a process of its own; its wall time, CPU time (user + system, the
process's children included: the run's GX worker, parsing workers) and peak
resident memory (the largest of the process and its children, from wait4) are measured from
outside, by a small launcher (pipelines/bench/launch.py: a child started by a large process
would report that process's peak memory as its own). Stages at N:
  parse            every report parsed, nothing stored
  raw_load         extract_changed into a new DuckDB file (parse + load of raw.*)
  dbt_build        `dbt build` of dbt_project on that file, the models up to the identities, in
                   the stage's process (pipelines.dbt_inprocess), as the run's first dbt asset runs it
  identity_checks  the GX identity audit (pipelines.audit.run_audit) on the dbt-built file
  dbt_after_audit  `dbt build` of the models that read the audit's decisions (the second dbt asset), likewise
  publication      checkpoint, Parquet export, rename into place (pipelines.publish, unchanged)
  end_to_end       `rapportlager run` on the corpus into a new warehouse (Dagster, all of it)
  one_new_report   one more report into that warehouse: `rapportlager run` again
  nothing_new      `rapportlager run` once more, on the same folder: a run with nothing to do
Floor (once per bench run): importing dagster, dbt, great_expectations, duckdb and pandas in a
fresh interpreter, and `dbt build` of a two-model dbt-duckdb project in a temporary folder.
Queries: each query of docs/analyst-guide.md on the end-to-end warehouse, once to warm up, then
`repeat` times; p50 and p95 over all those runs, and the worst query's p95.
Each measurement is one JSON line appended to the results file (default data/warehouse/bench.jsonl).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from ..settings import REPO_ROOT
from .generate import generate

GUIDE = REPO_ROOT / "docs" / "analyst-guide.md"
QUERY = re.compile(r"### (?P<title>.+?)\n.*?```sql\n(?P<sql>.*?)```", re.S)
DEFAULT_OUT = REPO_ROOT / "data" / "warehouse" / "bench.jsonl"
STAGE_ORDER = ("parse", "raw_load", "dbt_build", "identity_checks", "dbt_after_audit", "publication", "end_to_end",
               "one_new_report", "nothing_new")
FLOOR_IMPORTS = "import dagster, dbt.cli.main, great_expectations, duckdb, pandas"


def _bin(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def measure(command: list[str], env: dict | None = None, cwd: Path | None = None,
            says: dict[str, str] | None = None) -> dict:
    """Run a command; wall, CPU (with its children) and peak RSS, and its BENCH_RESULT fields;
    `says`: a field per text, true when the command's output holds the text."""
    out = tempfile.TemporaryFile()
    started = time.perf_counter()
    # started by a small launcher: a child's peak memory would include this process's own
    done = subprocess.run([sys.executable, "-m", "pipelines.bench.launch", *command], stdout=out,
                          stderr=subprocess.STDOUT, env=env, cwd=cwd, check=False)
    wall = time.perf_counter() - started
    out.seek(0)
    text = out.read().decode("utf-8", "replace")
    fields, usage = {}, None
    for line in text.splitlines():
        if line.startswith("BENCH_RESULT "):
            fields = json.loads(line[len("BENCH_RESULT "):])
        elif line.startswith("BENCH_USAGE "):
            usage = json.loads(line[len("BENCH_USAGE "):])
    fields |= {name: phrase in text for name, phrase in (says or {}).items()}
    if done.returncode != 0 or usage is None:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{text[-4000:]}")
    return {"wall_s": round(wall, 3), "cpu_s": round(usage["cpu_s"], 3),
            "peak_rss_mb": round(usage["maxrss_kb"] / 1024, 1), **fields}


def _env(**extra) -> dict:
    env = dict(os.environ)
    env.update({"GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"})
    env.update({k: str(v) for k, v in extra.items()})
    return env


def floor(work: Path) -> dict[str, dict]:
    """The frameworks' own cost: imports in a fresh interpreter; dbt build of two models."""
    project = work / "floor_dbt"
    shutil.rmtree(project, ignore_errors=True)
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: floor\nversion: '1.0'\nconfig-version: 2\nprofile: floor\n"
        "flags:\n  send_anonymous_usage_stats: false\n")
    (project / "profiles.yml").write_text(
        f"floor:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: '{project / 'floor.duckdb'}'\n")
    (project / "models" / "first.sql").write_text("{{ config(materialized='table') }}\nselect 1 as x\n")
    (project / "models" / "second.sql").write_text("{{ config(materialized='table') }}\nselect x + 1 as y from {{ ref('first') }}\n")
    imports = measure([sys.executable, "-c", FLOOR_IMPORTS], env=_env())
    dbt = measure([_bin("dbt"), "--quiet", "build", "--project-dir", str(project), "--profiles-dir", str(project)],
                  env=_env(), cwd=project)
    return {"floor_imports": imports, "floor_dbt_build": dbt}


def run_pipeline(corpus: Path, warehouse: Path, home: Path) -> dict:
    return measure([sys.executable, "-m", "pipelines.cli", "run", "--warehouse", str(warehouse), "--raw", str(corpus)],
                   env=_env(DAGSTER_HOME=home), says={"nothing_to_do": "nothing to do: "})


def queries(warehouse: Path, repeat: int = 20) -> dict:
    """p50/p95 of the analyst guide's queries (ms), read-only, as an analyst connects."""
    import duckdb

    found = [(m["title"], m["sql"]) for m in QUERY.finditer(GUIDE.read_text(encoding="utf-8"))]
    con = duckdb.connect(str(warehouse), read_only=True)
    every, per_query = [], {}
    try:
        for title, sql in found:
            con.execute(sql).fetchall()
            times = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                con.execute(sql).fetchall()
                times.append((time.perf_counter() - t0) * 1000)
            every += times
            per_query[title[:60]] = round(_pct(times, 95), 2)
    finally:
        con.close()
    return {"queries": len(found), "runs": len(every), "p50_ms": round(_pct(every, 50), 2),
            "p95_ms": round(_pct(every, 95), 2), "worst_query_p95_ms": max(per_query.values(), default=None),
            "p95_ms_per_query": per_query}


def _pct(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                              text=True, check=True).stdout.strip() + ("+dirty" if subprocess.run(
                                  ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO_ROOT,
                                  capture_output=True, text=True).stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def bench(sizes: list[int], seed: int = 2026, out: Path = DEFAULT_OUT, work: Path | None = None,
          stages: tuple[str, ...] = STAGE_ORDER, with_floor: bool = True, echo=print) -> list[dict]:
    """Measure; append every record to `out`; echo one line per record; return the records."""
    own_work = work is None
    work = Path(work or tempfile.mkdtemp(prefix="rapportlager-bench-"))
    base = {"bench_id": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"), "commit": _commit(), "seed": seed,
            "cpus": os.cpu_count()}
    records = []

    def keep(n, stage, figures):
        record = {**base, "n": n, "stage": stage, **figures}
        records.append(record)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, default=str) + "\n")
        echo(record_line(record))

    try:
        home = work / "dagster_home"
        home.mkdir(parents=True, exist_ok=True)
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
        if with_floor:
            floor_figures = floor(work)
            for stage, figures in floor_figures.items():
                keep(0, stage, figures)
            keep(0, "floor", {k: round(sum(f[k] for f in floor_figures.values()), 3) for k in ("wall_s", "cpu_s")}
                 | {"peak_rss_mb": max(f["peak_rss_mb"] for f in floor_figures.values())})
        every = work / "generated"
        generate(max(sizes) + 1, seed, every)
        names = sorted(p.name for p in every.glob("*.txt"))
        for n in sizes:
            corpus, sized = work / f"corpus_{n}", work / f"n{n}"
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(sized, ignore_errors=True)
            corpus.mkdir()
            sized.mkdir()
            for name in names[:n]:
                os.link(every / name, corpus / name)
            worker = [sys.executable, "-m", "pipelines.bench.stages"]
            args = ["--corpus", str(corpus), "--work", str(sized)]
            for stage in ("parse", "raw_load"):
                if stage in stages or (stage == "raw_load" and set(stages) & {"dbt_build", "identity_checks", "publication"}):
                    keep(n, stage, measure(worker + [stage] + args, env=_env()))
            if set(stages) & {"dbt_build", "identity_checks", "publication"}:
                keep(n, "dbt_build", measure(worker + ["dbt_build"] + args, env=_env()))
            for stage in ("identity_checks", "publication"):
                if stage in stages:
                    keep(n, stage, measure(worker + [stage] + args, env=_env(DAGSTER_HOME=home)))
                if stage == "identity_checks" and stage in stages:
                    keep(n, "dbt_after_audit", measure(worker + ["dbt_after_audit"] + args, env=_env()))
            if set(stages) & {"end_to_end", "one_new_report", "nothing_new"}:
                warehouse = sized / "e2e" / "warehouse.duckdb"
                keep(n, "end_to_end", run_pipeline(corpus, warehouse, home))
                keep(n, "queries", queries(warehouse))
                if "one_new_report" in stages:
                    os.link(every / names[n], corpus / names[n])
                    keep(n, "one_new_report", run_pipeline(corpus, warehouse, home))
                if "nothing_new" in stages:
                    keep(n, "nothing_new", run_pipeline(corpus, warehouse, home))
            shutil.rmtree(sized, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    return records


def record_line(r: dict) -> str:
    if r["stage"] == "queries":
        return (f"N={r['n']:>5} {'queries':<16} {r['queries']} queries × {r['runs'] // max(r['queries'], 1)}: "
                f"p50 {r['p50_ms']:.1f} ms  p95 {r['p95_ms']:.1f} ms  (worst query p95 {r['worst_query_p95_ms']:.1f} ms)")
    extra = "  ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()
                      if k in ("reports", "tables", "cells", "identities", "mb_per_cpu_s", "parse_cpu_s", "load_cpu_s", "db_mb"))
    return (f"N={r['n']:>5} {r['stage']:<16} wall {r['wall_s']:8.2f} s  cpu {r['cpu_s']:8.2f} s  "
            f"peak {r['peak_rss_mb']:7.0f} MB  {extra}")
