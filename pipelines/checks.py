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
        counts = {rule: (evaluated, failed) for rule, evaluated, failed in con.execute(
            "select rule, count(passed), count(*) filter (where not passed) from audit.identity_findings group by rule"
        ).fetchall()}
        # the failures a check lists (the first LISTED of each family, in the order of the reports)
        shown = con.execute(f"""
            select rule, source_file, line_no, row_label, column_header, reported_text, detail, suspected_cell
            from audit.identity_findings
            where not passed
            qualify row_number() over (
                partition by rule order by source_file, line_no, col_no, column_header, detail) <= {LISTED}
            order by rule, source_file, line_no, col_no, column_header, detail
        """).fetchall()
        unchecked = load_unchecked(con)
    for rule in RULES:
        evaluated, failed = counts.get(rule, (0, 0))
        lines = [f"{file} line {line_no}: '{label}' / '{header}' printed {printed}; {detail}; suspect: {suspect}"
                 for r, file, line_no, label, header, printed, detail, suspect in shown if r == rule]
        yield _warning(context, f"identities_{rule}", rule, lines, {"evaluated": evaluated, "failed": failed}, failed)
    lines = [
        f"{r.source_file} table {r.table_no} (line {r.first_line}): "
        f"{repr(r.column_header) if isinstance(r.column_header, str) else f'column {r.col_no}'} — {r.reason}"
        for r in unchecked.itertuples()
    ]
    yield _warning(context, "identities_unchecked_columns", "not checked", lines, {"unchecked_columns": len(lines)},
                   len(lines), asset_key=UNCHECKED_KEY)


def _warning(context: dg.AssetCheckExecutionContext, check_name: str, label: str, lines: list[str],
             counts: dict, total: int, asset_key: dg.AssetKey = FINDINGS_KEY) -> dg.AssetCheckResult:
    """A WARN check result that passes when there is nothing to list (`total` things, of which
    `lines` are shown). One log line per check (the findings are listed in its metadata and in
    the findings report at the end of a run)."""
    if total:
        context.log.warning(f"{check_name}: {total} {label} — listed in the check's metadata and the findings report")
    return dg.AssetCheckResult(
        check_name=check_name,
        asset_key=asset_key,
        passed=not total,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            **counts,
            "findings": dg.MetadataValue.md(listing(lines, total=total)),
            "data_docs": dg.MetadataValue.path(str(data_docs_dir() / "index.html")),
        },
    )


def listing(lines: list[str], most: int = LISTED, total: int | None = None) -> str:
    """The lines as a Markdown list, the first `most` of them, and how many more there are (of
    `total`, when `lines` holds only the first ones)."""
    total = len(lines) if total is None else total
    shown = "\n".join(f"- {line}" for line in lines[:most])
    if total > min(len(lines), most):
        shown += f"\n- … and {total - min(len(lines), most)} more (`rapportlager findings` lists them all)"
    return shown or "none"
