"""Incremental dbt builds: a run builds the per-document models only for the documents its
extraction loaded, and the warehouse it publishes is the one a full build of the same files
gives (a report added, one changed, one removed)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.freshness import build_version, built_by_this_code, forget_build, record_build

# columns that record when a row was written, not what it says
WHEN = ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATE")


def model_tables(con: duckdb.DuckDBPyConnection, catalog: str) -> list[tuple[str, str]]:
    return con.execute(
        "select schema_name, table_name from duckdb_tables() where database_name = ? "
        "and schema_name in ('intermediate', 'marts', 'audit') order by 1, 2", [catalog]).fetchall()


def differences(incremental, full) -> dict[str, tuple[int, int]]:
    """Per table: rows only in the incremental build, rows only in the full one (multisets;
    columns of when a row was written left out)."""
    con = duckdb.connect()
    con.execute(f"attach '{incremental}' as inc (read_only)")
    con.execute(f"attach '{full}' as full_ (read_only)")
    assert model_tables(con, "inc") == model_tables(con, "full_")
    out = {}
    for schema, table in model_tables(con, "full_"):
        columns = [f'"{name}"' for name, kind in con.execute(
            "select column_name, data_type from duckdb_columns() where database_name = 'full_' "
            "and schema_name = ? and table_name = ?", [schema, table]).fetchall()
            if not (kind in WHEN and name.endswith(("_at", "extracted", "checked")))]
        cols = ", ".join(columns)
        a, b = f"inc.{schema}.{table}", f"full_.{schema}.{table}"
        only_inc = con.execute(f"select count(*) from (select {cols} from {a} except all select {cols} from {b})").fetchone()[0]
        only_full = con.execute(f"select count(*) from (select {cols} from {b} except all select {cols} from {a})").fetchone()[0]
        out[f"{schema}.{table}"] = (only_inc, only_full)
    con.close()
    return out


CORPUS = Path(__file__).parent / "data" / "corpus"
NO_YEAR = "c11_malmo_arsredovisning2015.txt"  # an excerpt: a table and its prose, no year printed
SEED_MARK = "rapportlager-test-mark"


@pytest.fixture(scope="module")
def builds(tmp_path_factory, dagster_home, report_path):
    """A warehouse built on by a second run (a report added, one changed, one removed), and a
    full build of the same files; with the log of the second run."""
    from pipelines.bench.generate import NAMES, Variant, read_source, render
    from pipelines.run import run_pipeline

    root = tmp_path_factory.mktemp("incremental")
    raw = root / "raw"
    raw.mkdir()
    for prefix in ("000", "001", "002", "003"):
        shutil.copy(report_path(prefix), raw)
    shutil.copy(CORPUS / NO_YEAR, raw)
    incremental = root / "incremental" / "warehouse.duckdb"
    assert run_pipeline(incremental, raw) == 0
    con = duckdb.connect(str(incremental))
    # a row of a seed no model reads, gone if dbt loads the seed again
    con.execute("insert into seeds.publisher_words (word, position) values (?, 'after')", [SEED_MARK])
    con.close()
    shutil.copy(report_path("004"), raw)  # added
    changed = report_path("003").name  # changed: another municipality's, its money figures doubled
    (raw / changed).write_text(render(read_source(report_path("003")), Variant(NAMES[3], 0, 2)), encoding="utf-8")
    (raw / report_path("002").name).unlink()  # removed
    assert run_pipeline(incremental, raw) == 0
    full = root / "full" / "warehouse.duckdb"
    assert run_pipeline(full, raw) == 0
    return incremental, full


def test_an_incremental_run_publishes_what_a_full_build_does(builds, report_path):
    incremental, full = builds
    con = duckdb.connect(str(incremental), read_only=True)
    try:  # the second run built only what it loaded: 003 (changed) and 004 (added)
        loaded = con.execute("select source_file from intermediate.int_run_documents where is_loaded_in_run "
                             "order by 1").fetchall()
        assert loaded == [(report_path("003").name,), (report_path("004").name,)]
        # the removed report left no row, the changed one has its new figures only
        assert con.execute("select count(*) from intermediate.int_cells_classified where source_file = ?",
                           [report_path("002").name]).fetchone()[0] == 0
        assert con.execute("select count(distinct document_id) from intermediate.int_cells_classified").fetchone()[0] == 5
        assert con.execute("""
            select count(*) from intermediate.int_cells_classified as c
            inner join raw.cells as r using (document_id, table_no, row_no, col_no)
            where c.source_file = ? and c.value is distinct from r.value""", [report_path("003").name]).fetchone()[0] == 0
    finally:
        con.close()
    found = differences(incremental, full)
    assert {"intermediate.int_cells_classified", "intermediate.int_identity_deviations", "marts.fct_operating",
            "audit.identity_findings"} <= set(found)
    assert {table: diff for table, diff in found.items() if diff != (0, 0)} == {}


def test_an_incremental_run_leaves_the_seeds_as_they_are(builds):
    # the same code loaded the same seeds into the warehouse it builds on: loading them again
    # would cost a dbt node each; a full build loads them
    incremental, full = builds
    marked = "select count(*) from seeds.publisher_words where word = ?"
    for warehouse, marks in ((incremental, 1), (full, 0)):
        con = duckdb.connect(str(warehouse), read_only=True)
        try:
            assert con.execute(marked, [SEED_MARK]).fetchone()[0] == marks
            assert con.execute("select position from seeds.publisher_words where word = 'region'").fetchall() == [("before",)]
        finally:
            con.close()


def test_a_report_that_prints_no_year_is_loaded_without_facts(builds):
    # its columns have no period, and a fact is keyed by its period: the report is in the
    # warehouse (dim_report, its cells), the facts of the other reports are published
    incremental, _ = builds
    con = duckdb.connect(str(incremental), read_only=True)
    try:
        assert con.execute("select fiscal_year from marts.dim_report where report_key = ?", [NO_YEAR]).fetchall() == [(None,)]
        assert con.execute("select count(*) from intermediate.int_cells_classified where source_file = ?",
                           [NO_YEAR]).fetchone()[0] == 16 * 3  # 15 committees and the year's result, 3 columns
        assert con.execute("select count(*) from marts.fct_operating where report_key = ?", [NO_YEAR]).fetchone()[0] == 0
        assert con.execute("select count(*) from marts.dim_period where period_key is null").fetchone()[0] == 0
        assert con.execute("select count(distinct report_key) from marts.fct_operating").fetchone()[0] == 4
    finally:
        con.close()


def test_only_a_warehouse_this_code_built_is_built_on(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert not built_by_this_code(con)  # a new warehouse
    con.execute("create schema raw")
    record_build(con)
    assert built_by_this_code(con)
    con.execute("update raw.build_info set build_version = ?", [build_version()[::-1]])  # other code
    assert not built_by_this_code(con)
    record_build(con)
    forget_build(con)  # `run --rebuild`
    assert not built_by_this_code(con)
    con.close()


def _audit(warehouse: Path, copy: Path, reuse: bool, change: str | None, monkeypatch) -> tuple[list[int], list[tuple]]:
    """run_audit on a copy of `warehouse` (after the SQL `change`): how many identities GX was
    given, and the findings (without when they were written)."""
    import pipelines.gx_process as gx_process
    from pipelines.audit import FINDING_COLUMNS, run_audit

    given: list[int] = []
    validate = gx_process.failed_identity_ids

    def counted(identities, docs_dir, unchecked):
        given.append(len(identities))
        return validate(identities, docs_dir, unchecked)

    monkeypatch.setattr(gx_process, "failed_identity_ids", counted)
    shutil.copy(warehouse, copy)
    con = duckdb.connect(str(copy))
    try:
        if change:
            con.execute(change)
        run_audit(con, reuse=reuse)
        found = con.execute(f"select {', '.join(FINDING_COLUMNS)} from audit.identity_findings "
                            "order by content_key, rule, source_file, line_no, col_no").fetchall()
    finally:
        con.close()
    return given, found


# one identity of a report the second run did not load, changed: 'Summa nettokostnader' /
# 'Budget 2023' on line 322 of 000, printed 618,5 and summing to 618,5, now reads 718,5
CHANGE = """
update intermediate.int_identities set reported = reported + 100, difference = difference + 100
where source_file like '000%' and rule = 'column_sum' and line_no = 322 and column_header = 'Budget 2023'
"""


def test_an_audit_judges_again_only_identities_whose_content_changed(builds, tmp_path, monkeypatch):
    incremental, _ = builds
    # nothing changed since the published audit: GX is given no identity, the findings stay
    given, kept = _audit(incremental, tmp_path / "kept.duckdb", True, None, monkeypatch)
    assert given == [0]
    published = duckdb.connect(str(incremental), read_only=True)
    from pipelines.audit import FINDING_COLUMNS
    assert kept == published.execute(f"select {', '.join(FINDING_COLUMNS)} from audit.identity_findings "
                                      "order by content_key, rule, source_file, line_no, col_no").fetchall()
    n_identities = published.execute("select count(*) from intermediate.int_identities").fetchone()[0]
    published.close()
    # one identity changed: GX judges that one, and it now fails by 100
    given, again = _audit(incremental, tmp_path / "again.duckdb", True, CHANGE, monkeypatch)
    assert given == [1]
    changed = [f for f in again if f[0].startswith("000") and f[2] == "column_sum" and f[11] == 322
               and f[4] == "Budget 2023"]
    assert [(f[5], f[6], f[7], f[9]) for f in changed] == [(718.5, 618.5, 100.0, False)]
    assert changed[0][10] is not None  # its suspect is named
    # and the findings are those of an audit that judges every identity
    given, everything = _audit(incremental, tmp_path / "all.duckdb", False, CHANGE, monkeypatch)
    assert given == [n_identities]
    assert again == everything
