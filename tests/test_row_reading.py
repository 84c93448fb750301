"""The pure helpers that weigh the readings of a row: thousands groupings, note references,
glued runs, and the relations learned from a table's rows."""
from __future__ import annotations

from pipelines.parsing.notes import block_starts, choose, readings
from pipelines.parsing.numbers import groupings
from pipelines.parsing.readers.glued import column_names, cuts, glued_segments, header_pieces
from pipelines.parsing.relations import Relation, Value, learn, settle_by_total
from pipelines.parsing.vocabulary import load_vocabulary


def _v(x: float, d: int = 0) -> Value:
    return Value(str(x), x, d)


def test_groupings_enumerate_every_thousands_reading():
    spans = groupings(["1", "146", "823", "-323"], 3)
    # 1 146 | 823 | -323  and  1 | 146 823 | -323
    assert sorted(spans) == [[(0, 0), (1, 2), (3, 3)], [(0, 1), (2, 2), (3, 3)]]
    assert groupings(["-323", "146"], 1) == [[(0, 1)]]  # -323 146, a signed lead with its group
    assert groupings(["12", "5,3"], 1) == []  # a group has three digits


def test_relation_is_rounding_aware():
    rel = Relation(target=2, left=1, right=0, op="-")  # change = 2026 − 2025
    assert rel.check((_v(1078), _v(1267), _v(189)))
    assert rel.check((_v(1078), _v(1267), _v(188)))  # each side ±0.5: off by one holds
    assert not rel.check((_v(1078), _v(1267), _v(186)))
    assert rel.check((_v(1078), None, _v(1))) is None


def test_learn_finds_the_relation_most_rows_can_satisfy():
    rows = [
        [(_v(757), _v(836), _v(79))],
        [(_v(1146), _v(823), _v(-323)), (_v(1), _v(146823), _v(-323))],
        [(_v(637), _v(722), _v(85))],
        [(_v(549), _v(564), _v(15))],
    ]
    learned = learn(rows, 3)
    assert learned[0] == Relation(target=2, left=1, right=0, op="-")


def test_a_total_row_settles_rows_the_relations_leave_tied():
    options = [
        [(_v(13), _v(125), _v(125), _v(0)), (_v(13), _v(1), _v(251), _v(250))],
        [(_v(10), _v(10), _v(2400), _v(2390))],
        [(_v(23), _v(135), _v(2525), _v(2390))],  # the total row
    ]
    settled = settle_by_total(options, 2)
    assert settled[0] == [(_v(13), _v(125), _v(125), _v(0))]


def test_note_references_rise_down_the_table():
    starts = block_starts(2, 4)
    assert starts == [0, 2]
    rows = [
        ["1", "421,3", "469,1", "1", "566,5", "596,9"],  # note 1 or '1 421,3'?
        ["2", "–1", "628,5", "–1", "616,0", "2", "–1", "712,9", "–1", "707,6"],
        ["–1", "253,8", "–1", "183,7", "–1", "231,4", "–1", "184,8"],
    ]
    chosen = choose([readings(r, starts, 4) for r in rows], 4)
    assert chosen[0].notes == ("1", "1") and chosen[0].values[0] == "421,3"
    assert chosen[1].notes == ("2", "2")
    assert chosen[2].notes == ()


def test_glued_runs_cut_by_the_grammar():
    assert glued_segments("Servicenämnd673235") == [("Servicenämnd", "673235")]
    assert glued_segments("Hemlöshet (75 %)-51-40-11") == [("Hemlöshet (75 %)", "-51-40-11")]
    # a space separates thousands only: '2 4582 4580' is 2 458 · 2 458 · 0
    assert cuts("2 4582 4580", 3, spaced=True) == [["2 458", "2 458", "0"]]
    assert ["67", "32", "35"] in cuts("673235", 3, spaced=False)
    assert all(not c.startswith("0") or c == "0" for cut in cuts("10010", 3, spaced=False) for c in cut)


def test_glued_header_and_its_groups():
    vocab = load_vocabulary()
    pieces = header_pieces("Tertial jan-april 2025Helår 2025UtfallPrognosBudgetIntäkterKostnaderNettoNettoNettoAvvikelse")
    assert pieces[:3] == ["Tertial jan-april 2025", "Helår 2025", "Utfall"]
    stub, names = column_names(pieces, 6, vocab)
    assert names == [
        "Tertial jan-april 2025 Utfall Intäkter", "Tertial jan-april 2025 Utfall Kostnader",
        "Tertial jan-april 2025 Utfall Netto", "Helår 2025 Prognos Netto", "Helår 2025 Budget Netto",
        "Avvikelse",
    ]


def test_a_label_wrapped_at_the_margin_goes_on_with_a_small_letter():
    # a word processor's table at the page margin: the label's second line starts where the
    # first does. Before, it became a heading and the parent of every row after it
    from pipelines.parsing import extract_document

    text = (
        "Fem år i sammandrag            2023      2024      2025\n"
        "Årets resultat, mnkr           32,4      46,6      38,2\n"
        "Årets resultat i procent av     1,7       2,3       1,8\n"
        "skatteintäkter och statsbidrag\n"
        "Soliditet, %                   37,5      37,7      38,1\n"
    )
    rows = extract_document("wrap.txt", text.encode()).tables[0].rows
    assert [(r.label, r.role, r.parent_heading) for r in rows] == [
        ("Årets resultat, mnkr", "item", None),
        ("Årets resultat i procent av skatteintäkter och statsbidrag", "item", None),
        ("Soliditet, %", "item", None),
    ]


def test_a_labels_first_line_above_values_printed_at_the_foot_of_the_cell():
    # a spreadsheet's table sets values at the foot of their cells: the label's first line is
    # above the row, its second line (a small letter) carries the values. Before, in an indented
    # table, the first line was joined to the row above
    text = (
        "Resultaträkning, mnkr              Utfall 2024    Budget 2025\n"
        "     Verksamhetens nettokostnad       -2 526,9       -2 581,0\n"
        "     Skatteintäkter och generella\n"
        "     statsbidrag och utjämning         2 620,7        2 702,0\n"
        "     Finansnetto                         -22,6          -32,0\n"
        "     Årets resultat                       71,2           89,0\n"
    )
    from pipelines.parsing import extract_document

    rows = extract_document("foot.txt", text.encode()).tables[0].rows
    assert [r.label for r in rows] == [
        "Verksamhetens nettokostnad", "Skatteintäkter och generella statsbidrag och utjämning",
        "Finansnetto", "Årets resultat",
    ]


def test_a_short_value_set_a_character_beside_its_column_is_placed_in_it():
    # a PDF's text sets a narrow right-aligned '0' one or two characters past where the column's
    # longer values end: before, it overlapped no column, the row was placed by its gaps and
    # its values moved left (Prognos 0, Avvikelse empty)
    from pipelines.parsing import extract_document

    text = (
        "Investeringar, tkr                  Budget 2025     Utfall jan–aug     Prognos 2025      Avvikelse\n"
        "Förskola Solrosen                        38 000             21 450           39 200         -1 200\n"
        "Skolgård Norrskolan                       2 500                               2 500                0\n"
        "Summa                                    40 500             21 450           41 700         -1 200\n"
    )
    rows = {r.label: r for r in extract_document("zero.txt", text.encode()).tables[0].rows}
    assert [(c.col_no, c.raw_text) for c in rows["Skolgård Norrskolan"].cells] == [(1, "2 500"), (3, "2 500"), (4, "0")]


def test_a_designation_wraps_a_label_and_a_dash_joins_a_header_name():
    # a PDF's investment table: a property's designation ('1:12') on the label's second line
    # (before, a heading of its own and the parent of the rows after it), and a column name
    # broken after a dash ('budget–' / 'prognos', before 'budget– prognos')
    from pipelines.parsing import extract_document

    text = (
        "Projekt                                   Budget 2025    Utfall jan–aug      Avvikelse\n"
        "                                                                   2025        budget–\n"
        "                                                                               prognos\n"
        "Ny förskola Solrosen, 6 avdelningar            38 000            21 450         -1 200\n"
        "VA-ledning Hamnen, kvarteret Sillen             6 500             1 980           -600\n"
        "1:12\n"
        "IT-investeringar och digitala verktyg           3 200             1 870            300\n"
        "Summa investeringar                            47 700            25 300         -1 500\n"
    )
    table = extract_document("designation.txt", text.encode()).tables[0]
    assert table.headers == ["Budget 2025", "Utfall jan–aug 2025", "Avvikelse budget–prognos"]
    assert [(r.label, r.role, r.parent_heading) for r in table.rows] == [
        ("Ny förskola Solrosen, 6 avdelningar", "item", None),
        ("VA-ledning Hamnen, kvarteret Sillen 1:12", "item", None),
        ("IT-investeringar och digitala verktyg", "item", None),
        ("Summa investeringar", "total", None),
    ]


def test_labels_wrapped_over_lines_in_an_indented_table_and_under_the_last_row():
    # a bracket goes on with the label above (before, '(skala 0–100)' was a heading); the last
    # row's label wrapped under its values is the table's (before, dropped); in an indented table
    # a line at the labels' margin that begins with a capital letter begins the next label
    # (before, 'Elevhälsa och centrala resurser' was glued to the row above)
    from pipelines.parsing import extract_document

    indicators = (
        "Nyckeltal                                           2023        2024         Mål\n"
        "Nöjd kund-index för bygglovshantering                 63          68           70\n"
        "(skala 0–100)\n"
        "Väntetid till särskilt boende från                    58          47           30\n"
        "beslut till erbjudande, dagar\n"
        "\n"
        "Källa: kommunens egna mätningar.\n"
    )
    rows = extract_document("wrapped.txt", indicators.encode()).tables[0].rows
    assert [(r.label, r.role, [c.raw_text for c in r.cells]) for r in rows] == [
        ("Nöjd kund-index för bygglovshantering (skala 0–100)", "item", ["63", "68", "70"]),
        ("Väntetid till särskilt boende från beslut till erbjudande, dagar", "item", ["58", "47", "30"]),
    ]
    # the last row's label goes on with a sign and a unit ('+1 procentenhet, mnkr': before, a
    # caption's words, and the rest was dropped)
    risk = (
        "Nyckeltal                                           2024        2025\n"
        "Skattesats, kr                                     21,99       22,24\n"
        "Ränterisk, förändring av räntekostnad vid            1,2         1,8\n"
        "+1 procentenhet, mnkr\n"
    )
    rows = extract_document("risk.txt", risk.encode()).tables[0].rows
    assert rows[-1].label == "Ränterisk, förändring av räntekostnad vid +1 procentenhet, mnkr"
    # values at the foot of their cells: -38,9 - 41,7 = -80,6;  -36,4 - 44,8 = -81,2;  2,5 - 3,1 = -0,6
    budget = (
        "  Driftbudget, mnkr                             Utfall 2024  Budget 2025   Avvikelse\n"
        "  Kommunal vuxenutbildning och\n"
        "  svenska för invandrare                      -38,9        -36,4         2,5\n"
        "  Elevhälsa och centrala resurser\n"
        "  för barn och elever i behov av\n"
        "  särskilt stöd                               -41,7        -44,8        -3,1\n"
        "  Summa                                       -80,6        -81,2        -0,6\n"
    )
    rows = extract_document("foot.txt", budget.encode()).tables[0].rows
    assert [(r.label, [c.raw_text for c in r.cells]) for r in rows] == [
        ("Kommunal vuxenutbildning och svenska för invandrare", ["-38,9", "-36,4", "2,5"]),
        ("Elevhälsa och centrala resurser för barn och elever i behov av särskilt stöd", ["-41,7", "-44,8", "-3,1"]),
        ("Summa", ["-80,6", "-81,2", "-0,6"]),
    ]


def test_a_hyphen_before_och_stands_for_a_compounds_shared_part():
    # 'Gång- och cykelväg': a hyphen at a line's end before 'och' breaks no word (before, 'gångoch')
    from pipelines.parsing import extract_document

    text = (
        "Investeringsprojekt, tkr                 Budget      Utfall\n"
        "Ny gång-                                  9 600       5 120\n"
        "och cykelväg Storgatan\n"
        "Om- och tillbyggnad Björkskolan          31 000      18 450\n"
        "Summa                                    40 600      23 570\n"
    )
    rows = extract_document("ellipsis.txt", text.encode()).tables[0].rows
    assert [r.label for r in rows] == ["Ny gång- och cykelväg Storgatan", "Om- och tillbyggnad Björkskolan", "Summa"]


def test_a_column_of_comments_after_the_values_is_no_column_of_values():
    # 'Kommentar' over the short texts the rows print after four columns of values: before, the
    # header's five names made five columns and '18 650' was cut into '18' and '650'; the
    # comments' wrapped lines were headings, or (with a number: '… cirka 1,4 mnkr.') a table of
    # their own. Sums: 42 000 + 28 500 + 12 000 + 6 500 = 89 000; 18 650 + 22 140 + 6 420 + 210
    # = 47 420; 39 500 + 31 200 + 12 000 + 1 500 = 84 200; 2 500 − 2 700 + 0 + 5 000 = 4 800
    from pipelines.parsing import extract_document

    text = (
        "Investeringsredovisning per projekt (tkr)\n\n"
        "Projekt                           Budget 2025  Utfall jan–aug  Prognos 2025   Avvikelse   Kommentar\n"
        "Ny förskola Lärkan                     42 000          18 650        39 500       2 500   Lägre entreprenadkostnad än\n"
        "                                                                                          kalkylerat.\n"
        "Ombyggnad Västra skolan                28 500          22 140        31 200      -2 700   Fördyring på grund av fukt,\n"
        "                                                                                          cirka 1,4 mnkr.\n"
        "Reinvestering gator och vägar          12 000           6 420        12 000           0\n"
        "Gång- och cykelväg Åvägen               6 500             210         1 500       5 000   Förskjuts till 2026 på grund av\n"
        "                                                                                          överklagad detaljplan.\n"
        "Totalt                                 89 000          47 420        84 200       4 800\n"
    )
    table = extract_document("comments.txt", text.encode()).tables[0]
    assert table.headers == ["Budget 2025", "Utfall jan–aug", "Prognos 2025", "Avvikelse", "Kommentar"]
    assert [(r.label, r.role, [c.raw_text for c in r.cells]) for r in table.rows] == [
        ("Ny förskola Lärkan", "item", ["42 000", "18 650", "39 500", "2 500"]),
        ("Ombyggnad Västra skolan", "item", ["28 500", "22 140", "31 200", "-2 700"]),
        ("Reinvestering gator och vägar", "item", ["12 000", "6 420", "12 000", "0"]),
        ("Gång- och cykelväg Åvägen", "item", ["6 500", "210", "1 500", "5 000"]),
        ("Totalt", "total", ["89 000", "47 420", "84 200", "4 800"]),
    ]


def test_a_number_a_space_after_the_words_of_a_wrapped_label_is_a_word():
    # 'etapp 2' on the second line of a label broken at a hyphen: before, a row of its own with
    # the value 2, and 'Exploaterings-' a row without the rest of its label
    from pipelines.parsing import extract_document

    text = (
        "Projekt                                         Budget             Utfall       Prognos               Avvikelse\n"
        "Exploaterings-                                   12 500            4 980           11 800                    700\n"
        "område Norr, etapp 2\n"
        "Vatten- och avloppsledningar                     18 000            9 730           17 500                    500\n"
        "Summa                                            30 500           14 710           29 300                  1 200\n"
    )
    rows = extract_document("etapp.txt", text.encode()).tables[0].rows
    assert [(r.label, [c.raw_text for c in r.cells]) for r in rows] == [
        ("Exploateringsområde Norr, etapp 2", ["12 500", "4 980", "11 800", "700"]),
        ("Vatten- och avloppsledningar", ["18 000", "9 730", "17 500", "500"]),
        ("Summa", ["30 500", "14 710", "29 300", "1 200"]),
    ]


def test_years_down_the_side_are_the_rows_labels():
    # a table of years down the side: before, each year was read as a value, and every column
    # took the name of the one after it ('Budget' over the years). 245,0 − 198,5 = 46,5 …
    from pipelines.parsing import extract_document

    text = (
        "Nettoinvesteringar 2020–2024, mnkr\n\n"
        "År                                              Budget               Utfall        Avvikelse\n"
        "2020                                               245,0             198,5               46,5\n"
        "2021                                               280,0             241,0               39,0\n"
        "2022                                               350,0             305,7               44,3\n"
    )
    table = extract_document("years.txt", text.encode()).tables[0]
    assert table.headers == ["Budget", "Utfall", "Avvikelse"]
    assert [(r.label, [c.raw_text for c in r.cells]) for r in table.rows] == [
        ("2020", ["245,0", "198,5", "46,5"]), ("2021", ["280,0", "241,0", "39,0"]), ("2022", ["350,0", "305,7", "44,3"]),
    ]
