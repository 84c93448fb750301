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
