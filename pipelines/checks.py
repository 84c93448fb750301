"""The GX identity suite as Dagster asset checks on the marts; findings go to audit.*."""

import dagster as dg
import pandas as pd
from dagster_dbt import get_asset_key_for_model
from dagster_duckdb import DuckDBResource

from expectations.identities import validate_identities

from .assets.dbt import rapportlager_dbt_assets

FCT_OPERATING = get_asset_key_for_model([rapportlager_dbt_assets], "fct_operating")
IDENTITY_COLUMN_SUMS = get_asset_key_for_model([rapportlager_dbt_assets], "int_identity_column_sums")

FINDINGS_DDL = """
create schema if not exists audit;
create table if not exists audit.identity_findings (
    source_file varchar, table_no integer, rule varchar, row_label varchar,
    column_header varchar, reported double, expected double, difference double,
    tolerance double, passed boolean, suspected_cell varchar,
    line_no integer, row_no integer, col_no integer, detail varchar, checked_at timestamptz
);
"""


def evaluate_rule(con, rule: str, model: str) -> pd.DataFrame:
    """Validate one identity family with GX and replace its rows in audit.identity_findings."""
    identities = con.execute(
        f"select row_number() over () as identity_id, * from {model} where rule = ?", [rule]
    ).df()
    result = validate_identities(identities)
    evaluable = identities["evaluable"].fillna(False).astype(bool)
    passed = pd.Series(pd.NA, index=identities.index, dtype="boolean")
    passed[evaluable] = ~identities.loc[evaluable, "identity_id"].isin(result.failed_ids)
    identities["passed"] = passed
    identities["suspected_cell"] = identities.apply(_suspect, axis=1)
    findings = identities.assign(detail=identities["parts_text"])[
        [
            "source_file", "table_no", "rule", "row_label", "column_header", "reported",
            "expected", "difference", "tolerance", "passed", "suspected_cell", "line_no",
            "row_no", "col_no", "detail",
        ]
    ]
    con.execute(FINDINGS_DDL)
    con.execute("begin transaction")
    con.execute("delete from audit.identity_findings where rule = ?", [rule])
    con.register("findings_frame", findings)
    con.execute(
        "insert into audit.identity_findings select *, now() as checked_at from findings_frame"
    )
    con.unregister("findings_frame")
    con.execute("commit")
    return findings


def _suspect(row) -> str | None:
    if pd.isna(row["passed"]) or bool(row["passed"]):
        return None
    return (
        f"{row['source_file']} line {row['line_no']}: '{row['row_label']}' / "
        f"'{row['column_header']}' printed {row['reported_text']}"
    )


@dg.asset_check(
    asset=FCT_OPERATING,
    additional_deps=[IDENTITY_COLUMN_SUMS],
    description="Item rows add up to the total row in every value column (rounding-aware).",
    blocking=False,
)
def column_sums_add_up(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with duckdb.get_connection() as con:
        findings = evaluate_rule(con, "column_sum", "intermediate.int_identity_column_sums")
    failed = findings[findings["passed"].fillna(True) == False]  # noqa: E712
    lines = [
        f"{r.source_file} L{r.line_no} '{r.row_label}' / '{r.column_header}': printed {r.reported:g}, "
        f"parts add up to {r.expected:g} (difference {r.difference:g}, tolerance {r.tolerance:g})"
        for r in failed.itertuples()
    ]
    for line in lines:
        context.log.warning(line)
    return dg.AssetCheckResult(
        passed=failed.empty,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "evaluated": int(findings["passed"].notna().sum()),
            "failed": len(failed),
            "failures": dg.MetadataValue.md("\n".join(f"- {line}" for line in lines) or "none"),
        },
    )
