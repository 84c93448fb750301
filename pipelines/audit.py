"""The identity audit: validate the identities with GX, name suspects, write audit.*."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from pipelines.killpoints import kill_point
from expectations.suspects import CellInfo, suspects
from pipelines.audit_reuse import CONTENT_KEY_SQL, Kept, kept_verdicts, tables_of

if TYPE_CHECKING:
    from expectations.identities import IdentitySuite

FINDINGS_DDL = """
create schema if not exists audit;
create or replace table audit.identity_findings (
    source_file varchar, table_no integer, rule varchar, row_label varchar,
    column_header varchar, reported double, expected double, difference double,
    tolerance double, passed boolean, suspected_cell varchar,
    line_no integer, row_no integer, col_no integer, reported_text varchar, detail varchar,
    cell_keys varchar[], unit varchar, expected_sek double, difference_sek double,
    content_key varchar, page_no integer, checked_at timestamptz
);
"""

# the order the findings are written in: what tells identities apart (int_identities hashes it
# into identity_id), the cells last
IDENTITY_ORDER = "source_file, rule, table_no, row_no, col_no, detail, cell_keys"

FINDING_COLUMNS = [
    "source_file", "table_no", "rule", "row_label", "column_header", "reported", "expected",
    "difference", "tolerance", "passed", "suspected_cell", "line_no", "row_no", "col_no",
    "reported_text", "detail", "cell_keys", "unit", "expected_sek", "difference_sek", "content_key",
]


def load_identities(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every identity dbt states, with the key of its content (what a verdict reads). In the
    order of their ids: the same in every build, and a sort of integers (verdicts and suspects
    do not depend on the order)."""
    return con.execute(
        f"select *, {CONTENT_KEY_SQL} as content_key from intermediate.int_identities order by identity_id").df()


def load_cells(con: duckdb.DuckDBPyConnection, tables: set[str] | None = None) -> dict[str, CellInfo]:
    """The cells, by key 'document|table|row|col'; only those of `tables` ('document|table')."""
    where = "" if tables is None else "where document_id || '|' || table_no in (select unnest($tables))"
    rows = con.execute(
        f"""
        select document_id || '|' || table_no || '|' || row_no || '|' || col_no, source_file,
               line_no, row_label, column_header, raw_text, value, decimals, page_no
        from intermediate.int_cells_classified
        {where}
        """,
        {} if tables is None else {"tables": sorted(tables)},
    ).fetchall()
    return {r[0]: CellInfo(*r) for r in rows}


def failing_tables(judged: pd.DataFrame) -> set[str]:
    """'document|table' of every cell in a failing identity: all that naming a suspect reads."""
    return tables_of(judged["cell_keys"][judged["passed"].fillna(True) == False])  # noqa: E712


def judge(identities: pd.DataFrame, docs_dir: Path | None = None, unchecked: pd.DataFrame | None = None,
          suite: IdentitySuite | None = None) -> pd.DataFrame:
    """Mark each identity passed/failed with the GX suite (one expectation per family).
    `suite`: a suite built once, for many runs (the benchmark); otherwise one is built here
    (writing the Data Docs to `docs_dir`)."""
    from .gx_process import failed_identity_ids

    identities = identities.copy()
    evaluable = identities["evaluable"].fillna(False).astype(bool)
    if suite is not None:
        failed_ids = suite.validate(identities).failed_ids
    else:
        failed_ids = failed_identity_ids(identities, docs_dir, unchecked)
    fails = identities["identity_id"].isin(failed_ids)
    passed = pd.Series(pd.NA, index=identities.index, dtype="boolean")
    passed[evaluable] = ~fails[evaluable]
    identities["passed"] = passed
    return identities


def evaluate(identities: pd.DataFrame, cells: dict[str, CellInfo], docs_dir: Path | None = None,
             unchecked: pd.DataFrame | None = None, suite: IdentitySuite | None = None) -> pd.DataFrame:
    """judge(), then name the suspected cell of each failure."""
    judged = judge(identities, docs_dir, unchecked, suite)
    judged["suspected_cell"] = suspects(judged, cells)
    return judged


UNCHECKED_DDL = """
create schema if not exists audit;
create or replace table audit.unchecked_columns as
select source_file, table_no, table_kind, caption, first_line, col_no, column_header, reason,
       now() as checked_at
from intermediate.int_audit_unchecked;
"""


def write_findings(con: duckdb.DuckDBPyConnection, findings: pd.DataFrame) -> None:
    """audit.identity_findings: the identities of int_identities with the verdicts and suspects
    of `findings` (by identity_id). The identities' columns are read from the table, not from the
    frame: scanning lists of cell keys out of pandas took most of the write."""
    verdicts = findings[["identity_id", "passed", "suspected_cell", "content_key"]]
    columns = ", ".join(f"verdicts.{c}" if c in verdicts.columns else f"identities.{c}" for c in FINDING_COLUMNS)
    con.execute(FINDINGS_DDL)
    con.register("verdicts", verdicts)
    try:
        con.execute(f"""
            insert into audit.identity_findings
            select {columns}, cells.page_no, now()
            from intermediate.int_identities as identities
            inner join verdicts on verdicts.identity_id = identities.identity_id
            -- the page the reported cell is printed on
            left join intermediate.int_cells_classified as cells
                on cells.source_file = identities.source_file and cells.table_no = identities.table_no
                and cells.row_no = identities.row_no and cells.col_no = identities.col_no
            order by {", ".join(f"identities.{c}" for c in IDENTITY_ORDER.split(", "))}
        """)
    finally:
        con.unregister("verdicts")
    # the money columns no identity checks, with the reason: reported, not skipped
    con.execute(UNCHECKED_DDL)


def load_unchecked(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute("select * from audit.unchecked_columns order by source_file, table_no, col_no").df()


def judge_again(identities: pd.DataFrame, kept: Kept, docs_dir: Path | None = None,
                unchecked: pd.DataFrame | None = None) -> pd.DataFrame:
    """judge() of the identities whose content is new; the others keep the published verdict."""
    known = kept.is_known(identities)
    judged = judge(identities.loc[~known], docs_dir, unchecked)
    earlier = identities.loc[known].copy()
    earlier["passed"] = pd.array([kept.passed[key] for key in earlier["content_key"]], dtype="boolean")
    parts = [part for part in (judged, earlier) if not part.empty]
    # in the order of `identities`
    findings = pd.concat(parts).sort_index() if len(parts) > 1 else (parts[0] if parts else judged)
    findings.attrs["judged"] = len(judged)
    return findings


def identities_touching(con: duckdb.DuckDBPyConnection, tables: set[str]) -> set[int]:
    """The ids of the identities (int_identities) with a cell in one of `tables` ('document|table';
    a cell key is 'document|table|row|col')."""
    return {identity_id for (identity_id,) in con.execute(
        """
        select distinct identities.identity_id
        from intermediate.int_identities as identities, unnest(identities.cell_keys) as cells(cell_key)
        where regexp_replace(cells.cell_key, '[|][^|]*[|][^|]*$', '') in (select unnest($tables))
        """,
        {"tables": sorted(tables)},
    ).fetchall()}


def name_suspects_again(con: duckdb.DuckDBPyConnection, findings: pd.DataFrame, kept: Kept) -> pd.Series:
    """The suspects of the failing identities whose cells' tables changed, named again; the
    others keep the published ones."""
    failing = findings.loc[findings["passed"].fillna(True) == False]  # noqa: E712
    out = pd.Series(None, index=findings.index, dtype=object)
    out.loc[failing.index] = [kept.suspect.get(key) for key in failing["content_key"]]
    again = failing.loc[failing["cell_keys"].map(kept.to_name_again).astype(bool)]
    tables = failing_tables(again)
    if tables:
        # every identity with a cell in those tables: all that naming their suspects reads
        touching = findings["identity_id"].isin(identities_touching(con, tables))
        named = suspects(findings.loc[touching], load_cells(con, tables))
        out.loc[again.index] = named.loc[again.index]
    return out


def run_audit(con: duckdb.DuckDBPyConnection, docs_dir: Path | None = None, reuse: bool = False) -> pd.DataFrame:
    """Judge every identity (GX), name the suspects, write audit.*. With `reuse` (the published
    audit was made by this code), identities with unchanged content keep their verdicts and,
    where nothing around them changed, their suspects: GX judges the others (and the Data Docs
    show those)."""
    unchecked = con.execute("select * from intermediate.int_audit_unchecked").df()
    identities = load_identities(con)
    kept = kept_verdicts(con, identities) if reuse else None
    if kept is None:
        findings = judge(identities, docs_dir, unchecked)
        findings.attrs["judged"] = len(findings)
        # the cells of the tables a failing identity touches: a suspect is named from those alone
        findings["suspected_cell"] = suspects(findings, load_cells(con, failing_tables(findings)))
    else:
        findings = judge_again(identities, kept, docs_dir, unchecked)
        findings["suspected_cell"] = name_suspects_again(con, findings, kept)
    kill_point("audit")
    write_findings(con, findings)
    kill_point("audit")
    return findings


def unchecked_lines(group: pd.DataFrame) -> list[str]:
    """One line per table with columns no identity checks (of one report): which, and why."""
    lines = []
    for (table_no, first_line, caption, reason), cols in group.groupby(
        ["table_no", "first_line", group["caption"].fillna(""), "reason"], sort=True
    ):
        headers = ", ".join(f"'{h}'" if isinstance(h, str) else f"column {c}" for h, c in zip(cols["column_header"], cols["col_no"]))
        where = f"line {first_line} '{caption}'" if caption else f"line {first_line}"
        lines.append(f"  not checked: table {table_no} ({where}): {headers} — {reason}")
    return lines


# the columns findings_report reads
REPORTED = ["source_file", "passed", "line_no", "rule", "row_label", "column_header", "reported_text", "expected",
            "unit", "difference", "tolerance", "detail", "suspected_cell"]


def findings_report(findings: pd.DataFrame, unchecked: pd.DataFrame | None = None,
                    detailed: set[str] | None = None) -> str:
    """Per report: identities checked, passed, failed; each failure in one line; the money
    columns no identity could check, and why. With `detailed` (a set of source files), only
    those reports are shown so; the others are summed up in one closing line."""
    lines = []
    checked_by_file = findings.groupby("source_file", sort=True)["passed"].count()
    failing = findings[findings["passed"].fillna(True) == False]  # noqa: E712
    n_failed = failing.groupby("source_file", sort=False).size()
    shown = failing if detailed is None else failing[failing["source_file"].isin(detailed)]
    failed_by_file = dict(list(shown.groupby("source_file", sort=False)))  # the failures listed
    if unchecked is not None and detailed is not None:
        unchecked = unchecked[unchecked["source_file"].isin(detailed)]
    unchecked_by_file = dict(list(unchecked.groupby("source_file", sort=False))) if unchecked is not None else {}
    others = {"reports": 0, "checked": 0, "failed": 0}
    for source_file, checked in checked_by_file.items():
        if detailed is not None and source_file not in detailed:
            others["reports"] += 1
            others["checked"] += int(checked)
            others["failed"] += int(n_failed.get(source_file, 0))
            continue
        failed = failed_by_file.get(source_file, failing.iloc[:0])
        share = f" ({(checked - len(failed)) / checked:.0%} hold)" if checked else ""
        lines.append(f"{source_file}: {checked} identities checked, {checked - len(failed)} passed, {len(failed)} failed{share}")
        for r in failed.sort_values(["line_no", "rule"]).itertuples():
            lines.append(
                f"  line {r.line_no} {r.rule}: '{r.row_label}' / '{r.column_header}' printed {r.reported_text},"
                f" expected {_fmt(r.expected)}{_unit(r)} (difference {_fmt(r.difference)}, tolerance {_fmt(r.tolerance)})"
                f"; {r.detail}"
            )
            if r.suspected_cell:
                lines.append(f"      suspect: {r.suspected_cell}")
        if source_file in unchecked_by_file:
            lines.extend(unchecked_lines(unchecked_by_file[source_file]))
    if others["reports"]:
        lines.append(
            f"{others['reports']} other report{'s' if others['reports'] != 1 else ''} (not loaded in this run, and no failure"
            f" of theirs reads one that was): {others['checked']} identities checked, {others['checked'] - others['failed']} passed,"
            f" {others['failed']} failed (`rapportlager findings` lists them all)"
        )
    return "\n".join(lines)


def _unit(r) -> str:
    unit = getattr(r, "unit", None)
    return f" {unit}" if isinstance(unit, str) and unit else ""


def _fmt(x: float) -> str:
    if x is None or pd.isna(x):
        return "-"
    text = f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 1e6 else f"{x:,.0f}"
    return text.replace(",", " ").replace(".", ",")
