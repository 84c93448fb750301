"""A report converted from PDF the way the README says (`pdftotext -layout`), through the whole
pipeline: Simrishamn's investment budget (tests/data/corpus, typed by hand in
tests/expected/corpus/c02_simrishamn_budget2027.layout.tsv). Its table runs over a page break,
its summary rows are a running total, and the report misprints one of them."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

LAYOUT = Path(__file__).parent / "data" / "corpus" / "c02_simrishamn_budget2027.layout.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory, dagster_home):
    from pipelines.cli import run_pipeline

    root = tmp_path_factory.mktemp("pdf_layout")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(LAYOUT, raw)
    warehouse = root / "warehouse" / "warehouse.duckdb"
    assert run_pipeline(warehouse, raw) == 0
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


def test_a_cell_from_its_printed_line_to_its_fact(db):
    # l.29 '1     P    6289 Utrustning uppstart            1 000    500 …', the label's second
    # line 'Korsavadsanläggningen' (l.30) under the values; 'Budget 2027' in a table in tkr
    rows = db.execute(
        "select row_label, raw_text, amount_sek, measure_key, period_key from marts.fct_investment "
        "where line_no = 29 and col_no in (1, 2) order by col_no").fetchall()
    assert rows == [
        ("6289 Utrustning uppstart Korsavadsanläggningen", "1 000", 1_000_000.0, "budget", "2027-FY"),
        ("6289 Utrustning uppstart Korsavadsanläggningen", "500", 500_000.0, "plan", "2028-FY"),
    ]


def test_a_total_over_the_years_is_no_years_outcome(db):
    # 'Total utgift' after Budget 2027 and Plan 2028-2031: the project's total (l.29: 1 500 =
    # 1 000 + 500), not an outcome of 2031; given the report's own year
    row = db.execute(
        "select f.raw_text, f.measure_key, f.period_key, m.measure_name from marts.fct_investment as f "
        "inner join marts.dim_measure as m using (measure_key) where f.line_no = 29 and f.col_no = 6").fetchall()
    assert row == [("1 500", "total", "2027-FY", "Totalt över åren (t.ex. ett projekts totala utgift)")]


def test_the_audit_names_the_one_misprint(db):
    # Plan 2028: the 20 projects sum to 500 + 750 + 100 + 100 + 100 + 150 + 0 + 0 + 500 + 125
    # + 0 + 10 000 + 0 + 0 + 0 + 0 + 600 + 0 + 0 + 3 000 = 15 925, 'Summa nya enskilda
    # investeringsprojekt' (l.66, on the page after them) prints 15 975; 'Summa
    # investeringsbudget' (l.73) = 15 925 + 1 200 = 17 125 as printed, a running total of the
    # sum above and 'Reinvesteringar'. Total utgift: 'Reinvesteringar' prints none, yet 'Summa
    # investeringsbudget' (71 975) is 6 000 more than 'Summa nya enskilda investeringsprojekt'.
    failing = db.execute(
        "select line_no, rule, column_header, suspected_cell from audit.identity_findings "
        "where not passed order by line_no, column_header").fetchall()
    assert [(line, rule, column) for line, rule, column, _ in failing] == [
        (66, "column_sum", "Plan 2028"), (73, "column_sum", "Plan 2028"), (73, "column_sum", "Total utgift")]
    assert failing[0][3] == failing[1][3]
    assert "line 66: 'Summa nya enskilda investeringsprojekt' / 'Plan 2028' printed 15 975" in failing[0][3]
    # in the four other year columns the running total holds
    held = db.execute(
        "select count(*) from audit.identity_findings where line_no = 73 and rule = 'column_sum' and passed"
    ).fetchone()[0]
    assert held == 4
