"""Extraction: one partition per report file in data/raw, written to raw.* in DuckDB."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from ..parsing import ExtractionError, extract_file
from ..parsing.records import to_records
from ..settings import raw_dir
from ..warehouse import duplicate_of, ensure_raw_schema, record_error, replace_document

reports_partitions = dg.DynamicPartitionsDefinition(name="reports")

RAW_SPECS = [
    dg.AssetSpec(["raw", "documents"], description="One row per report file.", group_name="raw"),
    dg.AssetSpec(["raw", "tables"], description="One row per table found in a report.", group_name="raw"),
    dg.AssetSpec(["raw", "cells"], description="One row per printed value cell.", group_name="raw"),
]


@dg.multi_asset(
    specs=RAW_SPECS,
    partitions_def=reports_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=False,
    description="Parse report files and replace their rows in raw.documents, raw.tables, raw.cells.",
)
def raw_reports(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    keys = context.partition_keys
    counts: dict[str, dict[str, int]] = {}
    errors: dict[str, str] = {}
    with duckdb.get_connection() as con:
        for key in keys:
            path = raw_dir() / key
            try:
                if not path.exists():
                    raise ExtractionError(f"{key}: the file is not in {raw_dir()}")
                doc = extract_file(path)
                other = duplicate_of(con, doc.source_file, doc.sha256)
                if other:
                    raise ExtractionError(f"{key}: the same content as {other} (duplicate report)")
                counts[key] = replace_document(con, to_records(doc))
                context.log.info(
                    f"{key}: {counts[key]['tables']} tables, {counts[key]['cells']} cells"
                )
            except (ExtractionError, OSError) as exc:
                errors[key] = str(exc)
                record_error(con, key, str(exc))
                context.log.error(f"Could not extract {exc}")
    if errors and not counts:
        raise dg.Failure(
            description="No report could be extracted: " + "; ".join(errors.values()),
            metadata={"errors": dg.MetadataValue.json(errors)},
        )
    metadata = {
        "reports": len(counts),
        "tables": sum(c["tables"] for c in counts.values()),
        "cells": sum(c["cells"] for c in counts.values()),
        "per_report": dg.MetadataValue.json(counts),
        "errors": dg.MetadataValue.json(errors),
    }
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
