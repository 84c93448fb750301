"""The identity audit: hand-verified findings in the real reports, no false alarms, suspects."""
from __future__ import annotations

import pytest

from expectations.suspects import one_printing_error


def failed(db, prefix, line_no, rule=None):
    sql = ("select rule, column_header, reported_text, suspected_cell from audit.identity_findings "
           "where source_file like ? and line_no = ? and not passed")
    params = [f"{prefix}%", line_no]
    if rule:
        sql += " and rule = ?"
        params.append(rule)
    return db.execute(sql, params).fetchall()


def test_every_family_is_evaluated(db):
    rules = dict(db.execute("select rule, count(*) from audit.identity_findings group by 1").fetchall())
    for rule in ("column_sum", "deviation", "gross_net", "investment_net", "cross_table", "cross_report",
                 "learned_relation"):
        assert rules.get(rule, 0) > 0, rule


def test_sign_lost_in_an_investment_net(db):
    # 000 line 1581 'IT utrustning': expenditure 84,5, income 0, net printed -84,5; the total
    # net 85 = 84,5 + 0,5 and the deviation -24,5 = 60 − 84,5 both need +84,5
    rows = failed(db, "000", 1581)
    assert {r[0] for r in rows} == {"investment_net", "deviation"}
    assert all("printed -84,5 (likely misprint" in r[3] and "(sign)" in r[3] for r in rows)
    total = failed(db, "000", 1587, "column_sum")
    assert total and "line 1581" in total[0][3]


def test_budget_total_misprint_named(db):
    # 003 line 120: the staber's budgets add up to 416,0 and 416,0 − 390,9 = 25,1 as printed;
    # the printed total 417,0 is the one wrong number
    rows = failed(db, "003", 120)
    budget = [r for r in rows if r[1] == "Budget jan-aug 2024"]
    assert {r[0] for r in budget} | {r[0] for r in rows if r[1] == "Avvikelse"} == {"column_sum", "deviation"}
    assert all("printed 417,0 (likely misprint" in r[3] for r in rows if r[1] in ("Budget jan-aug 2024", "Avvikelse"))


def test_revenue_printed_with_the_wrong_sign(db):
    # 003 line 140: Bokslut 2023 prints net 506,8 = 630,5 − 123,7, but revenues print -123,7
    rows = failed(db, "003", 140, "gross_net")
    assert rows and "line 142" in rows[0][3] and "(sign)" in rows[0][3]


def test_deviation_sign_misprint(db):
    # 000 line 490: 'varav utgifter' frame 419,9 − expenditure 443,9 = -24,0, printed 24,0
    rows = failed(db, "000", 490, "deviation")
    assert rows and "printed 24,0 (likely misprint" in rows[0][3]


def test_comparative_across_reports(db):
    # Råd och Stöd, closed accounts 2022: 6 637 tkr in 000 (line 2596), 6 mkr in 004 (line 335);
    # 6,637 mnkr rounds to 7, not 6
    rows = failed(db, "000", 2596, "cross_report")
    assert rows and rows[0][1] == "Bokslut 2022"


def test_opposite_sign_conventions_are_not_a_finding(db):
    # 001: the key figures print net costs (-7 972, budget 15 000, deviation 22 972) and the
    # operating statement prints the result (7 972, -15 000, 22 972): the same figures
    rows = db.execute(
        "select passed, detail from audit.identity_findings where source_file like '001%' "
        "and rule = 'cross_table' and line_no = 93"
    ).fetchall()
    assert len(rows) == 3 and all(r[0] for r in rows)
    assert any("opposite sign convention" in r[1] for r in rows)


def test_relation_learned_from_a_table_of_no_known_kind(db):
    # 003 l.482-491, 'Ensamkommande barn och unga': the deviation is the government
    # compensation minus the costs on every row that prints all three, 0 − 2 000 000 =
    # -2 000 000 (l.488), 0 − 3 423 000 = -3 423 000 (l.490), 8 262 000 − 9 446 000 =
    # -1 184 000 (l.485) … except 'HVB inkl stödboende' (l.483): 8 262 000 − 9 076 000 is
    # -814 000, printed -1 184 000 (the deviation of HVB and Familjehem together)
    rows = db.execute(
        "select line_no, passed, reported_text, expected, detail from audit.identity_findings "
        "where source_file like '003%' and rule = 'learned_relation' order by line_no"
    ).fetchall()
    assert [r[0] for r in rows] == [483, 485, 487, 488, 489, 490, 491]
    assert [r[0] for r in rows if not r[1]] == [483]
    assert rows[0][2] == "-1 184 000" and rows[0][3] == -814000
    assert all(r[4].startswith("Avvikelse = Statlig ersättning t o m augusti 2024 − Utfall kostnader t o m augusti 2024"
                               " (holds on 6 of 7 rows)") for r in rows)


def test_reports_that_add_up_have_no_finding(db):
    for prefix in ("002", "004"):
        assert failed_count(db, prefix) == 0


def test_figures_printed_twice_across_units(db):
    # 001 l.96 (key figures, tkr): 'Investeringar, netto 5 159 4 900 -259'; l.428 (investment
    # table, mnkr): 'Summa investeringar 4,9 5,1 -0,2 4,9 5,1 -0,2'. 4 900 tkr = 4,9 mnkr, but
    # 5 159 tkr rounds to 5,2 mnkr and -259 tkr to -0,3 mnkr: printed 5,1 and -0,2 (each twice)
    rows = db.execute(
        "select column_header, passed from audit.identity_findings where source_file like '001%' "
        "and rule = 'cross_table' and line_no = 96 order by col_no"
    ).fetchall()
    assert rows == [("Bokslut 2020", False)] * 2 + [("Budget 2020", True)] * 2 + [("Avvikelse", False)] * 2
    assert failed_count(db, "001") == 4
    # 000 l.376 (mnkr) 'varav kostnader 1 686 1 688 2,0 1 657' and l.2604 (tkr) 'varav kostnader
    # 1 686 182 1 688 129  1 657 144': the gross costs agree within the rounding of 1 686 mnkr
    rows = db.execute(
        "select column_header, passed from audit.identity_findings where source_file like '000%' "
        "and rule = 'cross_table' and line_no = 376 order by col_no"
    ).fetchall()
    assert rows == [("Prognos helår", True), ("Budget 2023", True), ("Bokslut 2022", True)]


def test_gross_rows_printed_twice(db):
    # 000 l.368/370 (the board's table): 'Verksamhetsstöd och service' varav kostnader 619 620
    # 1,0 and varav intäkter 622 620 2,0; its own statement (l.1503/1505) prints the deviations 0
    rows = db.execute(
        "select line_no, reported_text, passed from audit.identity_findings where source_file like '000%' "
        "and rule = 'cross_table' and line_no in (368, 370) and column_header = 'Avvikelse' order by line_no"
    ).fetchall()
    assert rows == [(368, "1,0", False), (370, "2,0", False)]
    # closed accounts 2022: 000 l.2604/2606 print costs 1 657 144 and revenues 1 615 533 tkr
    # (net -41 9xx); 004 l.340/341 print 'varav intäkter 1 657' and 'varav kostnader 1 615' mkr
    rows = db.execute(
        "select line_no, passed, suspected_cell from audit.identity_findings where source_file like '000%' "
        "and rule = 'cross_report' and line_no in (376, 378, 2604, 2606) order by line_no"
    ).fetchall()
    assert [(r[0], r[1]) for r in rows] == [(376, False), (378, False), (2604, False), (2606, False)]
    assert all("004_1b71e7ae599e2031.txt line 34" in r[2] for r in rows)


def test_investment_frame_printed_three_times(db):
    # 000: the board's summary l.476 'varav VSS 6,7 0 84,5 0 84,5 60,5 -24,0', VSS's own
    # investment table l.1587 'Summa investeringar 85 85 60,5 -24,5' and VSS's key figures
    # l.1354 'Investeringar, netto 85 85 0' (Prognos helår, Budget 2023, Avvikelse). The frame
    # 60,5 agrees in the two investment tables, and is the budget of the investments: the key
    # figure's budget 85 disagrees with both. The summary's deviation −24,0 (= 60,5 − 84,5)
    # disagrees with the appendix's −24,5 (= 60,5 − 85)
    rows = db.execute(
        "select line_no, column_header, reported_text, detail from audit.identity_findings "
        "where source_file like '000%' and rule = 'cross_table' and line_no in (476, 1354) and not passed "
        "order by line_no, col_no"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (476, "Investeringsram 2023", "60,5"), (476, "Avvikelse", "-24,0"), (1354, "Budget 2023", "85"),
    ]
    assert "line 1354 prints 85" in rows[0][3] and "line 1587 prints -24,5" in rows[1][3]
    assert "line 1587 prints 60,5" in rows[2][3]
    # the forecasts agree within rounding: 84,5 against 85 printed without decimals
    assert db.execute(
        "select bool_and(passed) from audit.identity_findings where source_file like '000%' "
        "and rule = 'cross_table' and line_no = 476 and column_header = 'Prognos 2023 Netto'"
    ).fetchone()[0] is True


def test_a_figure_printed_k_times_is_compared_k_minus_1_times(db):
    # 000 prints VSS's forecast deviation for 2023 three times: 3,0 in the board's summary
    # (l.366), 3 in VSS's key figures (l.1352) and 0 in VSS's statement (l.1501). Each printing
    # is compared with the one before it: 366 with 1352 (agree), 1352 with 1501 (disagree);
    # 366 is not compared again with 1501
    rows = db.execute(
        "select line_no, reported_text, passed, regexp_extract(detail, 'line (\\d+)', 1) from audit.identity_findings "
        "where source_file like '000%' and rule = 'cross_table' and column_header in ('Avvikelse') "
        "and line_no in (366, 1352) order by line_no"
    ).fetchall()
    assert rows == [(366, "3,0", True, "1352"), (1352, "3", False, "1501")]
    # the work grows with the printings: no figure of the five reports is in more pairs than
    # printings
    assert db.execute(
        "select max(n) from (select cell_keys[1] as k, count(*) as n from audit.identity_findings "
        "where rule like 'cross%' group by k)"
    ).fetchone()[0] <= 2


def failed_count(db, prefix):
    return db.execute(
        "select count(*) from audit.identity_findings where source_file like ? and not passed", [f"{prefix}%"]
    ).fetchone()[0]


def test_number_of_findings(db):
    # the hand-verified inconsistencies (see the closing note of the audit issue): 22 failing
    # identities in 000, 8 in 003; issue 13 adds the learned relation of 003 l.483, the gross
    # rows of 000 compared with their second printing (l.368, 370, 376, 378, 2604, 2606) and
    # VSS's investment frame and budget printed three times (l.476 twice, l.1354); issue 11
    # compares a figure printed three times twice, not three times: VSS's deviation 0 at l.1501
    # (3,0 at l.366 and l.1352) fails once, against l.1352
    assert failed_count(db, "000") == 30
    assert failed_count(db, "003") == 9


def test_data_docs_are_built(warehouse):
    from expectations.offline_docs import remote_assets

    index = warehouse.parent / "data_docs" / "index.html"
    text = index.read_text(encoding="utf-8")
    assert index.exists() and "financial_identities" in text
    # they open offline: no stylesheet or script from a CDN, the index rows written as HTML
    assert remote_assets(warehouse.parent / "data_docs") == []
    assert 'href="static/styles/offline.css"' in text
    assert '<a href="validations/financial_identities/' in text
    # a failing identity is shown where it is printed: 003 l.120 prints the budget 417,0, and
    # budget − outcome is 417,0 − 390,9 = 26,1, not the printed 25,1
    page = next((warehouse.parent / "data_docs" / "validations" / "financial_identities").rglob("*.html"))
    assert "line 120: 'Summa nettokostnader' / 'Budget jan-aug 2024' printed 417,0" in page.read_text(encoding="utf-8")
    # the coverage validation, rendered by the GX worker after it gave its verdict, is published
    # with them: the run waits for the worker before the docs are moved into place
    coverage = next((warehouse.parent / "data_docs" / "validations" / "audit_coverage").rglob("*.html"))
    assert "a table of amounts of no known kind" in coverage.read_text(encoding="utf-8")
    assert '<a href="validations/audit_coverage/' in text


def test_one_expectation_per_identity_family():
    import great_expectations as gx

    from expectations.identities import IDENTITY_FAMILIES, build_suite

    gx.get_context(mode="ephemeral")
    suite = build_suite()
    conditions = [e.row_condition for e in suite.expectations if getattr(e, "row_condition", None)]
    assert sorted(c.parameter for c in conditions) == sorted(IDENTITY_FAMILIES)
    assert {c.column.name for c in conditions} == {"rule"}


@pytest.mark.parametrize(
    ("printed", "corrected", "decimals", "kind"),
    [
        (-84.5, 84.5, 1, "sign"),
        (417.0, 416.0, 1, "one digit"),
        (560.8, 506.8, 1, "two digits swapped"),
        (417.0, 415.0, 1, "one digit"),
        (417.0, 398.0, 1, None),
        (0.0, 3.0, 1, "one digit"),
        # '0' printed for -9 needs a digit and a minus: two errors
        (0.0, -9.0, 0, None),
        (-2.0, 3.0, 0, None),
    ],
)
def test_one_printing_error(printed, corrected, decimals, kind):
    assert one_printing_error(printed, corrected, decimals) == kind


def test_columns_no_identity_can_check_are_reported(db):
    # 000 l.1587 (VSS investments): 'Summa investeringar   85  85 60,5 -24,5' prints nothing
    # under the two 'Redovisat jan-mars 2023' columns, so their items cannot be summed
    rows = db.execute(
        "select column_header, reason from audit.unchecked_columns where source_file like '000%' order by col_no"
    ).fetchall()
    assert rows == [
        ("Redovisat jan-mars 2023 Utgifter", "the total row prints no value in this column"),
        ("Redovisat jan-mars 2023 Inkomster", "the total row prints no value in this column"),
    ]
    # 003 l.483 'Ensamkommande barn och unga' (costs, government compensation, deviation) is
    # a table of no known kind, but a relation learned from its rows now checks all three
    # columns (test_relation_learned_from_a_table_of_no_known_kind)
    assert db.execute(
        "select count(*) from audit.unchecked_columns where source_file like '003%' and table_kind = 'other'"
    ).fetchone() == (0,)
    # 001 l.836 prints shares ('Avtalstrohet (%) 59,0 % 66,5 % …'): no amounts, not listed
    assert db.execute(
        "select count(*) from audit.unchecked_columns where source_file like '001%' and first_line = 836"
    ).fetchone() == (0,)
    # every statement and investment column of 001, 002 and 004 is checked by some identity
    assert db.execute(
        "select count(*) from audit.unchecked_columns where table_kind in ('operating_statement', 'investments') "
        "and (source_file like '001%' or source_file like '002%' or source_file like '004%')"
    ).fetchone() == (0,)


def test_findings_report_details_only_the_reports_asked_for(db):
    """A run shows the reports it loaded in full and sums the others up in one line."""
    from pipelines.audit import findings_report, load_unchecked

    findings = db.execute("select * from audit.identity_findings").df()
    shown = db.execute("select source_file from raw.documents where source_file like '004%'").fetchone()[0]
    checked, failed = db.execute(
        "select count(passed), count(*) filter (where not passed) from audit.identity_findings "
        "where source_file <> ?", [shown]).fetchone()
    lines = findings_report(findings, load_unchecked(db), detailed={shown}).splitlines()
    assert lines[0].startswith(f"{shown}: ")
    assert not any(line.startswith(("000_", "001_", "002_", "003_")) for line in lines)
    assert lines[-1] == (f"4 other reports (not loaded in this run, and no failure of theirs reads one that was): "
                         f"{checked} identities checked, {checked - failed} passed, {failed} failed "
                         "(`rapportlager findings` lists them all)")
    assert failed > 0  # 000 and 003 print figures that do not add up


def test_findings_report_names_unchecked_columns(db):
    from pipelines.audit import findings_report, load_unchecked

    findings = db.execute("select * from audit.identity_findings").df()
    report = findings_report(findings, load_unchecked(db))
    assert ("  not checked: table 13 (line 1581 'Resultat 31 mars 2023 och prognos för helår 2023, belopp mnkr'): "
            "'Redovisat jan-mars 2023 Utgifter', 'Redovisat jan-mars 2023 Inkomster' — the total row prints no "
            "value in this column") in report.splitlines()


def test_suspects_name_the_shared_cell_and_leave_the_collector_on():
    import gc

    import pandas as pd

    from expectations.suspects import CellInfo, suspects

    # a (10) printed as 19. Identity 0: a + b − total = 19 + 20 − 30 = 9, fails; identity 1:
    # a − its copy in column 2 = 19 − 10 = 9, fails; identity 2: b − its copy in table 2 =
    # 20 − 20 = 0, holds. Correcting a makes 0 and 1 hold; correcting b breaks 2; correcting the
    # total or the copy makes one hold: a is the suspect of both failures.
    values = [("d|1|1|1", 19), ("d|1|2|1", 20), ("d|1|3|1", 30), ("d|1|1|2", 10), ("d|2|1|1", 20)]
    cells = {k: CellInfo(k, "r.txt", n, k, "Utfall", str(v), float(v), 0) for n, (k, v) in enumerate(values, 1)}
    identities = pd.DataFrame({
        "passed": pd.array([False, False, True], dtype="boolean"),
        "difference": [9.0, 9.0, 0.0],
        "tolerance": [1.0, 0.5, 0.5],
        "cell_keys": [["d|1|1|1", "d|1|2|1", "d|1|3|1"], ["d|1|1|1", "d|1|1|2"], ["d|1|2|1", "d|2|1|1"]],
        "cell_coefs": [[1.0, 1.0, -1.0], [1.0, -1.0], [1.0, -1.0]],
    })
    assert gc.isenabled()
    named = suspects(identities, cells)
    assert gc.isenabled()  # the collector, paused while suspects are named, runs again
    assert named[0].startswith("r.txt line 1: 'd|1|1|1' / 'Utfall' printed 19 (likely misprint: correcting it makes 2")
    assert named[1] == named[0]
    assert pd.isna(named[2])
