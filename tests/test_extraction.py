"""Extraction on the real reports: values checked by hand against the report text."""
from __future__ import annotations

import pytest

from pipelines.parsing import extract_file
from pipelines.parsing.extract import extract_document


def table_with(doc, line_no):
    """The table that holds a value printed on `line_no`."""
    for t in doc.tables:
        for r in t.rows:
            if r.line_no == line_no and r.cells:
                return t, r
    raise AssertionError(f"no row on line {line_no}")


def values(row):
    return {c.col_no: (c.raw_text, c.value) for c in row.cells}


@pytest.fixture(scope="module")
def ks_2023(report_path):
    return extract_file(report_path("000"))


def test_ks_forecast_total_row(ks_2023):
    # 000 line 322: "Summa nettokostnader 564,8 618,5 53,7 554,9" under the caption on line 286
    table, row = table_with(ks_2023, 322)
    assert table.caption == "Driftsammandrag verksamhet för prognos för helår 2023, belopp mnkr"
    assert table.unit == "mnkr"
    assert table.kind == "operating_statement"
    assert table.headers == ["Prognos helår", "Budget 2023", "Avvikelse", "Bokslut 2022"]
    assert row.label == "Summa nettokostnader" and row.role == "total"
    assert values(row) == {1: ("564,8", 564.8), 2: ("618,5", 618.5), 3: ("53,7", 53.7), 4: ("554,9", 554.9)}


def test_broken_header_is_rejoined(ks_2023):
    # 000 lines 2553-2570: the header is printed one or two words a line, with "före-/gående"
    table, _ = table_with(ks_2023, 2579)
    assert table.headers == [
        "Redovisat jan-mars 2023",
        "Budget jan-mars 2023",
        "Avvikelse",
        "Redovisat samma period föregående år",
    ]
    assert table.unit == "tkr"
    assert table.organisation == "Leanlink"


def test_leanlink_year_to_date_total(ks_2023):
    # 000 line 2579: "Summa nettokostnader -29 736 -18 177 -11 559 -41 938"
    _, row = table_with(ks_2023, 2579)
    assert values(row) == {
        1: ("-29 736", -29736.0),
        2: ("-18 177", -18177.0),
        3: ("-11 559", -11559.0),
        4: ("-41 938", -41938.0),
    }


def test_sign_printed_apart_from_number(ks_2023):
    # 000 line 2598: "LSS Funktionsstöd -291 408 -280 823 -10 576 - 20 347"
    _, row = table_with(ks_2023, 2598)
    assert values(row)[4] == ("- 20 347", -20347.0)


def test_row_with_a_blank_column_is_placed_by_its_layout(ks_2023):
    # 000 line 2604: "varav kostnader 1 686 182 1 688 129  1 657 144": the deviation is blank
    _, row = table_with(ks_2023, 2604)
    assert row.role == "of_which"
    assert values(row) == {1: ("1 686 182", 1686182.0), 2: ("1 688 129", 1688129.0), 4: ("1 657 144", 1657144.0)}
    # 000 line 1587: " Summa investeringar   85  85 60,5 -24,5" in a table of seven columns
    _, row = table_with(ks_2023, 1587)
    assert sorted(values(row)) == [3, 5, 6, 7]
    assert values(row)[5] == ("85", 85.0)


def test_investment_header_of_three_levels(ks_2023):
    # 000 lines 455-467: two header levels plus a row of years
    table, row = table_with(ks_2023, 488)
    assert table.kind == "investments"
    assert table.headers[0] == "Redovisat jan-mar 2023 Utgifter"
    assert table.headers[4] == "Prognos 2023 Netto"
    assert table.headers[5] == "Investeringsram 2023"
    assert table.headers[6] == "Avvikelse"
    assert values(row)[7] == ("-24,0", -24.0)
    # the 'varav' rows under the heading "Kommunstyrelsen" are its parts
    heading_rows = [r for r in table.rows if r.parent_heading == "Kommunstyrelsen" and r.role == "of_which"]
    assert [r.label for r in heading_rows] == ["varav KLF", "varav VSS", "varav Leanlink"]


def test_activity_codes_stay_in_the_label(ks_2023):
    _, row = table_with(ks_2023, 218)
    assert row.label == "100/130 Politisk verksamhet"
    _, row = table_with(ks_2023, 314)
    assert row.label == "51* Vård och omsorg"


def test_personnel_table(ks_2023):
    # 000 line 565: "Antal tillsvidare anställda 143 144 136 130 127" under "Personal 2019 … 2023"
    table, row = table_with(ks_2023, 565)
    assert table.kind == "personnel"
    assert table.headers == ["2019", "2020", "2021", "2022", "2023"]
    assert [c.value for c in row.cells] == [143, 144, 136, 130, 127]


def test_document_metadata(ks_2023, report_path):
    meta = ks_2023.meta
    assert meta.report_kind == "delarsrapport"
    assert str(meta.period_end) == "2023-03-31"
    assert meta.fiscal_year == 2023
    assert meta.organisation == "Kommunstyrelsen"
    # 'Linköpings kommun' 11 times in 000; once in 001, as 'Linköpings kommuns reglemente'
    assert meta.publisher == "Linköpings kommun"
    vb = extract_file(report_path("001")).meta
    assert vb.publisher == "Linköpings kommun"
    assert (vb.report_kind, vb.fiscal_year, str(vb.period_end), vb.organisation) == (
        "verksamhetsberattelse", 2020, "2020-12-31", "Leanlink")
    budget = extract_file(report_path("002")).meta
    assert (budget.report_kind, budget.fiscal_year, budget.organisation) == (
        "forvaltningsbudget", 2024, "Verksamhetsstöd och service")


def test_percent_cells(report_path):
    # 001 line 225: "Total sjukfrånvaro 10,5 % 8,0 % 7,0 %"
    doc = extract_file(report_path("001"))
    _, row = table_with(doc, 225)
    assert [(c.raw_text, c.value, c.is_percent) for c in row.cells] == [
        ("10,5 %", 10.5, True), ("8,0 %", 8.0, True), ("7,0 %", 7.0, True)]


def test_tab_layout(report_path):
    doc = extract_file(report_path("003"))
    # 003 line 140: "Summa nettokostnader\t641,0\t649,0\t8,0\t506,8"
    table, row = table_with(doc, 140)
    assert table.headers == ["Prognos helår", "Budget 2024", "Avvikelse", "Bokslut 2023"]
    assert table.caption == "Driftsammandrag för prognos för helår 2024, belopp mnkr"
    assert values(row) == {1: ("641,0", 641.0), 2: ("649,0", 649.0), 3: ("8,0", 8.0), 4: ("506,8", 506.8)}
    # 003 line 141: the row is wrapped in <i> tags
    _, row = table_with(doc, 141)
    assert row.label == "varav kostnader" and row.role == "of_which"
    assert values(row)[1] == ("704,0", 704.0)
    # 003 line 86: the last cell is empty
    _, row = table_with(doc, 86)
    assert sorted(values(row)) == [1, 2, 3]
    # 003 line 213: soft hyphen in a header cell, "Investe- ringsram 2024"
    table, _ = table_with(doc, 213)
    assert table.headers[5] == "Investeringsram 2024"


def test_unit_in_a_tab_header_cell(report_path):
    # 004 line 334: "Nettokostnad, belopp mkr\tUtfall 2022\tBudget 2023 …"; line 340 prints "1637"
    doc = extract_file(report_path("004"))
    table, row = table_with(doc, 340)
    assert table.unit == "mkr"
    assert table.headers[0] == "Utfall 2022" and table.headers[-1] == "Plan 2029"
    assert values(row)[1] == ("1 657", 1657.0)
    assert values(row)[4] == ("1637", 1637.0)


def test_dash_bulleted_row_is_a_part_not_an_item(report_path):
    # 002 line 656: "- Tillkommande Coronauppdrag 8,5" is a part of the row above
    doc = extract_file(report_path("002"))
    _, row = table_with(doc, 656)
    assert row.role == "of_which"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_crlf_and_windows_1252_give_the_same_cells(report_path, prefix):
    path = report_path(prefix)
    text = path.read_text(encoding="utf-8")
    expected = _cells(extract_file(path))
    crlf = extract_document(path.name, text.replace("\n", "\r\n").encode("utf-8"))
    assert _cells(crlf) == expected
    # the same text saved as Windows-1252 (characters it lacks, like '≥', become '?' in both)
    representable = text.encode("cp1252", errors="replace").decode("cp1252")
    expected = _cells(extract_document(path.name, representable.encode("utf-8")))
    cp1252 = extract_document(path.name, representable.encode("cp1252"))
    assert _cells(cp1252) == expected
    assert any("Ö" in c[2] or "ö" in c[2] or "ä" in c[2] for c in expected)


def _cells(doc):
    return [
        (t.table_no, r.row_no, r.label, c.col_no, c.line_no, c.raw_text, c.value)
        for t in doc.tables
        for r in t.rows
        for c in r.cells
    ]


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_tab_tables_relaid_with_spaces_give_the_same_cells(report_path, prefix):
    # the same report with every tab-separated row printed with single spaces between cells
    from pathlib import Path

    from pipelines.accuracy import compare, read_expected

    path = report_path(prefix)
    text = path.read_text(encoding="utf-8")
    spaced = "\n".join(
        " ".join(c for c in line.split("\t") if c.strip()) if "\t" in line else line for line in text.split("\n")
    )
    doc = extract_document(path.name, spaced.encode("utf-8"))
    expected = read_expected(Path(__file__).parent / "expected" / f"{prefix}.tsv")
    result = compare(doc, expected, {"key_figures", "operating_statement", "investments", "personnel", "volumes"})
    assert result.expected > 100
    assert result.problems == []


def test_table_cut_by_a_page_break_with_its_header_repeated(ks_2023, report_path):
    # 000's forecast statement (caption line 286) cut after '270 Räddningstjänst' (line 308):
    # page number, then the header printed again, then the rest of the rows
    path = report_path("000")
    lines = path.read_text(encoding="utf-8").split("\n")
    repeated = ["", "6 (18) ", "", "Prognos ", "helår ", "", "Budget ", "2023 ", "", "Avvikelse Bokslut ", "2022 ", ""]
    cut = lines[:308] + repeated + lines[308:]
    doc = extract_document(path.name, "\n".join(cut).encode("utf-8"))
    original, _ = table_with(ks_2023, 322)
    table, row = table_with(doc, 322 + len(repeated))
    assert table.headers == original.headers
    assert [r.label for r in table.rows if r.cells] == [r.label for r in original.rows if r.cells]
    assert [c.raw_text for r in table.rows for c in r.cells] == [c.raw_text for r in original.rows for c in r.cells]


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_space_tables_relaid_with_tabs_give_the_same_cells(report_path, prefix):
    # the PDF-text reports with their financial, personnel and volume tables printed as tab
    # rows: one tab header line, and each row 'label<TAB>value<TAB>…' with the label and values
    # of the hand-written expected file (tables whose values sit on lines of their own are left out)
    from pathlib import Path

    from pipelines.accuracy import compare, read_expected

    kinds = {"key_figures", "operating_statement", "investments", "personnel", "volumes"}
    path = report_path(prefix)
    lines = path.read_text(encoding="utf-8").split("\n")
    expected = [e for e in read_expected(Path(__file__).parent / "expected" / f"{prefix}.tsv") if e.kind in kinds]
    stacked = {e.line_no for e in expected if e.value_line != e.line_no}
    rows: dict[int, tuple[str, dict[int, str]]] = {}
    for e in expected:
        if e.line_no not in stacked:
            rows.setdefault(e.line_no, (e.label, {}))[1][e.col_no] = e.raw_text
    relaid = list(lines)
    left_out: set[int] = set()
    for table in extract_file(path).tables:
        if table.kind not in kinds:
            continue
        if any(r.line_no in stacked for r in table.rows):
            left_out.update(range(table.first_line, table.last_line + 1))
            continue
        first_row = min(min(r.line_no, r.label_first_line) for r in table.rows if r.cells)
        header_start = table.first_line + (1 if table.caption else 0)
        for k in range(header_start, first_row):
            relaid[k - 1] = ""
        relaid[header_start - 1] = "\t" + "\t".join(table.headers)
        for r in table.rows:
            if r.line_no in rows:
                label, cells = rows[r.line_no]
                for k in range(r.label_first_line, r.line_no):
                    relaid[k - 1] = ""
                relaid[r.line_no - 1] = label + "\t" + "\t".join(cells.get(c, "") for c in range(1, len(table.headers) + 1))
    doc = extract_document(path.name, "\n".join(relaid).encode("utf-8"))
    result = compare(doc, [e for e in expected if e.line_no not in left_out], kinds)
    assert result.expected > 100
    assert result.problems == []


def test_a_report_of_another_committee_never_seen():
    # tests/data/unseen_kultur_och_fritid.txt: a short report written for this test in the
    # layouts of the real ones (PDF text): key figures, a statement per activity under
    # 'Driftredovisning', and an indicator table whose header is broken one word a line
    from pathlib import Path

    doc = extract_file(Path(__file__).parent / "data" / "unseen_kultur_och_fritid.txt")
    assert doc.meta.organisation == "Kultur- och fritidsnämnden"
    assert doc.meta.fiscal_year == 2024
    kinds = [t.kind for t in doc.tables]
    assert kinds == ["key_figures", "operating_statement", "indicators"]
    statement = doc.tables[1]
    assert statement.unit == "tkr"
    assert statement.headers == ["Budget 2024", "Utfall jan-aug 2024", "Avvikelse"]
    assert [(r.label, r.role, [c.value for c in r.cells]) for r in statement.rows] == [
        ("Bibliotek", "item", [45200, 29800, 15400]),
        ("Fritidsgårdar", "item", [30100, 21050, 9050]),
        ("Summa", "total", [75300, 50850, 24450]),
    ]
    indicators = doc.tables[2]
    assert indicators.headers == ["2022", "2023", "Augusti 2024", "Målvärde 2024"]
    rows = {r.label: {c.col_no: c.raw_text for c in r.cells} for r in indicators.rows if r.cells}
    assert rows == {
        "Andel besökare som är nöjda med besöket (%)": {1: "82", 2: "85", 3: "I.U.", 4: "90"},
        "Antal utlån per invånare": {1: "5,1", 2: "4,9", 3: "3,2", 4: "5,5"},
    }


def test_a_tab_report_of_another_committee_never_seen():
    # tests/data/unseen_tekniska_tab.txt, written for this test in the tab layout: three tables
    # one after the other, each with its caption and a tab header line of its own columns
    from pathlib import Path

    doc = extract_file(Path(__file__).parent / "data" / "unseen_tekniska_tab.txt")
    assert doc.meta.organisation == "Tekniska nämnden"
    assert [(t.kind, t.unit, t.first_line, t.last_line) for t in doc.tables] == [
        ("operating_statement", "mnkr", 4, 8),
        ("investments", "mnkr", 10, 14),
        ("personnel", None, 16, 19),
    ]
    investments = doc.tables[1]
    assert investments.headers == ["Budget 2024", "Prognos 2024", "Avvikelse"]
    assert [(r.label, r.role, [c.raw_text for c in r.cells]) for r in investments.rows] == [
        ("510 Gator", "item", ["30,0", "28,5", "1,5"]),
        ("520 Broar", "item", ["12,0", "14,0", "-2,0"]),
        ("Summa investeringar", "total", ["42,0", "42,5", "-0,5"]),
    ]
    personnel = doc.tables[2]
    assert personnel.headers == ["Augusti 2023", "Augusti 2024"]
    assert [(r.label, [c.raw_text for c in r.cells]) for r in personnel.rows if r.cells] == [
        ("Tillsvidareanställda", ["312", "305"]),
        ("Sjukfrånvaro (%)", ["6,1 %", "5,8 %"]),
    ]


def test_thousands_parted_by_a_thin_space_lose_no_value():
    # '1 012,4' printed with a thin space (U+2009) was no number: the row lost its first value
    # and its other two moved left
    text = (
        "Driftredovisning per nämnd, mnkr\n\n"
        "Nämnd                      Budget 2025     Utfall 2025     Avvikelse\n"
        "Kommunstyrelsen              1\u2009012,4           998,2          14,2\n"
        "Socialnämnden                  845,0           851,3          -6,3\n"
        "Summa                        1\u2009857,4         1\u2009849,5           7,9\n"
    )
    table = extract_document("thin.txt", text.encode()).tables[0]
    rows = {r.label: values(r) for r in table.rows}
    assert rows["Kommunstyrelsen"] == {1: ("1\u2009012,4", 1012.4), 2: ("998,2", 998.2), 3: ("14,2", 14.2)}
    # 1 012,4 + 845,0 = 1 857,4; 998,2 + 851,3 = 1 849,5
    assert rows["Summa"] == {1: ("1\u2009857,4", 1857.4), 2: ("1\u2009849,5", 1849.5), 3: ("7,9", 7.9)}


def test_an_em_dash_or_two_dots_is_an_empty_cell_in_its_column():
    # typeset reports print an empty cell as '—'; statistics print '..' for "not available".
    # Before, either ended the values read from the line's end: the label took them and the
    # values before them
    text = (
        "Antal elever per skolform\n\n"
        "Skolform                 2023      2024      2025\n"
        "Grundskola              4 210     4 305     4 398\n"
        "Gymnasieskola           1 180        —      1 260\n"
        "Vuxenutbildning           ..        620       655\n"
        "Summa                   5 390     4 925     6 313\n"
    )
    rows = {r.label: values(r) for r in extract_document("dash.txt", text.encode()).tables[0].rows}
    assert rows["Gymnasieskola"] == {1: ("1 180", 1180.0), 2: ("—", None), 3: ("1 260", 1260.0)}
    assert rows["Vuxenutbildning"] == {1: ("..", None), 2: ("620", 620.0), 3: ("655", 655.0)}


def test_a_table_of_a_units_revenues_and_costs_is_an_operating_statement():
    # a unit's 'Verksamhetens intäkter och kostnader' (no committee among its rows): its
    # deviations are then checked as an operating statement's
    text = (
        "Verksamhetens intäkter och kostnader, tkr\n\n"
        "                          Utfall 2024    Budget 2025    Utfall 2025    Avvikelse\n"
        "Intäkter                      -45 120        -46 000        -47 310        1 310\n"
        "Personalkostnader             198 300        201 500        203 900       -2 400\n"
        "Övriga kostnader               56 820         58 500         59 010         -510\n"
        "Nettokostnad                  210 000        214 000        215 600       -1 600\n"
    )
    table = extract_document("unit.txt", text.encode()).tables[0]
    assert (table.kind, table.unit) == ("operating_statement", "tkr")


@pytest.mark.parametrize("unit_words, unit", [
    ("tusentals kronor", "tkr"), ("Tusental kronor", "tkr"), ("tusen kr", "tkr"), ("TSEK", "tkr"),
    ("miljoner kr", "mnkr"), ("MSEK", "mnkr"),
    ("miljarder kronor", "mdkr"), ("mdkr", "mdkr"),
    ("kronor", "kr"),
])
def test_the_unit_a_caption_names_in_any_common_spelling(unit_words, unit):
    # 'tusentals kronor' was read as its last word, 'kronor': amounts a thousand times too small;
    # 'miljoner kr', 'MSEK' and 'mdkr' were no unit at all
    text = (
        f"Driftredovisning per nämnd ({unit_words})\n\n"
        "Nämnd                       Budget 2025    Prognos 2025\n"
        "Kommunstyrelsen                  -151,0          -148,2\n"
        "Socialnämnden                    -515,2          -527,4\n"
    )
    assert extract_document("unit.txt", text.encode()).tables[0].unit == unit


@pytest.mark.parametrize("stub", ["Nämnd, mnkr", "Belopp i mnkr", "Mnkr"])
def test_a_unit_in_the_stub_of_a_headers_last_line_keeps_the_line_above(stub):
    # 'Budget  Utfall' over '<stub naming the unit>  helår  jan–aug  Avvikelse': the last line
    # was taken as the whole header, its upper line as the caption: the columns were named
    # 'helår', 'jan–aug', 'Avvikelse', and the table was of kind other
    text = (
        "Driftredovisning\n\n"
        "                                    Budget      Utfall\n"
        f"{stub:<36}helår    jan–aug  Avvikelse\n"
        "Förskola                         -132,0       -86,2       45,8\n"
        "Grundskola                       -246,5      -166,5       80,0\n"
        "Summa                            -378,5      -252,7      125,8\n"
    )
    table = extract_document("stub.txt", text.encode()).tables[0]
    assert table.headers == ["Budget helår", "Utfall jan–aug", "Avvikelse"]
    assert (table.caption, table.stub_header, table.unit, table.kind) == (
        "Driftredovisning", stub, "mnkr", "operating_statement")


def test_a_total_named_at_the_end_of_its_label_and_a_darav_row():
    # 'Nämnderna totalt' sums the committees, 'Kommunen totalt' adds the central items; 'därav'
    # is 'varav' in another spelling: a part of the row above, added into no total. Before,
    # all three were items, so the table's column sums failed.
    # 145,2 + 845,0 = 990,2 (of which 512,0 in the row below Socialnämnden); 990,2 + 35,0 = 1 025,2
    text = (
        "Driftredovisning, mnkr\n\n"
        "Nämnd                        Budget 2025    Prognos 2025    Avvikelse\n"
        "Kommunstyrelsen                    145,2           143,0          2,2\n"
        "Socialnämnden                      845,0           851,3         -6,3\n"
        "  därav äldreomsorg                512,0           520,4         -8,4\n"
        "Nämnderna totalt                   990,2           994,3         -4,1\n"
        "Finansförvaltningen                 35,0            30,0          5,0\n"
        "Kommunen totalt                  1 025,2         1 024,3          0,9\n"
    )
    rows = {r.label: r.role for r in extract_document("totalt.txt", text.encode()).tables[0].rows}
    assert rows == {
        "Kommunstyrelsen": "item", "Socialnämnden": "item", "därav äldreomsorg": "of_which",
        "Nämnderna totalt": "total", "Finansförvaltningen": "item", "Kommunen totalt": "total",
    }


def test_columns_of_revenues_and_costs_beside_a_stub_that_names_the_unit():
    # 'Intäkter', 'Kostnader', 'Utgift', 'Inkomst' are no measures: before, a line of them beside
    # 'Verksamhet, tkr' was no header (columns 'Kolumn 1' …) and became the caption
    text = (
        "Driftredovisning\n\n"
        "Verksamhet, tkr            Intäkter   Kostnader       Netto  Periodbudget   Avvikelse\n"
        "Förskola                     12 410     -98 640     -86 230       -88 000       1 770\n"
        "Grundskola                    9 880    -176 420    -166 540      -164 300      -2 240\n"
        "Summa                        22 290    -275 060    -252 770      -252 300        -470\n"
    )
    table = extract_document("flows.txt", text.encode()).tables[0]
    assert table.headers == ["Intäkter", "Kostnader", "Netto", "Periodbudget", "Avvikelse"]
    assert (table.caption, table.stub_header, table.unit) == ("Driftredovisning", "Verksamhet, tkr", "tkr")


def test_a_number_printed_one_space_after_a_label_and_far_from_the_values_is_the_labels():
    # 'etapp 2' then a wide space: the row prints one value more than the table has columns.
    # Before, '2' was the first column's value and every value moved one column right
    text = (
        "Investeringsprojekt, tkr        Utgift   Inkomst     Netto    Budget  Avvikelse\n"
        "Ny förskola Norrby, etapp 2      18 450         0    18 450    22 000      3 550\n"
        "Ombyggnad Centralskolan           9 212    -1 500     7 712     8 000        288\n"
        "Summa                            27 662    -1 500    26 162    30 000      3 838\n"
    )
    rows = {r.label: values(r) for r in extract_document("etapp.txt", text.encode()).tables[0].rows}
    assert rows["Ny förskola Norrby, etapp 2"] == {
        1: ("18 450", 18450.0), 2: ("0", 0.0), 3: ("18 450", 18450.0), 4: ("22 000", 22000.0), 5: ("3 550", 3550.0)}


def test_a_balance_sheet_with_a_note_column_and_dates_for_column_names():
    # 'Balansräkning, mnkr   Not   2024-12-31   2023-12-31': before, no header was read (the
    # dates named no column), the note numbers were the first column's values and the sentence
    # above was the caption. 4,2 + 2 412,8 = 2 417,0;  5,1 + 2 298,4 = 2 303,5
    text = (
        "Balansomslutningen ökade under året med 106,7 mnkr till 3 210,1 mnkr.\n\n"
        "Balansräkning, mnkr                                   Not    2024-12-31    2023-12-31\n"
        "Anläggningstillgångar\n"
        "  Immateriella anläggningstillgångar                   10           4,2           5,1\n"
        "  Mark, byggnader och tekniska anläggningar            11       2 412,8       2 298,4\n"
        "Summa anläggningstillgångar                                   2 417,0       2 303,5\n"
    )
    table = extract_document("balans.txt", text.encode()).tables[0]
    assert table.headers == ["2024-12-31", "2023-12-31"]
    assert (table.caption, table.stub_header, table.unit) == (None, "Balansräkning, mnkr", "mnkr")
    rows = {r.label: values(r) for r in table.rows}
    assert rows["Immateriella anläggningstillgångar"] == {1: ("4,2", 4.2), 2: ("5,1", 5.1)}
    assert rows["Summa anläggningstillgångar"] == {1: ("2 417,0", 2417.0), 2: ("2 303,5", 2303.5)}


def test_footnote_marks_printed_as_1_bracket_or_in_brackets_leave_the_label():
    # '… förskola 1)' and '… inskrivet barn (1)' mark footnotes printed under the table as
    # '1) Inklusive …' and '(1) Exklusive …': the label is the words, the mark the cells'
    text = (
        "Volymer                                 Utfall 2024   Budget 2025   Prognos 2025\n"
        "Antal barn i förskola 1)                      1 412         1 450          1 445\n"
        "Kostnad per inskrivet barn, kr (2)          168 400       172 900        178 300\n"
        "Antal elever i grundskolan                    4 210         4 305          4 398\n"
        "\n"
        "1) Inklusive barn i pedagogisk omsorg hos dagbarnvårdare.\n"
        "(2) Exklusive lokalkostnader för förskolans egna lokaler.\n"
    )
    rows = extract_document("marks.txt", text.encode()).tables[0].rows
    assert [(r.label, {c.footnote for c in r.cells}) for r in rows] == [
        ("Antal barn i förskola", {"1"}),
        ("Kostnad per inskrivet barn, kr", {"2"}),
        ("Antal elever i grundskolan", {None}),
    ]


def test_a_heading_of_its_own_that_names_a_committee_begins_its_section():
    # each committee's part of a report opens with its name as a heading; before, every table
    # took the organisation of the report's first section
    table = (
        "Ekonomiskt utfall, mnkr              Budget 2025   Prognos 2025   Avvikelse\n"
        "{a:<37}{b}\n"
        "Summa                                      {s}\n"
    )
    text = (
        "Delårsrapport januari–augusti 2025\nKommunstyrelsen\n\n"
        + table.format(a="Kansli", b="       98,2           97,5         0,7", s="98,2           97,5         0,7")
        + "\nSocialnämnden\n\n"
        "Nämnden redovisar ett underskott mot budget, främst inom äldreomsorgen i år.\n\n"
        + table.format(a="Äldreomsorg", b="      640,0          652,3       -12,3", s="640,0          652,3       -12,3")
        + "\nBarn- och utbildningsnämnden\n\n"  # no paragraph: the heading alone parts the tables
        + table.format(a="Förskola", b="      260,0          258,1         1,9", s="260,0          258,1         1,9")
    )
    doc = extract_document("sections.txt", text.encode())
    assert [t.organisation for t in doc.tables] == ["Kommunstyrelsen", "Socialnämnden", "Barn- och utbildningsnämnden"]


def test_negative_amounts_printed_in_brackets():
    # accounts print a negative amount in brackets: '(2 318,4)' is −2 318,4 (its raw_text is as
    # printed). A footnote '(1)' or a year '(2023)' in a label, and a bracket in running
    # text, are no amounts. 412,6 − 2 318,4 − 96,2 = −2 002,0; 398,0 − 2 290,5 − 98,0 = −1 990,5
    text = (
        "Resultaträkning, mnkr                      Not   Utfall 2024   Budget 2024\n"
        "Verksamhetens intäkter                       2         412,6         398,0\n"
        "Verksamhetens kostnader                      3     (2 318,4)     (2 290,5)\n"
        "Avskrivningar                                4        (96,2)        (98,0)\n"
        "Verksamhetens nettokostnader                       (2 002,0)     (1 990,5)\n"
    )
    rows = {r.label: values(r) for r in extract_document("brackets.txt", text.encode()).tables[0].rows}
    assert rows["Verksamhetens kostnader"] == {1: ("(2 318,4)", -2318.4), 2: ("(2 290,5)", -2290.5)}
    assert rows["Avskrivningar"] == {1: ("(96,2)", -96.2), 2: ("(98,0)", -98.0)}
    assert rows["Verksamhetens nettokostnader"] == {1: ("(2 002,0)", -2002.0), 2: ("(1 990,5)", -1990.5)}


def test_a_bracket_in_a_label_or_in_running_text_stays_text():
    from pipelines.parsing.lines import bracketed_negatives

    for text in ("Antal barn (1)            1 412     1 450", "Ram (2023)     1 200     5,0",
                 "upplåning om 40,0 mnkr (60,0) finansierade årets investeringar."):
        assert bracketed_negatives(text) == text
