"""The star schema: every number in exactly one fact row, comparatives on the same keys."""
from __future__ import annotations

from pathlib import Path


def test_every_number_is_in_exactly_one_fact_row(db):
    # all printed cells of financial, personnel and volume tables, against the five facts
    raw = db.execute(
        """
        select count(*) from raw.cells c join raw.tables t using (document_id, table_no)
        where t.kind in ('key_figures', 'operating_statement', 'investments', 'personnel', 'volumes')
        """
    ).fetchone()[0]
    facts = db.execute(
        """
        select count(*), count(distinct (report_key, table_no, row_no, col_no)) from (
            select report_key, table_no, row_no, col_no from marts.fct_operating
            union all select report_key, table_no, row_no, col_no from marts.fct_investment
            union all select report_key, table_no, row_no, col_no from marts.fct_personnel
            union all select report_key, table_no, row_no, col_no from marts.fct_volume
        )
        """
    ).fetchone()
    assert facts == (raw, raw)


def test_same_quantity_in_two_reports_meets_on_one_join(db):
    # Leanlink's closed accounts 2022: -41 938 tkr in the March 2023 interim report (000 line
    # 2602) and -42 mkr as 'Utfall 2022' in the 2024 budget (004 line 339)
    rows = db.execute(
        """
        select a.source_file[1:3], a.amount_sek, b.source_file[1:3], b.amount_sek
        from marts.fct_operating a
        join marts.fct_operating b
          on a.organisation_key = b.organisation_key and a.line_item = b.line_item
         and a.period_key = b.period_key and a.row_role = b.row_role
         and a.report_key < b.report_key
        where a.organisation_key = 'Leanlink' and a.period_key = '2022-FY' and a.row_role = 'total'
          and a.measure_key in ('closed_accounts', 'actual') and b.measure_key in ('closed_accounts', 'actual')
        """
    ).fetchall()
    assert ("000", -41_938_000.0, "004", -42_000_000.0) in rows


def test_personnel_over_time(db):
    # VSS permanent employees: 492 in March 2022, 508 in March 2023 (000 line 1674), 504 at
    # the end of 2022 (002 line 1168)
    rows = dict(db.execute(
        """
        select period_key, value from marts.fct_personnel
        where organisation_key = 'Verksamhetsstöd och service' and statistic_key = 'permanent_employees'
          and measure_key = 'actual'
        """
    ).fetchall())
    assert rows == {"2022-M03": 492.0, "2023-M03": 508.0, "2022-FY": 504.0}


def test_investment_fact(db):
    # 000 line 482 'KS, ny simhall': forecast 2023 net 150,7 mnkr
    row = db.execute(
        """
        select organisation_key, investment_object, measure_key, flow, period_key, amount_sek
        from marts.fct_investment where source_file like '000%' and line_no = 482 and col_no = 5
        """
    ).fetchone()
    assert row == ("Kommunstyrelsen", "KS, ny simhall", "forecast", "net", "2023-FY", 150_700_000.0)


# --- issue 10: one sign convention, one preferred value per fact, rows classified as printed,
# organisations that roll up to the printed totals. Values below are read from the reports.


def test_one_sign_convention_leanlink_2020(db):
    # 001 line 93: key figures 'Verksamhetens nettokostnader -7 972 15 000 22 972' (net cost:
    # 22 972 = 15 000 - (-7 972)); line 321: 'Summa 7 972 -15 000 22 972 -25 157' (result:
    # 22 972 = 7 972 - (-15 000)). Both are a surplus of 7 972 tkr: net cost -7 972 000 SEK.
    rows = db.execute(
        """
        select line_no, raw_text, sign_convention, net_cost_sek from marts.fct_operating
        where source_file like '001%' and organisation_key = 'Leanlink' and line_item = 'net_cost'
          and measure_key = 'closed_accounts' and period_key = '2020-FY'
        order by line_no
        """
    ).fetchall()
    assert rows == [(93, "-7 972", "net_cost", -7_972_000.0), (321, "7 972", "result", -7_972_000.0)]


def test_one_sign_convention_blocks_of_one_table(db):
    # 000 lines 262-284: the staber print net costs (Kommunledningsstaben 23,4 26,3 2,9: 2,9 =
    # 26,3 - 23,4); VSS and Leanlink below the sum print results (footnote line 285; Leanlink
    # -29,7 -18,1 -11,6: -11,6 = -29,7 - (-18,1)).
    rows = dict(db.execute(
        """
        select line_no, sign_convention || ' ' || net_cost_sek from marts.fct_operating
        where source_file like '000%' and line_no in (266, 282, 284) and col_no = 1
        """
    ).fetchall())
    assert rows == {266: "net_cost 23400000.0", 282: "result 900000.0", 284: "result 29700000.0"}


def test_frame_row_is_a_measure_not_an_item(db):
    # 002 lines 750-761: items 'LKDATA – IT-utrustning 45 61 …' and 'Gemensamt –
    # tjänsteutveckling 0,5 0 …', 'Summa investeringar 45,5 61 …', then the council's frame
    # 'Investeringsram enligt beslut i KF 2023-06-13 45,5 61 60 …'. Budget 2024: items sum to 61.
    items_2024 = db.execute(
        """
        select sum(value) from marts.fct_investment_preferred
        where source_file like '002%' and period_key = '2024-FY' and measure_key = 'budget'
          and row_class = 'item'
        """
    ).fetchone()[0]
    assert items_2024 == 61.0
    frame = db.execute(
        """
        select measure_key, row_role, value from marts.fct_investment
        where source_file like '002%' and line_no = 761 and period_key = '2024-FY'
        """
    ).fetchall()
    assert frame == [("investment_frame", "frame", 61.0)]
    # 002 lines 679-680 'Budgetram enligt KF beslut …' is a frame of VSS, not an organisation
    budget_frame = db.execute(
        "select distinct measure_key, organisation_key from marts.fct_operating where source_file like '002%' and row_class = 'frame'"
    ).fetchall()
    assert budget_frame == [("budget_frame", "Verksamhetsstöd och service")]


def test_totals_keyed_to_the_organisation_their_items_belong_to(db):
    # 'Summa nettokostnader' of 000 lines 240, 278, 358 and 003 lines 120, 140 add up the staber
    # and Kommungemensamt (Kommunledningsförvaltningen); VSS and Leanlink are printed below.
    keys = db.execute(
        """
        select distinct organisation_key from marts.fct_operating
        where (source_file like '000%' and line_no in (240, 278, 358))
           or (source_file like '003%' and line_no in (120, 140))
        """
    ).fetchall()
    assert keys == [("Kommunledningsförvaltningen",)]
    parents = dict(db.execute(
        """
        select organisation_key, parent_organisation_key from marts.dim_organisation_by_report
        where report_key like '000%'
        """
    ).fetchall())
    assert parents["Ekonomistaben"] == "Kommunledningsförvaltningen"
    assert parents["Verksamhetsstöd och service"] == "Kommunstyrelsen"
    assert parents["Leanlink"] == "Kommunstyrelsen"


def test_leanlink_2020_rolls_up_with_its_kost_och_restaurang(db):
    # 001 lines 315-321: Råd & Stöd 13 550, LSS -12 290, Äldreomsorg 4 844, Idrott 836,
    # Kost & Restaurang 861, Ledning 171; Summa 7 972 (results). Kost & Restaurang was
    # Leanlink's in 2020 (VSS's in later reports).
    parent = db.execute(
        """
        select parent_organisation_key from marts.dim_organisation_by_report
        where report_key like '001%' and organisation_key = 'Kost och restaurang'
        """
    ).fetchone()
    assert parent == ("Leanlink",)
    later = db.execute(
        """
        select parent_organisation_key from marts.dim_organisation_by_report
        where report_key like '002%' and organisation_key = 'Kost och restaurang'
        """
    ).fetchone()
    assert later == ("Verksamhetsstöd och service",)
    summed = db.execute(
        """
        select sum(f.net_cost_sek) from marts.fct_operating_preferred f
        join marts.dim_organisation_by_report h using (report_key, organisation_key)
        where f.report_key like '001%' and h.parent_organisation_key = 'Leanlink'
          and f.measure_key = 'closed_accounts' and f.period_key = '2020-FY' and f.line_item = 'net_cost'
        """
    ).fetchone()[0]
    assert summed == -7_972_000.0


def test_varav_kostnader_are_gross_costs(db):
    # 002 lines 666-668: 'Kost och restaurang 6,1 0 …' and '- Varav kostnader 216,9 235,0 …'
    rows = db.execute(
        """
        select line_item, row_class, value from marts.fct_operating
        where source_file like '002%' and organisation_key = 'Kost och restaurang' and period_key = '2022-FY'
        order by line_no
        """
    ).fetchall()
    assert rows == [("net_cost", "item", 6.1), ("costs", "gross", 216.9)]


def test_year_in_text_is_no_value(db):
    # 000 lines 1029 and 1038: 'Genomförs ej 2023' — the survey is not carried out in 2023
    rows = db.execute(
        """
        select line_no, raw_text, value, value_is_year_text from marts.fct_indicator
        where source_file like '000%' and line_no in (1029, 1038) and raw_text = '2023'
        order by line_no
        """
    ).fetchall()
    assert rows == [(1029, "2023", None, True), (1038, "2023", None, True)]


def test_men_and_women_split_their_indicator(db):
    # 000 lines 1105-1108: 'Total sjukfrånvaro*, % 8,0 8,3 8,2 Minska' / 'Män 6,0 6,4 6,1' /
    # 'Kvinnor 8,6 8,9 8,9'
    rows = db.execute(
        """
        select indicator_key, gender, value from marts.fct_indicator
        where source_file like '000%' and line_no in (1107, 1108) and col_no = 1
        order by line_no
        """
    ).fetchall()
    assert rows == [("sick_leave", "men", 6.0), ("sick_leave", "women", 8.6)]
    keys = {r[0] for r in db.execute("select indicator_key from marts.dim_indicator").fetchall()}
    assert not keys & {"män", "kvinnor", "", "31_mars", "berga", "ryd", "skäggetorp"}


def test_dimensions_hold_only_what_they_name(db):
    orgs = {r[0] for r in db.execute("select organisation_key from marts.dim_organisation").fetchall()}
    not_organisations = {
        "KS, ny simhall", "IT utrustning", "Inventarier Ebbepark", "KS aktieägartillskott Stadshus AB",
        "Budgetram enligt KF beslut till budget 2024 med plan 2025-2029, 2023-06-13",
        "LKDATA – IT-utrustning", "Gemensamt – tjänsteutveckling", "Investeringsram enligt beslut i KF 2023-06-13",
        "KS, simhallen", "KS, civil beredskap", "KS, strat markreserv", "KS, egna lokaler", "KS, aktier Södra skog",
        "KS, civilt försvar",
    }
    assert not orgs & not_organisations
    # 'Verksamhetsområde Medborgare' (002 line 662) and '… medborgare' (000 line 1468): one key
    assert len([o for o in orgs if o.lower() == "verksamhetsområde medborgare"]) == 1
    assert db.execute("select count(*) from marts.dim_organisation where level is null").fetchone()[0] == 0
    objects = {r[0] for r in db.execute("select investment_object_key from marts.dim_investment_object").fetchall()}
    assert {"ks, ny simhall", "it utrustning"} <= objects
    # label-only headings are no facts and no organisations: 000 line 1584 'Gemensamt' heads
    # 'Inventarier Ebbepark', line 1580 'LKDATA' heads 'IT utrustning' (LKDATA's object)
    assert "Gemensamt" not in orgs
    assert db.execute(
        "select organisation_key from marts.fct_investment where source_file like '000%' and line_no = 1581 and col_no = 1"
    ).fetchone() == ("LKDATA",)
    activities = {r[0] for r in db.execute("select activity_key from marts.dim_activity").fetchall()}
    assert "31" not in activities and "270" in activities


def test_one_preferred_value_per_fact(db):
    key = "report_key, organisation_key, activity_key, line_item, sub_item, measure_key, period_key"
    duplicates = db.execute(
        f"select count(*) from (select {key} from marts.fct_operating_preferred group by all having count(*) > 1)"
    ).fetchone()[0]
    assert duplicates == 0
    assert db.execute(
        "select count(*) from marts.fct_operating where is_preferred"
    ).fetchone()[0] == db.execute("select count(*) from marts.fct_operating_preferred").fetchone()[0]
    # the README's example: one forecast per organisation and report; Kommunstyrelsen's own
    # line (000 line 342: 29,1) is apart from the 564,8 of Kommunledningsförvaltningen (line 358)
    rows = db.execute(
        """
        select organisation_key, value from marts.fct_operating_preferred
        where report_key like '000%' and measure_key = 'forecast' and line_item = 'net_cost'
          and organisation_key like 'Kommun%'
        order by organisation_key
        """
    ).fetchall()
    assert rows == [
        ("Kommungemensamt", 205.4), ("Kommunikation och utvecklingsstaben", 61.1),
        ("Kommunledningsförvaltningen", 564.8), ("Kommunledningsstaben", 101.9),
        ("Kommunstyrelsen (egen verksamhet)", 29.1),
    ]


def test_audit_status_on_the_facts(db):
    # 003 lines 112-120: the budgets jan-aug 2024 of Kommunstyrelsen and the staber (20,1 + 184,1
    # + 66,1 + 26,8 + 28,7 + 22,4 + 31,2 + 36,6) add up to 416,0, printed 417,0: suspect. 000
    # line 358 'Summa nettokostnader 564,8 618,5 …' adds up: passed.
    statuses = dict(db.execute(
        """
        select source_file[1:3] || ':' || line_no, audit_status from marts.fct_operating
        where ((source_file like '003%' and line_no = 120) or (source_file like '000%' and line_no = 358))
          and col_no = 2
        """
    ).fetchall())
    failing = db.execute(
        """
        select count(*) from audit.identity_findings
        where source_file like '003%' and line_no = 120 and col_no = 2 and not passed
        """
    ).fetchone()[0]
    assert failing > 0 and statuses == {"003:120": "suspect", "000:358": "passed"}


def test_audit_status_is_the_gx_decision(db):
    # every money fact in a cell of a finding GX failed is suspect; every fact whose findings
    # all passed is passed: one verdict, read from audit.identity_findings
    mismatches = db.execute(
        """
        with verdicts as (
            select unnest(cell_keys) as cell_key, bool_and(passed) as all_passed
            from audit.identity_findings where passed is not null group by 1
        ),
        facts as (
            select report_key || '|' || table_no || '|' || row_no || '|' || col_no as cell_key, audit_status
            from marts.fct_operating
            union all
            select report_key || '|' || table_no || '|' || row_no || '|' || col_no, audit_status
            from marts.fct_investment
        )
        select count(*) filter (where verdicts.all_passed is null and facts.audit_status <> 'unchecked'),
               count(*) filter (where verdicts.all_passed and facts.audit_status <> 'passed'),
               count(*) filter (where not verdicts.all_passed and facts.audit_status <> 'suspect'),
               count(*) filter (where facts.audit_status = 'suspect')
        from facts left join verdicts using (cell_key)
        """
    ).fetchone()
    assert mismatches[:3] == (0, 0, 0) and mismatches[3] > 0


def test_desired_direction_where_printed(db):
    # 002 line 989: a target printed '≤5,5' is a ceiling (lower is better)
    rows = {r[0] for r in db.execute(
        "select desired_direction from marts.fct_indicator where source_file like '002%' and line_no = 989"
    ).fetchall()}
    assert rows == {"decrease"}


ROLL_UP = """
with totals as (
    -- printed totals of organisations whose identity the audit says holds
    select * from {fact}_preferred
    where row_class = 'total' and organisation_key is not null and audit_status = 'passed'
      and measure_key not in ('deviation', 'forecast_change') and value is not null
),
contributions as (
    -- a child organisation's own figure in the report (item or total) …
    select t.report_key, t.table_no, t.row_no, t.col_no, f.net_cost_sek, f.rounding_sek
    from totals t
    join marts.dim_organisation_by_report h
      on h.report_key = t.report_key and h.parent_organisation_key = t.organisation_key
    join {fact}_preferred f
      on f.report_key = t.report_key and f.organisation_key = h.organisation_key
     and f.line_item = t.line_item and f.measure_key = t.measure_key and f.period_key = t.period_key
     and f.sub_item is null and f.row_class in ('item', 'total') and not f.is_outside_total {own_figure}
    {objects}
)
select t.source_file, t.line_no, t.organisation_key, t.measure_key, t.period_key, t.raw_text,
       t.net_cost_sek, sum(c.net_cost_sek), any_value(t.rounding_sek) + sum(c.rounding_sek), count(*), t.col_no
from totals t
join contributions c using (report_key, table_no, row_no, col_no)
group by all
order by 1, 2, 4, 5, 11
"""

OBJECTS = """
    union all
    -- … and, for investments, the objects of the organisation and of its children that print
    -- no figure of their own
    select t.report_key, t.table_no, t.row_no, t.col_no, f.net_cost_sek, f.rounding_sek
    from totals t
    join {fact}_preferred f
      on f.report_key = t.report_key and f.line_item = t.line_item and f.flow is not distinct from t.flow
     and f.measure_key = t.measure_key and f.period_key = t.period_key and f.row_class = 'item'
     and f.investment_object_key is not null and not f.is_outside_total
    where f.organisation_key = t.organisation_key
       or f.organisation_key in (
            select h.organisation_key from marts.dim_organisation_by_report h
            where h.report_key = t.report_key and h.parent_organisation_key = t.organisation_key
              and not exists (
                select 1 from {fact}_preferred o
                where o.report_key = t.report_key and o.organisation_key = h.organisation_key
                  and o.investment_object_key is null and o.row_class in ('item', 'total')
                  and o.line_item = t.line_item and o.flow is not distinct from t.flow
                  and o.measure_key = t.measure_key and o.period_key = t.period_key))
"""


def _rolled_up(db, fact):
    investments = fact.endswith("investment")
    sql = ROLL_UP.format(
        fact=fact,
        own_figure="and f.investment_object_key is null and f.flow is not distinct from t.flow" if investments else "",
        objects=OBJECTS.format(fact=fact) if investments else "",
    )
    return db.execute(sql).fetchall()


def test_items_roll_up_to_the_printed_totals(db):
    # Every printed total of an organisation whose column sum the audit passes, recomputed
    # from the marts alone: the preferred figures of its children in that report's hierarchy
    # (and, for investments, the objects), in net_cost_sek, within the printed rounding.
    operating = _rolled_up(db, "marts.fct_operating")
    investments = _rolled_up(db, "marts.fct_investment")
    wrong = [r for r in operating + investments if abs(r[6] - r[7]) > r[8] + 1e-6]
    assert wrong == []
    non_zero = [r for r in operating + investments if r[6] != 0]
    assert len({(r[0], r[1]) for r in non_zero}) >= 10  # printed total rows
    assert len(non_zero) >= 15  # printed totals (row and column)
    assert {r[0][:3] for r in non_zero} == {"000", "001", "002", "003", "004"}
    # hand-checked: 000 line 322 'Summa nettokostnader 564,8' (forecast 2023, the same total as
    # line 358: the preferred row is the first printed), 001 line 321
    # 'Summa 7 972' (a surplus: -7 972 000 SEK net cost), 003 line 220 'Summa investeringar …
    # 380,0' (forecast net 2024) and 004 line 339 'Summa förvaltningsbudget -42' (a deficit)
    # several columns of one measure and period (Utgifter, Inkomster, Netto): rows come in column
    # order, so the key keeps the last of them, the net
    got = {(r[0][:3], r[1], r[3], r[4]): r[6] for r in operating + investments}
    assert got[("000", 322, "forecast", "2023-FY")] == 564_800_000.0
    assert got[("001", 321, "closed_accounts", "2020-FY")] == -7_972_000.0
    assert got[("003", 220, "forecast", "2024-FY")] == 380_000_000.0
    assert got[("004", 339, "actual", "2022-FY")] == 42_000_000.0


def test_an_outcome_printed_by_two_reports_is_one_fact(db):
    # Leanlink's closed accounts 2022: 'Leanlink -76,1 0 -76,1 -41,9' (000 line 374, Bokslut
    # 2022 in mnkr, one decimal) and 'Summa förvaltningsbudget -42' (004 line 339, Utfall 2022 in
    # mkr, no decimals): both preferred in their report, the finer one across reports
    rows = db.execute(
        """
        select source_file[1:3], line_no, is_preferred, is_preferred_across_reports from marts.fct_operating
        where organisation_key = 'Leanlink' and line_item = 'net_cost' and period_key = '2022-FY'
          and measure_key in ('actual', 'closed_accounts') and is_preferred
        order by 1
        """
    ).fetchall()
    assert rows == [("000", 374, True, True), ("004", 339, True, False)]


def _dbt_test_on_a_copy(warehouse: Path, tmp_path: Path, monkeypatch, selected: list[str], change: list[str] = ()):
    """`dbt test --select <selected>` in this process on a copy of the built warehouse, after
    the statements of `change` ran on the copy; dbt's results."""
    import shutil

    import duckdb
    from dbt.cli.main import dbtRunner

    from pipelines.dbt_inprocess import close_dbt_duckdb
    from pipelines.settings import DBT_PROJECT_DIR, WAREHOUSE_ENV

    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy))
    for statement in change:
        con.execute(statement)
    con.close()
    monkeypatch.setenv(WAREHOUSE_ENV, str(copy))
    try:
        return dbtRunner().invoke(["--quiet", "test", "--select", *selected, "--project-dir", str(DBT_PROJECT_DIR),
                                   "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(tmp_path / "target"),
                                   "--log-path", str(tmp_path / "logs")]).result
    finally:
        close_dbt_duckdb()


def test_dbts_unit_tests_pass_and_runs_leave_them_out(warehouse, tmp_path, monkeypatch):
    """The unit tests of the models' SQL (YAML `unit_tests:`) run here, on a copy of a built
    warehouse (dbt reads the input models' columns from it); a run's builds leave them out."""
    from pipelines.settings import DBT_PROJECT_DIR

    results = _dbt_test_on_a_copy(warehouse, tmp_path, monkeypatch, ["test_type:unit"])
    assert sorted((r.node.unique_id, r.status) for r in results) == [
        ("unit_test.rapportlager.int_identity_column_sums.a_grand_total_adds_every_item_above", "pass"),
        ("unit_test.rapportlager.int_identity_column_sums.a_running_total_adds_the_total_before_its_block", "pass"),
        ("unit_test.rapportlager.int_identity_net_columns.net_columns_in_each_printed_convention", "pass"),
        ("unit_test.rapportlager.int_money_facts.net_cost_sek_is_one_convention", "pass")]
    build_log = (DBT_PROJECT_DIR / "logs" / "dbt-build.log").read_text(encoding="utf-8")
    assert "net_cost_sek_is_one_convention" not in build_log
    assert "a_running_total_adds_the_total_before_its_block" not in build_log
    assert "a_grand_total_adds_every_item_above" not in build_log


def test_the_combined_key_tests_fail_on_a_key_twice_missing_or_unknown(warehouse, tmp_path, monkeypatch):
    """Three generic tests (tests/generic) each do two of dbt's in one node: `primary_key`
    (unique, not_null), `required_reference` (not_null, relationships) and `required_value`
    (not_null, accepted_values). Each fails on either fault; a column left as built passes."""
    change = [
        "insert into marts.dim_report select * from marts.dim_report where report_key = '000_622320416ec5c662.txt'",
        "update marts.dim_measure set measure_key = null where measure_key = 'budget'",  # a key missing
        """update marts.fct_indicator set indicator_key = 'no_such_indicator'
           where (report_key, table_no, row_no, col_no) in (select (report_key, table_no, row_no, col_no)
                                                            from marts.fct_indicator limit 1)""",
        """update marts.fct_personnel set statistic_key = null
           where (report_key, table_no, row_no, col_no) in (select (report_key, table_no, row_no, col_no)
                                                            from marts.fct_personnel limit 2)""",
        "update marts.fct_operating set row_class = 'subtotal' where row_class = 'frame'",
        "update marts.fct_investment set audit_status = null where audit_status = 'unchecked'",
    ]
    selected = [f"test_name:{test},{model}" for test, model in (
        ("primary_key", "dim_report"), ("primary_key", "dim_measure"), ("primary_key", "dim_period"),
        ("required_reference", "fct_indicator"), ("required_reference", "fct_personnel"),
        ("required_value", "fct_operating"), ("required_value", "fct_investment"))]
    results = _dbt_test_on_a_copy(warehouse, tmp_path, monkeypatch, selected, change)
    failed = sorted((r.node.name, r.failures) for r in results if r.status == "fail")
    passed = {r.node.name for r in results if r.status == "pass"}
    assert failed == [
        ("primary_key_dim_measure_measure_key", 1),
        ("primary_key_dim_report_report_key", 1),
        ("primary_key_dim_report_source_file", 1),
        ("required_reference_fct_indicator_indicator_key__indicator_key__ref_dim_indicator_", 1),
        ("required_reference_fct_personnel_statistic_key__indicator_key__ref_dim_indicator_", 2),  # a row each
        # a group per wrong value: 'subtotal' in the frame rows of fct_operating, null in fct_investment
        ("required_value_fct_investment_audit_status__passed__suspect__unchecked", 1),
        ("required_value_fct_operating_row_class__item__total__part__gross__frame", 1),
    ]
    assert {"primary_key_dim_period_period_key", "required_value_fct_operating_sign_convention__net_cost__result"} <= passed
