"""Extraction: the report files in data/raw, new and changed ones read into raw.* in DuckDB.

Not partitioned: each run compares the folder with raw.documents (content hash) and reads
exactly the added and changed files; removed files' rows leave."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from ..extraction import STATUSES, Outcome, extract_changed
from ..settings import raw_dir
from ..warehouse import ensure_raw_schema

RAW_SPECS = [
    dg.AssetSpec(["raw", "documents"], description="One row per report file.", group_name="raw"),
    dg.AssetSpec(["raw", "tables"], description="One row per table found in a report.", group_name="raw"),
    dg.AssetSpec(["raw", "cells"], description="One row per printed value cell.", group_name="raw"),
    dg.AssetSpec(["raw", "file_status"], group_name="raw",
                 description="Every report file's outcome in this extraction (loaded, unchanged, failed, ...)."),
]


@dg.multi_asset(
    specs=RAW_SPECS,
    can_subset=False,
    description="Read new and changed report files into raw.documents, raw.tables, raw.cells; "
    "delete removed files' rows; every file's outcome in raw.file_status.",
)
def raw_reports(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    def log(outcome: Outcome) -> None:
        text = f"{outcome.source_file}: {outcome.status}" + (f" — {outcome.detail}" if outcome.detail else "")
        if outcome.status == "loaded":
            text += f" ({outcome.tables} tables, {outcome.cells} cells)"
        (context.log.error if outcome.status == "failed" else context.log.info)(text)

    with duckdb.get_connection() as con:
        outcomes = extract_changed(con, raw_dir(), log)
        n_documents = con.execute("select count(*) from raw.documents").fetchone()[0]
    failed = {o.source_file: o.detail for o in outcomes if o.status == "failed"}
    if failed and not n_documents:
        raise dg.Failure(
            description="No report could be extracted: " + "; ".join(failed.values()),
            metadata={"errors": dg.MetadataValue.json(failed)},
        )
    metadata = {status: sum(o.status == status for o in outcomes) for status in STATUSES}
    metadata["reports_in_warehouse"] = n_documents
    metadata["per_file"] = dg.MetadataValue.json({o.source_file: [o.status, o.detail] for o in outcomes})
    for spec in RAW_SPECS:
        yield dg.MaterializeResult(asset_key=spec.key, metadata=metadata)


@dg.asset_check(asset=dg.AssetKey(["raw", "documents"]), description="Every report file in data/raw was extracted.")
def reports_extracted(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        ensure_raw_schema(con)
        rows = con.execute("select source_file, error from raw.extraction_errors order by 1").fetchall()
    return dg.AssetCheckResult(
        passed=not rows,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={"errors": dg.MetadataValue.json({f: e for f, e in rows})},
    )
