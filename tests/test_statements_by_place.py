"""Statements of an annual report and a month table, laid out in columns as `pdftotext -layout`
prints them (tests/data/statements_by_place.txt, written for this test, sums checked by hand).

Before, each misread a number or a name silently:
- the group names 'Kommunen   Koncernen' over a note column and years, with headings between
  the header and the first row, were the table's caption, its columns only '2024', '2023', …;
- a row that prints two notes ('14, 15') kept '14,' in its label and read 15 as its first value,
  each value one column to the right;
- in a table with a note column, '21 930' and '98 000' lost their thousands (21 and 98 were read
  as notes, 930 and 000 as values);
- 'Likvida medel, tkr' after a line of prose, under the same years, was read as the rest of the
  cash flow table;
- the year of 'Utfall 2024' was read as the January value, each month one column to the right;
- 'Enhet' over the unit each row prints after its label ('tim', 'kr') was read as a column of
  values, and '412 500' split in two to fill it.

Lines: balance sheet l.7-14 (groups l.7, names l.8); cash flow caption l.18, rows l.21-29; prose
l.31-32; 'Likvida medel, tkr' l.34, rows l.37-39; month table l.41-46; key figures l.48-53.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing import extract_document

TEXT = Path(__file__).parent / "data" / "statements_by_place.txt"


@pytest.fixture(scope="module")
def tables():
    return extract_document(TEXT.name, TEXT.read_bytes()).tables


def _cells(table, label):
    [row] = [r for r in table.rows if r.label == label]
    return row.line_no, [c.raw_text for c in row.cells]


def test_group_names_over_a_note_column_and_years_head_their_columns(tables):
    balance = tables[0]
    assert (balance.first_line, balance.last_line, balance.stub_header) == (7, 14, "Mnkr")
    assert balance.headers == ["Kommunen 2024", "Kommunen 2023", "Koncernen 2024", "Koncernen 2023"]
    # 3 102,8 = 2 914,6 + 188,2; 6 526,3 = 5 812,0 + 301,5 + 412,8
    assert _cells(balance, "Summa anläggningstillgångar") == (14, ["3 102,8", "3 028,2", "6 526,3", "6 109,0"])


def test_a_row_that_lists_two_notes_keeps_its_values_in_their_columns(tables):
    assert _cells(tables[0], "Maskiner och inventarier") == (12, ["188,2", "176,9", "301,5", "289,0"])


def test_a_number_one_space_before_a_group_of_three_is_no_note(tables):
    cash_flow = tables[1]
    assert (cash_flow.caption, cash_flow.unit, cash_flow.headers) == ("Kassaflödesanalys, tkr", "tkr", ["2024", "2023"])
    # 205 172 = 64 812 + 118 430 + 21 930; 55 500 = 98 000 − 42 500
    assert _cells(cash_flow, "Ökning av kortfristiga skulder") == (24, ["21 930", "9 815"])
    assert _cells(cash_flow, "Nyupptagna lån") == (27, ["98 000", "250 000"])
    # a note apart from its values is still a note
    assert _cells(cash_flow, "Justering för avskrivningar") == (23, ["118 430", "111 275"])


def test_a_caption_that_names_its_unit_begins_a_table_of_its_own(tables):
    cash_flow, liquid = tables[1], tables[2]
    assert cash_flow.last_line == 29
    assert (liquid.caption, liquid.unit, liquid.first_line, liquid.last_line) == ("Likvida medel, tkr", "tkr", 34, 39)
    assert [r.label for r in liquid.rows] == ["Kassa och bank", "Kortfristiga placeringar", "Summa likvida medel"]


def test_a_year_after_a_labels_word_ends_the_label(tables):
    months = tables[3]
    assert months.headers == ["Jan", "Feb", "Mar", "Apr", "Jan–apr"]
    assert [r.label for r in months.rows] == ["Utfall 2024", "Budget 2025", "Utfall 2025"]
    # 0,9 = −2,8 + 2,3 − 5,2 + 6,6
    assert _cells(months, "Utfall 2024") == (44, ["-2,8", "2,3", "-5,2", "6,6", "0,9"])


def test_a_name_over_the_units_the_labels_print_is_no_column_of_values(tables):
    measures = tables[4]
    assert (measures.caption, measures.first_line, measures.last_line) == ("Verksamhetsmått", 48, 53)
    assert measures.headers == ["Utfall 2024", "Mål 2025"]
    assert measures.stub_header == "Mått Enhet"
    # the unit stays with the label it is printed after
    assert _cells(measures, "Utförda hemtjänsttimmar tim") == (51, ["412 500", "420 000"])
    assert _cells(measures, "Besök i simhallen st") == (53, ["96 400", "100 000"])


def test_a_heading_after_the_reports_title_is_no_organisation(tables):
    # 'Årsredovisning 2024', a blank line, 'Balansräkning': the heading names a statement, not
    # the unit the report is about (a name right under the title would be: 000's 'Leanlink')
    assert [t.organisation for t in tables] == [None] * 5
