"""The production run: one at a time (lock), built in a new file, published atomically.

lock → build file (copy of the published warehouse) → Dagster job (extraction of what
changed, dbt build, GX audit) against the build → checkpoint + storage check → rename into
place, snapshot kept → Parquet export → findings and run summary."""
from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

from .freshness import forget_build, record_build, up_to_date
from .inventory import list_raw
from .publish import (PublicationError, discard_build, finish_build, lock_path, new_stamp, publish,
                      stage_docs, start_build, swap_docs)
from .runlock import AlreadyRunning, RunLock
from .settings import DATA_DOCS_ENV, DBT_PROJECT_DIR, RAW_DIR_ENV, WAREHOUSE_ENV, raw_dir, warehouse_path
from .summary import read_file_status, summary_text

log = logging.getLogger("rapportlager")
QUIET = {"loggers": {"console": {"config": {"log_level": "INFO"}}}}
EXIT_FAILED, EXIT_NO_REPORTS, EXIT_ALREADY_RUNNING = 1, 2, 3


def run_pipeline(warehouse: Path | None = None, raw: Path | None = None, wait: float = 0,
                 rebuild: bool = False) -> int:
    """Extract what changed in data/raw, build the marts, check the identities, publish.
    Nothing is done when the published warehouse is already what a run would build (see
    freshness.py), unless `rebuild`."""
    published = (Path(warehouse) if warehouse else warehouse_path()).resolve()
    if raw:
        os.environ[RAW_DIR_ENV] = str(Path(raw).resolve())
    published.parent.mkdir(parents=True, exist_ok=True)
    lock = RunLock(lock_path(published))
    try:
        lock.acquire(wait)
    except AlreadyRunning as exc:
        log.error("%s", exc)
        return EXIT_ALREADY_RUNNING
    try:
        return _build_and_publish(published, rebuild)
    finally:
        os.environ[WAREHOUSE_ENV] = str(published)
        os.environ[DATA_DOCS_ENV] = str(published.parent / "data_docs")
        lock.release()


def _build_and_publish(published: Path, rebuild: bool = False) -> int:
    listing = list_raw(raw_dir()) if raw_dir().is_dir() else None
    if listing is None or not listing.reports:
        log.error("%s holds no report (*.txt, *.pdf)%s", raw_dir(),
                  "".join(f"; ignored {n}: {why}" for n, why in (listing.ignored.items() if listing else [])))
        return EXIT_NO_REPORTS
    snapshot = None if rebuild else up_to_date(published, listing.reports, listing.ignored)
    if snapshot:
        rows = [(p.name, "unchanged", "", 0, 0) for p in listing.reports]
        rows += [(name, "ignored", why, 0, 0) for name, why in listing.ignored.items()]
        print(summary_text(rows, f"nothing to do: {published} (snapshot {snapshot}) was built from these files "
                                 "by this code; it stays as it is (--rebuild builds it again)"))
        return 0
    from .project import prepare_dbt_project

    _clean_stale_dbt_targets()
    build = start_build(published)
    if rebuild:
        _on_build(build, forget_build)  # dbt then builds every model in full, as in a new warehouse
    # dbt's profile reads the warehouse path: a parse written now (a new clone, a changed dbt
    # project) is saved for the build's path, which the dbt builds then start from (not a
    # second parse of the whole project, about 3 s)
    os.environ[WAREHOUSE_ENV] = str(build)
    try:
        prepare_dbt_project()
    except Exception:
        discard_build(build)
        raise
    os.environ[DATA_DOCS_ENV] = str(build.parent / "data_docs")  # published with the build
    failures = _execute(build)
    rows = read_file_status(build)
    if failures:
        discard_build(build)
        print(summary_text(rows, f"NOT published (the warehouse stays as it was): {'; '.join(failures)}"))
        return EXIT_FAILED
    try:
        _on_build(build, record_build)
        finish_build(build)
    except PublicationError as exc:
        discard_build(build)
        print(summary_text(rows, f"NOT published (the warehouse stays as it was): {exc}"))
        return EXIT_FAILED
    stamp = new_stamp()
    os.environ[DATA_DOCS_ENV] = str(published.parent / "data_docs")
    loaded = {r[0] for r in rows if r[1] == "loaded"}
    findings = findings_text(build, loaded)  # read from the build: this process may cache the old file
    staged_docs = stage_docs(build, published)
    exported = _export(build, published.parent / "parquet", stamp)
    snapshot = publish(build, published, stamp=stamp)
    swap_docs(staged_docs, published)
    os.environ[WAREHOUSE_ENV] = str(published)
    if exported:
        from .export import point_latest

        point_latest(published.parent / "parquet", stamp)
    print(findings)
    print(summary_text(rows, f"published {published} (snapshot {snapshot.parent.name})"))
    return EXIT_FAILED if any(r[1] == "failed" for r in rows) else 0


def _execute(build: Path) -> list[str]:
    """Run the Dagster job against the build file; the failed steps, with their errors."""
    import dagster as dg

    from .definitions import build_definitions
    from .gx_process import start_gx_worker, stop_gx_worker

    defs = build_definitions(build)
    start_gx_worker()  # GX is imported in a process of its own while the run extracts and builds
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    job = defs.resolve_job_def("materialize_everything")
    try:
        result = job.execute_in_process(instance=instance, raise_on_error=False, run_config=QUIET)
    finally:
        stop_gx_worker()
    failures = []
    for event in result.all_events:
        if event.is_step_failure:
            failures.append(f"step {event.step_key} failed: {_root_cause(event.step_failure_data.error)}")
    if not result.success and not failures:
        failures.append("the Dagster run failed")
    return failures


def _on_build(build: Path, action) -> None:
    """`action(con)` on a connection to the build file, closed after."""
    import duckdb

    from .publish import connect_config

    con = duckdb.connect(str(build), config=connect_config())
    try:
        action(con)
    finally:
        con.close()


def _root_cause(error) -> str:
    """The innermost error's message (Dagster wraps the step's own exception)."""
    if error is None:
        return "unknown error"
    while getattr(error, "cause", None) is not None:
        error = error.cause
    return error.message.strip()


def _export(build: Path, root: Path, stamp: str) -> bool:
    from .export import export_parquet

    try:
        out = export_parquet(build, root, stamp)
    except Exception as exc:  # a failed export is reported; it does not stop the publication
        log.error("Parquet export failed: %s", exc)
        return False
    log.info("Parquet export of marts.* and audit.*: %s", out)
    return True


def _clean_stale_dbt_targets(max_age_s: float = 3600) -> None:
    """dbt target folders of runs killed more than an hour ago."""
    runs = DBT_PROJECT_DIR / "target" / "runs"
    if runs.exists():
        for folder in runs.iterdir():
            try:
                age = time.time() - folder.stat().st_mtime
            except FileNotFoundError:  # a run of another warehouse removed its own meanwhile
                continue
            if age > max_age_s:
                shutil.rmtree(folder, ignore_errors=True)


def findings_text(db: Path, loaded: set[str] | None = None) -> str:
    """The short findings report at the end of a run. With `loaded` (the source files loaded in
    this run), the reports shown in full are those and the ones with a failing identity that
    reads one of their cells; the others are summed up in one line."""
    from .audit import REPORTED, findings_report, load_unchecked
    from .reader import connect_published
    from .settings import data_docs_dir

    con = connect_published(db)  # `rapportlager findings` reads while a run may publish
    try:
        findings = con.execute(f"select {', '.join(REPORTED)} from audit.identity_findings").fetch_df()
        unchecked = load_unchecked(con)
        detailed = None if loaded is None else loaded | reports_reading(con, loaded)
    finally:
        con.close()
    return "\n".join([
        "\nIdentity audit (rounding-aware; a failure is a finding in the report, not an error):",
        findings_report(findings, unchecked, detailed),
        f"GX Data Docs: {data_docs_dir() / 'index.html'}",
    ])


def reports_reading(con, source_files: set[str]) -> set[str]:
    """The reports with a failing identity that reads a cell of one of `source_files`."""
    rows = con.execute(
        r"""
        with read_cells as (
            select findings.source_file, unnest(findings.cell_keys) as cell_key
            from audit.identity_findings as findings
            where not findings.passed
        )
        select distinct read_cells.source_file
        from read_cells
        inner join raw.documents as documents
            on regexp_extract(read_cells.cell_key, '^(.*)(\|[^|]*){3}$', 1) = documents.document_id
        where documents.source_file in (select unnest($files))
        """,
        {"files": sorted(source_files)},
    ).fetchall()
    return {r[0] for r in rows}


def print_findings(published: Path | None = None) -> None:
    print(findings_text(published or warehouse_path()))
