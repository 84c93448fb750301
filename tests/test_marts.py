"""The star schema: every number in exactly one fact row, comparatives on the same keys."""
from __future__ import annotations


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
