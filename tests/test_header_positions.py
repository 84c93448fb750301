"""Column names broken over two lines, read by where they are printed over the rows.

A PDF laid out as a word processor prints a table (tests/data/pdf/columns_two_line_header.pdf,
written by render_columns.py beside it): labels at the left margin, values right-aligned, each
column's name centred over it in two lines, and one name per table on one line only. Before
names were placed by position, the second lines were handed out left to right: 'Prognos' got
'mot budget' and 'Avvikelse' nothing, and in the second table the stub word 'Projekt' became a
fifth column that split '4 350' into two cells.

The lines below are the PDF's text as `rapportlager text` prints it, checked by hand against the
renderer's table: caption l.5, names l.7-8, 'Kommunstyrelsen' l.9, 'Summa' l.13; the second
table's caption l.19, names l.21-22 ('Projekt' on l.22), rows l.23-26; the third table's caption
l.32, names of groups l.34, names l.35, rows l.36-40; the fourth's caption l.46, names l.48-50,
rows l.51-54.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing import extract_document
from pipelines.parsing.header_positions import names_by_position
from pipelines.parsing.lines import analyse_line
from pipelines.parsing.vocabulary import load_vocabulary

VOCAB = load_vocabulary()
PDF = Path(__file__).parent / "data" / "pdf" / "columns_two_line_header.pdf"
# a header read by place ('Brutto-  Intäk-  Netto-' over 'kostnad  ter  kostnad'), and a real
# report that prints revenues, costs and net side by side
NAMES_BY_PLACE = Path(__file__).parent / "data" / "names_by_place.txt"
SIMRISHAMN = Path(__file__).parent / "data" / "corpus" / "c03_simrishamn_delarsrapport2025.txt"
# statements and a table of months side by side ('Jan  Feb  Mar  Apr  Jan–apr')
STATEMENTS = Path(__file__).parent / "data" / "statements_by_place.txt"


@pytest.fixture(scope="module")
def tables():
    return extract_document(PDF.name, PDF.read_bytes()).tables


def test_a_name_without_a_second_line_leaves_its_neighbours_names_in_place(tables):
    operating = tables[0]
    assert (operating.caption, operating.unit, operating.first_line, operating.last_line) == (
        "Driftredovisning per nämnd (mnkr)", "mnkr", 5, 13)
    # 'Prognos' is printed on the second line only, over the third column
    assert operating.headers == ["Budget 2025", "Utfall jan–aug", "Prognos", "Avvikelse mot budget"]
    rows = {r.label: (r.line_no, r.role, [c.raw_text for c in r.cells]) for r in operating.rows}
    assert rows["Kommunstyrelsen"] == (9, "item", ["145,2", "96,1", "143,0", "2,2"])
    # 2 101,2 = 145,2 + 1 012,4 + 845,0 + 98,6; −11,1 = 2 101,2 − 2 112,3
    assert rows["Summa"] == (13, "total", ["2 101,2", "1 396,0", "2 112,3", "-11,1"])


def test_the_stub_word_on_the_names_second_line_is_no_column(tables):
    investments = tables[1]
    assert (investments.caption, investments.unit, investments.kind) == (
        "Investeringar per projekt, tkr", "tkr", "investments")
    assert investments.stub_header == "Projekt"
    # 'Avvikelse' is printed on the first line only
    assert investments.headers == ["Budget 2025", "Utfall jan–aug", "Prognos helår", "Avvikelse"]
    rows = {r.label: (r.line_no, [c.raw_text for c in r.cells]) for r in investments.rows}
    assert rows["Ny förskola Norr"] == (23, ["12 000", "4 350", "11 500", "500"])
    # 17 300 = 12 000 + 3 500 + 1 800; 200 = 17 300 − 17 100
    assert rows["Summa"] == (26, ["17 300", "6 500", "17 100", "200"])


TYPED = """Investeringar per projekt, mnkr

                            Budget        Utfall                 Avvikelse
                              2024       jan-aug    Prognos      mot budget
Skola                         20,0          10,0       21,0           -1,0
Väg                           30,0          12,0       30,0            0,0
Summa                         50,0          22,0       51,0           -1,0
"""


def test_names_typed_with_spaces_are_placed_over_their_columns():
    # the same in a report typed with spaces: the names' words were read left to right before
    # ('Avvikelse 2024', 'jan-aug Prognos mot budget')
    table = extract_document("typed.txt", TYPED.encode()).tables[0]
    assert table.headers == ["Budget 2024", "Utfall jan-aug", "Prognos", "Avvikelse mot budget"]
    assert [c.raw_text for c in table.rows[-1].cells] == ["50,0", "22,0", "51,0", "-1,0"]


def _lines(text: str):
    return [analyse_line(k + 1, line) for k, line in enumerate(text.splitlines())]


def test_rows_that_are_not_aligned_place_no_names():
    # a converter without layout sets each row's own spaces: no column has one place
    # ('80,3' ends at 36, '300,2' at 29)
    header = ["                 Budget     Utfall", "                   2024       2024"]
    body = _lines("Kommunstyrelsen  120,5          80,3\nSocialnämnden    450,0  300,2")
    assert names_by_position(header, body, 2, VOCAB) is None


def test_two_names_over_one_column_place_no_names():
    # the header names three columns where the rows print two: the words decide, not the places
    header = ["                Budget   Prognos  Utfall"]
    body = _lines("Kommunstyrelsen          120,5    80,3\nSocialnämnden            450,0   300,2")
    assert names_by_position(header, body, 2, VOCAB) is None


def test_names_run_together_over_two_columns_are_parted_where_a_name_begins():
    # 'Budget Plan' one space apart over two columns (pdftotext's Simrishamn): 'Plan' begins a
    # name, a year would continue one
    header = ["Pri Stat Proj                Budget Plan", "o   us Nr                    2027   2028"]
    body = _lines("1     P    6289 Utrustning   1 000    500\n2     N         Valfisken    1 450    750")
    assert names_by_position(header, body, 2, VOCAB) == ("Pri Stat Proj o us Nr", ["Budget 2027", "Plan 2028"])


def test_the_stub_is_what_stands_from_the_labels_margin():
    header = ["Nämnd                 Budget     Utfall", "                        2024    jan-aug"]
    body = _lines("Kommunstyrelsen        120,5       80,3\nSocialnämnden          450,0      300,2")
    assert names_by_position(header, body, 2, VOCAB) == ("Nämnd", ["Budget 2024", "Utfall jan-aug"])


def test_names_of_groups_of_columns_head_each_column_of_their_group(tables):
    # 'Jan–aug 2025' centred over 'Budget' and 'Utfall', 'Helår 2025' over 'Budget' and 'Prognos'
    by_activity = tables[2]
    assert (by_activity.caption, by_activity.kind, by_activity.first_line, by_activity.last_line) == (
        "Nettokostnad per verksamhet, mnkr", "operating_statement", 32, 40)
    assert by_activity.headers == [
        "Jan–aug 2025 Budget", "Jan–aug 2025 Utfall", "Helår 2025 Budget", "Helår 2025 Prognos"]
    rows = {r.label: (r.line_no, [c.raw_text for c in r.cells]) for r in by_activity.rows}
    # 1 400,0 = 600,0 + 250,0 + 450,0 + 100,0
    assert rows["Summa"] == (40, ["1 400,0", "1 396,0", "2 101,2", "2 112,3"])


def test_names_of_three_lines_and_of_two_keep_to_their_columns(tables):
    # 'Total / budget / 2025', 'Prognos / helår / 2025', 'Avvikelse / mot budget', 'Avvikelse / %'
    projects = tables[3]
    assert (projects.caption, projects.unit, projects.first_line, projects.last_line) == (
        "Investeringar per projekt, mnkr", "mnkr", 46, 54)
    assert projects.headers == ["Total budget 2025", "Prognos helår 2025", "Avvikelse mot budget", "Avvikelse %"]
    rows = {r.label: (r.line_no, [c.raw_text for c in r.cells]) for r in projects.rows}
    assert rows["Summa"] == (54, ["17,3", "17,1", "0,2", "1,2 %"])


# a column named a percentage whose cells print no '%'
SHARE = """Delårsrapport januari–augusti 2025

Driftredovisning per nämnd, mnkr

Nämnd                       Budget 2025    Prognos 2025    Avvikelse    Avvikelse %
Kultur- och fritidsnämnden        120,0           118,0          2,0            1,7
Miljönämnden                      400,0           410,0        -10,0           -2,5
Summa                             520,0           528,0         -8,0           -1,5
"""


# a committees' table, then a result budget (key figures) whose rows are no committee's net cost
STATEMENT = (
    'Tabell 3. Nettokostnad per nämnd, mnkr\n'
    '\n'
    '                                                                 Jan–aug 2025                            Helår 2025\n'
    'Nämnd                                                     Utfall    Budget     Avvikelse       Budget     Prognos    Avvikelse\n'
    'Kommunstyrelsen                                             98,4       101,2           2,8        152,0       149,5          2,5\n'
    'Barn- och utbildningsnämnden                               612,7       608,9          -3,8        921,0       927,4         -6,4\n'
    'Socialnämnden                                              745,1       729,3         -15,8      1 094,0     1 118,6        -24,6\n'
    'Kultur- och fritidsnämnden                                  54,2        55,8           1,6         83,5        82,9          0,6\n'
    'Samhällsbyggnadsnämnden                                     71,9        73,0           1,1        109,5       108,1          1,4\n'
    'Miljö- och byggnämnden                                       8,6         9,1           0,5         13,7        13,2          0,5\n'
    'Summa nämnder                                           1 590,9     1 577,3         -13,6      2 373,7     2 399,7        -26,0\n'
    '\n'
    'Flerårsplanen bygger på Sveriges Kommuner och Regioners skatteunderlagsprognos från augusti.\n'
    'Resultatet för planperioden ligger under det finansiella målet om två procent av skatter och\n'
    'generella statsbidrag, vilket kräver fortsatta effektiviseringar.\n'
    '\n'
    'Tabell 4. Resultatbudget och plan 2026–2028, mnkr\n'
    '\n'
    '                                                                    Utfall            Budget                  Plan\n'
    'Mnkr                                                           2023        2024         2025        2026       2027       2028\n'
    'Verksamhetens intäkter                                         512,4       538,1        545,0       552,0      560,0      568,0\n'
    'Verksamhetens kostnader                                     -3 012,8    -3 155,6     -3 241,0    -3 330,0   -3 418,0   -3 507,0\n'
    'Avskrivningar                                                 -121,5      -129,9       -138,0      -146,0     -152,0     -158,0\n'
    'Verksamhetens nettokostnader                               -2 621,9    -2 747,4     -2 834,0    -2 924,0   -3 010,0   -3 097,0\n'
    'Skatteintäkter                                               2 105,3     2 198,7      2 301,0     2 385,0    2 470,0    2 561,0\n'
    'Generella statsbidrag och utjämning                            612,0       640,2        642,0       655,0      668,0      680,0\n'
    'Finansiella intäkter                                             18,2       21,4         17,0        17,0       17,0       17,0\n'
    'Finansiella kostnader                                           -34,1       -41,8       -45,0       -49,0       -53,0      -56,0\n'
    'Årets resultat                                                  79,5        71,1         81,0        84,0       92,0     105,0\n'
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, dagster_home):
    import shutil

    import duckdb

    from pipelines.cli import run_pipeline

    root = tmp_path_factory.mktemp("columns")
    (root / "raw").mkdir()
    shutil.copy(PDF, root / "raw")
    (root / "raw" / "share.txt").write_text(SHARE, encoding="utf-8")
    (root / "raw" / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    shutil.copy(NAMES_BY_PLACE, root / "raw")
    shutil.copy(SIMRISHAMN, root / "raw")
    shutil.copy(STATEMENTS, root / "raw")
    path = root / "warehouse" / "warehouse.duckdb"
    assert run_pipeline(path, root / "raw") == 0
    con = duckdb.connect(str(path), read_only=True)
    yield con
    con.close()


def test_a_group_name_sets_the_period_of_its_columns_facts(warehouse):
    # line 36 'Grundskola  600,0  598,4  900,0  905,1' under 'Jan–aug 2025' and 'Helår 2025'
    rows = warehouse.execute(
        "select col_no, raw_text, amount_sek, measure_key, period_key from marts.fct_operating "
        "where source_file = ? and line_no = 36 order by col_no", [PDF.name]).fetchall()
    assert rows == [
        (1, "600,0", 600_000_000.0, "budget", "2025-M08"),
        (2, "598,4", 598_400_000.0, "actual", "2025-M08"),
        (3, "900,0", 900_000_000.0, "budget", "2025-FY"),
        (4, "905,1", 905_100_000.0, "forecast", "2025-FY"),
    ]


def test_the_four_tables_identities_all_hold(warehouse):
    # each table's column sums and deviations; the first and third tables' totals (budget
    # 2 101,2, outcome 1 396,0 and forecast 2 112,3) compared with each other, and the second
    # table's projects in tkr with the fourth's in mnkr (forecast and deviation, 4 rows each).
    # The fourth's 'Avvikelse %' is summed by no identity: shares do not add up (4,2 − 8,6 + 0,0
    # is no 1,2); it was a false finding before
    found = warehouse.execute(
        "select table_no, rule, count(*), count(*) filter (where passed) from audit.identity_findings "
        "where source_file = ? group by all order by all", [PDF.name]).fetchall()
    assert found == [
        (1, "column_sum", 4, 4), (1, "cross_table", 3, 3), (1, "deviation", 5, 5),
        (2, "column_sum", 4, 4), (2, "cross_table", 8, 8), (2, "deviation", 4, 4),
        (3, "column_sum", 4, 4),
        (4, "column_sum", 3, 3),
    ]
    summed = warehouse.execute(
        "select column_header from audit.identity_findings where source_file = ? and table_no = 4 order by col_no",
        [PDF.name]).fetchall()
    assert summed == [("Total budget 2025",), ("Prognos helår 2025",), ("Avvikelse mot budget",)]


def test_a_column_named_a_percentage_is_summed_by_no_identity(warehouse):
    # 'Avvikelse %' prints 1,7 and -2,5 over -1,5: shares of each row's budget, no amounts
    # (1,7 − 2,5 = −0,8 was a false finding before). The amounts hold: 120,0 + 400,0 = 520,0,
    # 118,0 + 410,0 = 528,0, 2,0 − 10,0 = −8,0, and each row's 2,0 = 120,0 − 118,0
    found = warehouse.execute(
        "select rule, column_header, passed from audit.identity_findings where source_file = 'share.txt' "
        "order by rule, col_no, row_no").fetchall()
    assert found == [
        ("column_sum", "Budget 2025", True), ("column_sum", "Prognos 2025", True), ("column_sum", "Avvikelse", True),
        ("deviation", "Avvikelse", True), ("deviation", "Avvikelse", True), ("deviation", "Avvikelse", True),
    ]
    assert warehouse.execute("select count(*) from audit.unchecked_columns where source_file = 'share.txt'").fetchone() == (0,)
    # a share is no amount: the facts keep its value and give it no SEK
    shares = warehouse.execute(
        "select count(value), count(amount_sek) from marts.fct_operating where source_file = 'share.txt' and col_no = 4"
    ).fetchone()
    assert shares == (3, 0)


PERIODS_OVER_THREE = """Driftredovisning per nämnd, mnkr

                                 Jan–aug 2025                        Helår 2025
                         Budget     Utfall   Avvikelse      Budget    Prognos   Avvikelse
Kommunstyrelsen            80,0       79,0         1,0       120,0      118,0         2,0
Socialnämnden             270,0      276,0        -6,0       400,0      410,0       -10,0
Summa                     350,0      355,0        -5,0       520,0      528,0        -8,0
"""

MEASURE_OVER_ONE = """Driftredovisning per nämnd, mnkr

                                    Utfall
                         Budget    jan–aug     Prognos
Kommunstyrelsen            80,0       79,0       118,0
Socialnämnden             270,0      276,0       410,0
Summa                     350,0      355,0       528,0
"""


def test_a_period_centred_over_three_names_of_measures_heads_all_three():
    # each period's centre is its middle column's too; a period gives names of measures what
    # they lack (before: only 'Utfall' and 'Prognos' got one)
    table = extract_document("groups.txt", PERIODS_OVER_THREE.encode()).tables[0]
    assert table.headers == [
        "Jan–aug 2025 Budget", "Jan–aug 2025 Utfall", "Jan–aug 2025 Avvikelse",
        "Helår 2025 Budget", "Helår 2025 Prognos", "Helår 2025 Avvikelse"]


def test_a_measure_over_the_middle_of_names_of_measures_is_that_columns_first_line():
    # 'Utfall' over 'jan–aug', between 'Budget' and 'Prognos', which need no measure (before,
    # it headed all three: its centre is nearer the three's than jan–aug's by a quarter of a
    # character)
    table = extract_document("broken.txt", MEASURE_OVER_ONE.encode()).tables[0]
    assert table.headers == ["Budget", "Utfall jan–aug", "Prognos"]


def test_a_range_of_months_printed_with_an_en_dash_is_a_period():
    # PDFs print 'jan–aug' with an en dash where typed text has 'jan-aug'
    assert VOCAB.is_month_word("Jan–aug") and VOCAB.is_month_word("jan-aug") and VOCAB.is_month_word("Jan—aug")
    assert not VOCAB.is_month_word("Utfall")


def test_values_whose_ends_drift_in_a_pdfs_text_still_give_their_columns_places():
    # pypdf places characters by estimated widths: right-aligned values that print '−' end up
    # to three characters apart ('−2 851,2' ends at 78, '71,2' at 80); the values of each
    # column still overlap one another. Before, the places were refused and the header's words
    # were handed out left to right: 'Budget', 'Prognos Mnkr', 'Utfall 2023', 'Utfall 2024 2025 2025'
    text = (
        "Resultaträkning\n\n"
        "                                                                                     Budget          Prognos\n"
        "Mnkr                                            Utfall 2023     Utfall 2024            2025             2025\n"
        "Verksamhetens intäkter                               412,3            428,9           431,0            437,5\n"
        "Verksamhetens kostnader                          −2 718,4        −2 851,2         −2 902,0         −2 934,8\n"
        "Verksamhetens nettokostnad                      −2 404,2        −2 526,9         −2 581,0         −2 605,5\n"
        "Finansiella intäkter                                  12,4             15,8             10,0            14,1\n"
        "Årets resultat                                        90,3            71,2             89,0             79,3\n"
    )
    table = extract_document("drift.txt", text.encode()).tables[0]
    assert table.headers == ["Utfall 2023", "Utfall 2024", "Budget 2025", "Prognos 2025"]
    assert table.stub_header == "Mnkr"


def test_years_over_runs_of_women_men_and_all_with_the_caption_above_a_blank_line():
    # a staff table split by gender under each year: 'Kvinnor  Män  Totalt' named no column
    # (no measure word) and became a heading row; the year over the second run reached into
    # the first; the caption above the blank line was read as the stub's first line.
    # Totals: 1 842 + 412 = 2 254; 1 867 + 405 = 2 272
    text = (
        "Personalstatistik per 31 augusti\n"
        "\n"
        "                                              2024                        2025\n"
        "Personal                             Kvinnor     Män   Totalt     Kvinnor     Män   Totalt\n"
        "Antal tillsvidareanställda             1 842     412    2 254       1 867     405    2 272\n"
        "Antal visstidsanställda                  214      88      302         198      91      289\n"
        "Sjukfrånvaro, %                          7,9     4,6      7,3         7,4     4,2      6,8\n"
    )
    table = extract_document("gender.txt", text.encode()).tables[0]
    assert table.headers == ["2024 Kvinnor", "2024 Män", "2024 Totalt", "2025 Kvinnor", "2025 Män", "2025 Totalt"]
    assert (table.caption, table.stub_header) == ("Personalstatistik per 31 augusti", "Personal")
    assert [r.label for r in table.rows] == ["Antal tillsvidareanställda", "Antal visstidsanställda", "Sjukfrånvaro, %"]


def test_a_dash_for_no_value_does_not_move_its_columns_place():
    # a spreadsheet's accounting format sets '-' (no value) left of its column's edge: before,
    # the values no longer lined up, the names were read by their words and each column took the
    # name of the one before it ('Utfall', 'Utfall 2024', …). 12,4 + 3,2 + 0,0 = 15,6;
    # 18,0 + 4,5 = 22,5;  6,1 = 6,1;  14,5 + 2,0 + 0,0 = 16,5
    from pipelines.parsing import extract_document

    text = (
        "Nettoinvesteringar per nämnd, mnkr\n"
        "                                                                                              Utfall\n"
        "                                                    Utfall 2024    Budget 2025       jan–aug 2025    Prognos 2025\n"
        "Kommunstyrelsen                                             12,4             18,0               6,1            14,5\n"
        "Socialnämnden                                                3,2              4,5               -                2,0\n"
        "Kultur- och fritidsnämnden                                   -                 -                 -               -\n"
        "Miljö- och byggnämnden                                       0,0                –                  –             0,0\n"
        "Summa                                                       15,6             22,5               6,1            16,5\n"
    )
    table = extract_document("dashes.txt", text.encode()).tables[0]
    assert table.headers == ["Utfall 2024", "Budget 2025", "Utfall jan–aug 2025", "Prognos 2025"]
    rows = {r.label: [(c.col_no, c.value) for c in r.cells if c.value is not None] for r in table.rows}
    assert rows["Socialnämnden"] == [(1, 3.2), (2, 4.5), (4, 2.0)]
    assert rows["Summa"] == [(1, 15.6), (2, 22.5), (3, 6.1), (4, 16.5)]


def test_gross_costs_net_costs_and_a_committees_allocation_name_columns():
    # 'Bruttokostnad', 'Nettokostnad' and 'Kommunbidrag' (seed column_vocabulary): before, the
    # header was no header and the columns were 'Kolumn 1' … 'Kolumn 5'.
    # 118,6 − 14,2 = 104,4 and 98,1 − 104,4 = −6,3;  9,8 − 0,4 = 9,4 and 9,6 − 9,4 = 0,2
    text = (
        "Driftredovisning jan–aug 2025, mnkr\n\n"
        "Verksamhet                 Bruttokostnad            Intäkter    Nettokostnad      Kommunbidrag      Budgetavvikelse\n"
        "Nämnd och förvaltning                 9,8                0,4               9,4                9,6                 0,2\n"
        "Hemtjänst                           118,6              14,2             104,4                98,1                -6,3\n"
        "Summa                               128,4              14,6             113,8               107,7                -6,1\n"
    )
    table = extract_document("allocation.txt", text.encode()).tables[0]
    assert table.headers == ["Bruttokostnad", "Intäkter", "Nettokostnad", "Kommunbidrag", "Budgetavvikelse"]


def test_group_names_set_at_the_left_of_their_runs():
    # a spreadsheet prints a merged cell's name at the left of its run: read by their centres,
    # 'Jan–aug 2025' headed 'Utfall' alone and 'Helår 2025' the next three columns, two of them
    # 'Helår 2025 Budget'. Two columns of one table never share a name: the names read from the
    # left of their runs give each its own. 981,2 − 974,0 = 7,2 (not printed); 1 475,0 − 1 466,3 = 8,7
    text = (
        "Nettokostnad per verksamhetsområde, mnkr\n\n"
        "                                                        Utfall   Jan–aug 2025              Helår 2025\n"
        "Verksamhetsområde                                        2024        Utfall     Budget      Budget      Prognos    Avvikelse\n"
        "Primärvård                                             1 402,6        981,2       974,0      1 475,0      1 466,3         8,7\n"
        "Tandvård                                                 388,0        268,3       270,0        405,0        402,1         2,9\n"
        "Summa                                                  1 790,6      1 249,5     1 244,0      1 880,0      1 868,4        11,6\n"
    )
    table = extract_document("merged.txt", text.encode()).tables[0]
    assert table.headers == ["Utfall 2024", "Jan–aug 2025 Utfall", "Jan–aug 2025 Budget", "Helår 2025 Budget",
                             "Helår 2025 Prognos", "Helår 2025 Avvikelse"]


def test_a_key_figures_rows_are_net_costs_only_where_their_labels_say_so(warehouse):
    # the report names no organisation of its own, so its tables take the first committee its
    # text names; before, every row of the result budget ('Avskrivningar', 'Finansiella
    # intäkter', 'Årets resultat' …) was that organisation's net cost and compared with
    # 'Summa nämnder'. Only the row whose label names a net cost is one; the seeds name the
    # statement's other lines, the rest are keyed by their labels
    items = warehouse.execute(
        "select distinct row_label, line_item from marts.fct_operating where source_file = 'statement.txt' "
        "and table_no = 2 order by row_label").fetchall()
    assert items == [
        ("Avskrivningar", "avskrivningar"), ("Finansiella intäkter", "finansiella_intäkter"),
        ("Finansiella kostnader", "finansiella_kostnader"), ("Generella statsbidrag och utjämning", "general_grants"),
        ("Skatteintäkter", "tax_revenues"), ("Verksamhetens intäkter", "revenues"), ("Verksamhetens kostnader", "costs"),
        ("Verksamhetens nettokostnader", "net_cost"), ("Årets resultat", "årets_resultat"),
    ]
    # and the net cost is not compared with 'Summa nämnder' either: the committees' sum
    # (2 373,7) leaves out what is outside the committees, the municipality's net cost (2 834,0)
    # does not
    compared = warehouse.execute("""
        with keys as (
            select unnest(cell_keys) as cell_key from audit.identity_findings
            where source_file = 'statement.txt' and rule = 'cross_table'
        )
        select distinct c.row_label from intermediate.int_cells_classified as c
        inner join keys on keys.cell_key = c.document_id || '|' || c.table_no || '|' || c.row_no || '|' || c.col_no
        where c.source_file = 'statement.txt'
    """).fetchall()
    assert compared == []


def test_a_year_run_into_the_next_name_parts_there():
    # a PDF sets two narrow columns' names 0.2 pt apart and its text runs them together: before,
    # 'Budget 2025Prognos 2025' was one name, three names for four columns were handed out in
    # order, and the forecast's values were filed under 'Avvikelse'. 79,6 … 84,2 − 82,0 = 2,2
    text = (
        "Resultat Tekniska nämnden, mnkr\n\n"
        "                                                     Utfall 2024    Budget 2025Prognos 2025              Avvikelse\n"
        "Intäkter                                                     79,6              82,0             84,2              2,2\n"
        "Kostnader                                                  -301,0            -310,0           -315,1             -5,1\n"
        "Nettokostnad                                               -221,4            -228,0           -230,9             -2,9\n"
    )
    table = extract_document("glued.txt", text.encode()).tables[0]
    assert table.headers == ["Utfall 2024", "Budget 2025", "Prognos 2025", "Avvikelse"]


def test_columns_of_revenues_costs_and_net_are_line_items_and_the_net_is_checked(warehouse):
    """An operating statement that prints each row's revenues, costs and net side by side: the
    columns of revenues and of costs are those line items (not three net costs of one key, of
    which the warehouse kept one), and net = costs − revenues is checked on every row."""
    # Simrishamn, tertial 1 2025, l.49 (tkr): 'Kultur' 1 135 | −9 165 | −8 030 (costs printed
    # negative: 1 135 − 9 165 = −8 030)
    kultur = warehouse.execute(
        "select column_header, line_item, measure_key, period_key, amount_sek, net_cost_sek from marts.fct_operating "
        "where source_file = ? and row_label = 'Kultur' and col_no <= 3 order by col_no", [SIMRISHAMN.name]).fetchall()
    assert kultur == [
        ("Tertial jan-april 2025 Utfall Intäkter", "revenues", "actual", "2025-M04", 1_135_000.0, -1_135_000.0),
        ("Tertial jan-april 2025 Utfall Kostnader", "costs", "actual", "2025-M04", -9_165_000.0, 9_165_000.0),
        ("Tertial jan-april 2025 Utfall Netto", "net_cost", "actual", "2025-M04", -8_030_000.0, -8_030_000.0),
    ]
    found = warehouse.execute(
        "select source_file, count(*), count(*) filter (where passed) from audit.identity_findings "
        "where rule = 'gross_net' and source_file in (?, ?) group by all order by all",
        [NAMES_BY_PLACE.name, SIMRISHAMN.name]).fetchall()
    # 5 activities and the sum in Simrishamn's table; 3 rows in the second table of the text
    assert found == [(SIMRISHAMN.name, 6, 6), (NAMES_BY_PLACE.name, 3, 3)]
    detail = warehouse.execute(
        "select detail from audit.identity_findings where rule = 'gross_net' and source_file = ? and line_no = 21",
        [NAMES_BY_PLACE.name]).fetchone()
    assert detail == ("netto = kostnader − intäkter: intäkter 14,2, kostnader 118,6",)
    # 'Nettokostnad' names no measure: in an operating statement it is the period's outcome, so
    # the budget deviation (Kommunbidrag 98,1 − Nettokostnad 104,4 = −6,3) is checked too
    deviation = warehouse.execute(
        "select passed, expected from audit.identity_findings where rule = 'deviation' and source_file = ? "
        "and line_no = 21", [NAMES_BY_PLACE.name]).fetchall()
    assert deviation == [(True, -6.3)]


def test_the_committees_sum_is_not_compared_with_the_municipalitys_net_cost(warehouse):
    """'Summa nämnder' adds the committees up (l.45: 1 246,0 = 152,0 + 1 094,0); the result
    budget's 'Verksamhetens nettokostnader' (l.52: −1 634,0) is the whole municipality's, finance
    and central items included. Before, the two were compared as one figure printed twice, and
    the comparison failed."""
    compared = warehouse.execute(
        "select count(*) from audit.identity_findings where source_file = ? and rule = 'cross_table' "
        "and (row_label = 'Summa nämnder' or detail like '%1 246,0%')", [NAMES_BY_PLACE.name]).fetchone()
    assert compared == (0,)
    item = warehouse.execute(
        "select distinct line_item from marts.fct_operating where source_file = ? and row_label = 'Summa nämnder'",
        [NAMES_BY_PLACE.name]).fetchall()
    assert item == [("committees_net_cost",)]
    # the column sums still check it
    summed = warehouse.execute(
        "select count(*), count(*) filter (where passed) from audit.identity_findings where source_file = ? "
        "and rule = 'column_sum' and row_label = 'Summa nämnder'", [NAMES_BY_PLACE.name]).fetchone()
    assert summed == (2, 2)


def test_a_table_of_months_prints_each_months_own_figure(warehouse):
    """'Jan  Feb  Mar  Apr  Jan–apr' (statements_by_place.txt l.43): a column named by a month
    alone, among three or more, is that month's own figure ('2024-01', period kind month), not
    the year to date through it, which 'Jan–apr' is ('2024-M04'). Before, 'Apr' and 'Jan–apr'
    were one period, and a monthly figure was compared with other reports' year-to-date ones."""
    periods = warehouse.execute(
        "select distinct c.column_header, c.period_key, p.period_kind, p.period_start, p.period_end "
        "from intermediate.int_cells_classified c join marts.dim_period p using (period_key) "
        "where c.source_file = ? and c.line_no = 44 order by c.column_header", [STATEMENTS.name]).fetchall()
    assert [(h, k, kind) for h, k, kind, _, _ in periods] == [
        ("Apr", "2024-04", "month"), ("Feb", "2024-02", "month"), ("Jan", "2024-01", "month"),
        ("Jan–apr", "2024-M04", "year_to_date"), ("Mar", "2024-03", "month"),
    ]
    apr = next(p for p in periods if p[0] == "Apr")
    assert (str(apr[3]), str(apr[4])) == ("2024-04-01", "2024-04-30")
