"""The identity audit's results as Dagster asset checks (severity WARN): they read audit.*,
which the audit asset (assets/audit.py) writes."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from expectations.families import IDENTITY_FAMILIES

from .assets.audit import FINDINGS_KEY, UNCHECKED_KEY
from .audit import load_unchecked
from .settings import data_docs_dir

RULES = IDENTITY_FAMILIES
# findings listed in a check's metadata (the event log keeps every run's): the rest are counted;
# `rapportlager findings` and audit.identity_findings hold them all
LISTED = 100


@dg.multi_asset_check(
    specs=[
        dg.AssetCheckSpec(name=f"identities_{rule}", asset=FINDINGS_KEY, description=text, blocking=False)
        for rule, text in RULES.items()
    ] + [
        dg.AssetCheckSpec(name="identities_unchecked_columns", asset=UNCHECKED_KEY, blocking=False,
                          description="Money columns no identity can check (no total row, unknown convention …)."),
    ],
    description="The identities that failed, per family, and the columns no identity checks (read from audit.*).",
)
def identity_checks(context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        findings = con.execute("select * from audit.identity_findings").fetch_df()
        unchecked = load_unchecked(con)
    for rule in RULES:
        group = findings[findings["rule"] == rule]
        failed = group[group["passed"].fillna(True) == False]  # noqa: E712
        lines = [
            f"{r.source_file} line {r.line_no}: '{r.row_label}' / '{r.column_header}' printed "
            f"{r.reported_text}; {r.detail}; suspect: {r.suspected_cell}"
            for r in failed.itertuples()
        ]
        yield _warning(context, f"identities_{rule}", rule, lines,
                       {"evaluated": int(group["passed"].notna().sum()), "failed": len(failed)})
    lines = [
        f"{r.source_file} table {r.table_no} (line {r.first_line}): "
        f"{repr(r.column_header) if isinstance(r.column_header, str) else f'column {r.col_no}'} — {r.reason}"
        for r in unchecked.itertuples()
    ]
    yield _warning(context, "identities_unchecked_columns", "not checked", lines, {"unchecked_columns": len(lines)},
                   asset_key=UNCHECKED_KEY)


def _warning(context: dg.AssetCheckExecutionContext, check_name: str, label: str, lines: list[str],
             counts: dict, asset_key: dg.AssetKey = FINDINGS_KEY) -> dg.AssetCheckResult:
    """A WARN check result that passes when there is nothing to list. One log line per check
    (the findings are listed in its metadata and in the findings report at the end of a run)."""
    if lines:
        context.log.warning(f"{check_name}: {len(lines)} {label} — listed in the check's metadata and the findings report")
    return dg.AssetCheckResult(
        check_name=check_name,
        asset_key=asset_key,
        passed=not lines,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            **counts,
            "findings": dg.MetadataValue.md(listing(lines)),
            "data_docs": dg.MetadataValue.path(str(data_docs_dir() / "index.html")),
        },
    )


def listing(lines: list[str], most: int = LISTED) -> str:
    """The lines as a Markdown list, the first `most` of them, and how many more there are."""
    shown = "\n".join(f"- {line}" for line in lines[:most])
    if len(lines) > most:
        shown += f"\n- … and {len(lines) - most} more (`rapportlager findings` lists them all)"
    return shown or "none"
