"""Command line: run the whole pipeline, print coverage, print the findings report."""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

log = logging.getLogger("rapportlager")


def run_pipeline(warehouse: Path | None = None, raw: Path | None = None) -> int:
    """Extract every report in data/raw, build the dbt project, check the identities."""
    import os

    import dagster as dg

    from .project import prepare_dbt_project
    from .settings import RAW_DIR_ENV, report_files

    if raw:
        os.environ[RAW_DIR_ENV] = str(Path(raw).resolve())
    prepare_dbt_project()
    from .automation import partition_range_tags
    from .assets.raw import reports_partitions
    from .definitions import build_definitions

    defs = build_definitions(warehouse)
    keys = [p.name for p in report_files()]
    if not keys:
        log.error("data/raw holds no report (*.txt)")
        return 2
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    known = set(instance.get_dynamic_partitions(reports_partitions.name))
    instance.add_dynamic_partitions(reports_partitions.name, [k for k in keys if k not in known])
    job = defs.resolve_job_def("materialize_everything")
    result = job.execute_in_process(instance=instance, tags=partition_range_tags(keys), raise_on_error=False)
    if result.success:
        print_findings()
    return 0 if result.success else 1


def print_findings() -> None:
    """The short findings report at the end of a run."""
    import duckdb

    from .audit import findings_report, load_unchecked
    from .settings import data_docs_dir, warehouse_path

    con = duckdb.connect(str(warehouse_path()), read_only=True)
    try:
        findings = con.execute("select * from audit.identity_findings").fetch_df()
        unchecked = load_unchecked(con)
    finally:
        con.close()
    print("\nIdentity audit (rounding-aware; a failure is a finding in the report, not an error):")
    print(findings_report(findings, unchecked))
    print(f"GX Data Docs: {data_docs_dir() / 'index.html'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapportlager", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract all reports, build the marts, check the identities")
    run.add_argument("--warehouse", type=Path, help="DuckDB file (default data/warehouse/warehouse.duckdb)")
    run.add_argument("--raw", type=Path, help="folder of report files (default data/raw)")
    cov = sub.add_parser("coverage", help="tables and cells per report, and numeric lines no table claimed")
    cov.add_argument("files", nargs="*", type=Path, help="report files (default: data/raw/*.txt)")
    cov.add_argument("--all", action="store_true", help="also list lines explained as prose, contents …")
    aud = sub.add_parser("audit", help="run the GX identity suite on the warehouse and print the findings")
    aud.add_argument("--warehouse", type=Path, help="DuckDB file (default data/warehouse/warehouse.duckdb)")
    bench = sub.add_parser("benchmark", help="measure the audit on single-number corruptions of the reports")
    bench.add_argument("--warehouse", type=Path, help="a warehouse built by 'rapportlager run'")
    bench.add_argument("-n", type=int, default=240, help="number of corruptions (default 240)")
    bench.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "run":
        started = time.perf_counter()
        code = run_pipeline(args.warehouse, args.raw)
        log.info("pipeline %s in %.1f s", "succeeded" if code == 0 else "FAILED", time.perf_counter() - started)
        return code
    if args.command == "coverage":
        return coverage(args.files, args.all)
    if args.command == "audit":
        return audit(args.warehouse)
    if args.command == "benchmark":
        return benchmark(args.warehouse, args.n, args.seed)
    return 2


def audit(warehouse: Path | None) -> int:
    """The identity audit alone, on a warehouse that dbt has built."""
    import os

    import duckdb

    from .audit import run_audit
    from .settings import WAREHOUSE_ENV, data_docs_dir, warehouse_path

    if warehouse:
        os.environ[WAREHOUSE_ENV] = str(Path(warehouse).resolve())
    con = duckdb.connect(str(warehouse_path()))
    try:
        run_audit(con, data_docs_dir())
    finally:
        con.close()
    print_findings()
    return 0


def benchmark(warehouse: Path | None, n: int, seed: int) -> int:
    from .audit_bench import run_benchmark, summary
    from .settings import warehouse_path

    trials = run_benchmark(Path(warehouse) if warehouse else warehouse_path(), n=n, seed=seed)
    print(summary(trials))
    return 0


def coverage(files: list[Path], show_all: bool) -> int:
    from .coverage import coverage_report
    from .parsing import ExtractionError, extract_document
    from .settings import report_files

    status = 0
    for path in files or report_files():
        data = path.read_bytes()
        try:
            doc = extract_document(path.name, data)
        except ExtractionError as exc:
            print(f"{path.name}: ERROR {exc}")
            status = 1
            continue
        print(coverage_report(doc, data, show_all))
    return status


if __name__ == "__main__":
    sys.exit(main())
