"""Where one table ends and the next begins, when both print the same column names.

A table continued after a page break or a block caption prints its header again and goes on
with rows of its own; these tests hold the layouts where the same names head tables of their
own (texts written for the tests, their values checked by hand)."""
from __future__ import annotations

from pipelines.parsing import extract_document

HEADER = "Nämnd                          Budget 2025   Utfall jan–aug   Prognos 2025   Avvikelse\n"


# one unit's rows: 98,2 + 35,0 = 133,2;  61,0 + 24,1 = 85,1;  97,5 + 35,6 = 133,1;  0,7 − 0,6 = 0,1
UNIT_ROWS = (
    "Kansli                               98,2             61,0           97,5         0,7\n"
    "Räddningstjänst                      35,0             24,1           35,6        -0,6\n"
    "Summa                               133,2             85,1          133,1         0,1\n"
)


def block(ks: str, soc: str, total: str) -> str:
    return (
        f"Kommunstyrelsen                {ks}\n"
        f"Socialnämnden                  {soc}\n"
        f"Summa                          {total}\n"
    )


def tables_of(text: str) -> list[tuple[int, int, str | None, list[str]]]:
    doc = extract_document("bounds.txt", text.encode())
    return [(t.first_line, t.last_line, t.caption, [r.label for r in t.rows]) for t in doc.tables]


def test_numbered_captions_over_the_same_columns_begin_tables_of_their_own():
    # 145,2 + 845,0 = 990,2;  96,1 + 570,2 = 666,3;  143,0 + 851,3 = 994,3;  2,2 − 6,3 = −4,1
    text = (
        "Tabell 3. Driftredovisning januari–augusti, mnkr\n\n" + HEADER
        + block("      145,2             96,1          143,0         2,2",
                "      845,0            570,2          851,3        -6,3",
                "      990,2            666,3          994,3        -4,1")
        + "\nTabell 4. Driftredovisning per verksamhet, mnkr\n\n"
        + HEADER.replace("Nämnd", "Verksamhet")
        + "Förskola                             260,0            171,2          258,1         1,9\n"
          "Grundskola                           601,5            398,8          606,0        -4,5\n"
          "Summa                                861,5            570,0          864,1        -2,6\n"
    )
    found = tables_of(text)
    assert [(first, last, caption) for first, last, caption, _ in found] == [
        (1, 6, "Tabell 3. Driftredovisning januari–augusti, mnkr"),
        (8, 13, "Tabell 4. Driftredovisning per verksamhet, mnkr"),
    ]


def test_the_same_rows_printed_again_under_the_same_names_are_another_table():
    # the same committees for a second unit: a continued table would go on with other rows
    text = (
        "Driftredovisning, mnkr\n\n" + HEADER
        + block("      145,2             96,1          143,0         2,2",
                "      845,0            570,2          851,3        -6,3",
                "      990,2            666,3          994,3        -4,1")
        + "\nDriftredovisning, tkr\n\n" + HEADER
        + block("  145 200           96 100        143 000       2 200",
                "  845 000          570 200        851 300      -6 300",
                "  990 200          666 300        994 300      -4 100")
    )
    found = tables_of(text)
    assert [(first, last) for first, last, _, _ in found] == [(1, 6), (8, 13)]
    assert [labels for *_, labels in found] == [["Kommunstyrelsen", "Socialnämnden", "Summa"]] * 2


def test_running_text_between_two_tables_parts_them():
    # each committee's section: a heading, a paragraph, then its table under the same names
    paragraph = (
        "Nämnden redovisar ett underskott jämfört med budget för perioden, främst genom\n"
        "ökade kostnader för placeringar och lägre intäkter från taxor och avgifter.\n"
    )
    text = (
        "Ekonomiskt utfall kommunstyrelsen, mnkr\n" + HEADER.replace("Nämnd", "Enhet")
        + UNIT_ROWS
        + "\nSocialnämnden\n\n" + paragraph
        + "\nEkonomiskt utfall socialnämnden, mnkr\n" + HEADER.replace("Nämnd", "Enhet")
        + "Äldreomsorg                         640,0            430,1          652,3       -12,3\n"
          "Funktionsstöd                       318,6            205,7          321,0        -2,4\n"
          "Summa                               958,6            635,8          973,3       -14,7\n"
    )
    found = tables_of(text)
    assert [(first, last, caption) for first, last, caption, _ in found] == [
        (1, 5, "Ekonomiskt utfall kommunstyrelsen, mnkr"),
        (12, 16, "Ekonomiskt utfall socialnämnden, mnkr"),
    ]


def test_a_header_of_years_under_a_table_of_amounts_begins_the_next_table():
    # 'Nyckeltal' and its years right under the money table, no blank line before the years:
    # before, the years were read as a row of the table above and its rows went on under it
    text = (
        "Ekonomiskt utfall, mnkr\n" + HEADER.replace("Nämnd", "Enhet")
        + UNIT_ROWS
        + "\n"
          "Nyckeltal\n"
          "                                                 2023           2024    Jan–aug 2025\n"
          "Antal medarbetare                                 412            418             425\n"
          "Sjukfrånvaro, %                                   6,1            5,8             5,4\n"
    )
    doc = extract_document("years.txt", text.encode())
    assert [(t.first_line, t.last_line) for t in doc.tables] == [(1, 5), (7, 10)]
    assert doc.tables[1].headers == ["2023", "2024", "Jan–aug 2025"]
    assert [r.label for r in doc.tables[1].rows] == ["Antal medarbetare", "Sjukfrånvaro, %"]


def test_the_running_footer_of_a_three_page_report_is_no_row():
    # three pages, two page breaks: the footer 'Delårsrapport 2025 … Sida N' stood next to too
    # few breaks to be known as furniture, and became a row of the table it interrupts
    # 145,2 + 845,0 + 98,6 = 1 088,8;  143,0 + 851,3 + 97,1 = 1 091,4
    footer = "Delårsrapport januari–augusti 2025                                Sida {}\n"
    text = (
        "Delårsrapport januari–augusti 2025\nSörbyns kommun\n\n"
        "Driftredovisning per nämnd, mnkr\n\n"
        "Nämnd                          Budget 2025   Prognos 2025   Avvikelse\n"
        "Kommunstyrelsen                      145,2          143,0         2,2\n"
        "Socialnämnden                        845,0          851,3        -6,3\n"
        "\n" + footer.format(1) + "\f"
        "Nämnd                          Budget 2025   Prognos 2025   Avvikelse\n"
        "Tekniska nämnden                      98,6           97,1         1,5\n"
        "Summa                              1 088,8        1 091,4        -2,6\n"
        "\nNämnderna redovisar sammantaget ett litet underskott mot budget för året.\n"
        "\n" + footer.format(2) + "\f"
        "Kommunens resultat väntas bli bättre än budget tack vare skatteintäkterna.\n"
        "\n" + footer.format(3)
    )
    doc = extract_document("three pages.txt", text.encode())
    assert len(doc.tables) == 1
    assert [r.label for r in doc.tables[0].rows] == ["Kommunstyrelsen", "Socialnämnden", "Tekniska nämnden", "Summa"]


def test_the_same_table_at_the_foot_of_both_pages_of_a_short_report_keeps_its_rows():
    # two pages that each end with the same rows (digits aside): a line on every page of a short
    # report is furniture only when it prints a number or two at most (a page number, a year)
    rows = (
        "Verksamhet                Budget 2025   Utfall jan–aug   Prognos 2025   Avvikelse\n"
        "Barn och utbildning         1 012 400          668 300      1 020 900      -8 500\n"
        "Vård och omsorg               845 000          570 200        851 300      -6 300\n"
        "Summa verksamheter          1 857 400        1 238 500      1 872 200     -14 800\n"
    )
    text = "Tabell 1. Nettokostnad, tkr\n\n" + rows + "\f" + "Tabell 2. Nettokostnad samma period, tkr\n\n" + rows
    doc = extract_document("two pages.txt", text.encode())
    assert [[r.label for r in t.rows] for t in doc.tables] == [
        ["Barn och utbildning", "Vård och omsorg", "Summa verksamheter"]] * 2


def test_a_form_feed_after_the_last_page_begins_no_page():
    # pdftotext ends every page with a form feed, the last one too: counted as a third page, the
    # footer of a two-page text stood on two pages of three and was read as a row of the table
    # it interrupts. 412,6 + 288,0 = 700,6;  405,0 + 290,1 = 695,1
    footer = "Region Norrmark · Delårsrapport 2025                                    {}\n"
    text = (
        "Driftredovisning per nämnd, mnkr\n\n"
        "Nämnd                          Budget 2025   Prognos 2025   Avvikelse\n"
        "Regionstyrelsen                      412,6          405,0         7,6\n"
        "\n" + footer.format(1) + "\f"
        "Nämnd                          Budget 2025   Prognos 2025   Avvikelse\n"
        "Kulturnämnden                        288,0          290,1        -2,1\n"
        "Summa                                700,6          695,1         5,5\n"
        "\n" + footer.format(2) + "\f"
    )
    assert [r.label for r in extract_document("two pages.txt", text.encode()).tables[0].rows] == [
        "Regionstyrelsen", "Kulturnämnden", "Summa"]


def test_a_line_that_numbers_its_page_is_no_row_even_once():
    # one page copied out of a report: its footer stands once, and was read as a row with the
    # value 9. 145,2 + 845,0 = 990,2;  143,0 + 851,3 = 994,3
    text = (
        "Driftredovisning per nämnd, mnkr\n\n"
        "Nämnd                          Budget 2025   Prognos 2025   Avvikelse\n"
        "Kommunstyrelsen                      145,2          143,0         2,2\n"
        "Socialnämnden                        845,0          851,3        -6,3\n"
        "Summa                                990,2          994,3        -4,1\n"
        "\n"
        "Sörbyns kommun | Delårsrapport 2025                                   Sida 9\n"
    )
    assert tables_of(text) == [(1, 6, "Driftredovisning per nämnd, mnkr", ["Kommunstyrelsen", "Socialnämnden", "Summa"])]


def test_a_line_that_only_gives_the_unit_goes_with_the_title_above_it():
    # 'Belopp i mnkr' under the table's title: before, the caption was the unit line alone and
    # the title was lost. 1 412,6 + 141,7 = 1 554,3;  1 398,0 + 146,2 = 1 544,2
    text = (
        "Nämnden redovisar ett underskott för perioden.\n\n"
        "Hälso- och sjukvårdsnämndens driftredovisning\n"
        "Belopp i mnkr\n\n"
        "Verksamhetsområde                     Utfall    Budget  Avvikelse\n"
        "Primärvård                           1 412,6   1 398,0      -14,6\n"
        "Tandvård                               141,7     146,2        4,5\n"
        "Nämnden totalt                       1 554,3   1 544,2      -10,1\n"
    )
    table = extract_document("titled.txt", text.encode()).tables[0]
    assert (table.first_line, table.caption, table.unit) == (
        3, "Hälso- och sjukvårdsnämndens driftredovisning Belopp i mnkr", "mnkr")


def test_a_header_of_genders_after_a_blank_line_begins_the_next_table():
    # three small tables one blank line apart: before, 'Kvalitetsmått, %   Kvinnor   Män   Totalt'
    # was a heading inside the first table, and its rows were filed under the years 2023–2025
    text = (
        "Verksamhetsmått                                      2023          2024          2025\n"
        "Antal besök bibliotek                             148 200       121 540       162 310\n"
        "Antal elever kulturskolan                             812           845           861\n"
        "\n"
        "Kvalitetsmått, %                                  Kvinnor           Män        Totalt\n"
        "Andel nöjda besökare bibliotek                       91,0          87,5          89,2\n"
        "Andel aktiva i föreningslivet, 7–20 år               44,8          52,3          48,5\n"
    )
    doc = extract_document("genders.txt", text.encode())
    assert [(t.headers, [r.label for r in t.rows]) for t in doc.tables] == [
        (["2023", "2024", "2025"], ["Antal besök bibliotek", "Antal elever kulturskolan"]),
        (["Kvinnor", "Män", "Totalt"], ["Andel nöjda besökare bibliotek", "Andel aktiva i föreningslivet, 7–20 år"]),
    ]


def test_a_numbered_caption_may_end_in_a_year():
    # 'Tabell 2. … 2025': before, the year made the line one with a value, and the table had no
    # caption. 412,0 + 845,0 = 1 257,0;  405,2 + 851,3 = 1 256,5
    text = (
        "Tabell 2. Budget och prognos per nämnd 2025\n\n"
        "Mnkr                                Budget      Prognos     Avvikelse\n"
        "Kommunstyrelsen                      412,0        405,2           6,8\n"
        "Socialnämnden                        845,0        851,3          -6,3\n"
        "Summa                              1 257,0      1 256,5           0,5\n"
    )
    assert tables_of(text) == [(1, 6, "Tabell 2. Budget och prognos per nämnd 2025",
                                ["Kommunstyrelsen", "Socialnämnden", "Summa"])]
