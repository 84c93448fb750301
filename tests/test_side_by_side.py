"""Blocks printed side by side (pipelines/parsing/gutters.py): a page set in two columns of text
with a table in one of them, and two tables beside each other, each read on its own at the
lines it was printed on; a table's own text columns are not taken for a second block."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing import extract_document
from pipelines.parsing.extract import report_text
from pipelines.parsing.gutters import find_gutters
from pipelines.parsing.text import split_lines
from pipelines.parsing.vocabulary import load_vocabulary

PDF = Path(__file__).parent / "data" / "pdf" / "side_by_side.pdf"  # written by render_side_by_side.py


def _rows(table) -> list[tuple[str, str, list[str]]]:
    return [(r.label, r.role, [c.raw_text for c in r.cells]) for r in table.rows]


def test_a_table_in_the_right_column_of_a_page_set_in_two_columns():
    # before, each row's label began with the left column's prose ('äldreomsorgen samt lägre
    # intäkter från taxor och Tillsvidareanställda') and the caption was two columns' text
    doc = extract_document(PDF.name, PDF.read_bytes())
    staff = doc.tables[0]
    assert staff.caption == "Personal, antal"
    assert staff.headers == ["2024", "2025"]
    # hand-checked against render_side_by_side.py: Summa = 1 245 + 187 + 64 and 1 268 + 176 + 58
    assert _rows(staff) == [
        ("Tillsvidareanställda", "item", ["1 245", "1 268"]),
        ("Visstidsanställda", "item", ["187", "176"]),
        ("Timavlönade", "item", ["64", "58"]),
        ("Summa", "total", ["1 496", "1 502"]),
    ]


def test_two_tables_side_by_side_are_two_tables_at_their_printed_lines():
    # before, one table of six columns whose rows held the left table's values only, and the
    # sick-leave table was lost
    doc = extract_document(PDF.name, PDF.read_bytes())
    assert len(doc.tables) == 3
    staff, sick = doc.tables[1], doc.tables[2]
    assert staff.headers == sick.headers == ["2023", "2024", "2025"]
    assert _rows(staff) == [
        ("Tillsvidareanställda", "item", ["1 245", "1 268", "1 281"]),
        ("Visstidsanställda", "item", ["187", "176", "169"]),
        ("Summa", "total", ["1 432", "1 444", "1 450"]),
    ]
    assert sick.caption == "Sjukfrånvaro, %"
    assert _rows(sick) == [
        ("Kvinnor", "item", ["7,9", "7,4", "7,1"]),
        ("Män", "item", ["4,8", "4,6", "4,4"]),
        ("Totalt", "total", ["7,2", "6,8", "6,5"]),
    ]
    # each number is traced to the line it was printed on: both tables' rows share lines
    lines = split_lines(report_text(PDF.name, PDF.read_bytes()))
    for left, right in zip(staff.rows, sick.rows):
        assert left.line_no == right.line_no
        printed = lines[left.line_no - 1]
        assert printed.index(left.label) < printed.index(left.cells[-1].raw_text) < printed.index(right.label)
        assert printed.rstrip().endswith(right.cells[-1].raw_text)


@pytest.mark.parametrize("text", [
    # a code before each label
    "Nettokostnad per verksamhet, tkr\n\n"
    "Ansvar     Verksamhet                       Budget 2025     Utfall 2025     Avvikelse\n"
    "110        Politisk verksamhet                   12 400          12 100           300\n"
    "120        Kommunledning och stab                48 900          50 200        -1 300\n"
    "130        Näringsliv och turism                  9 700           9 650            50\n"
    "Summa                                            71 000          71 950          -950\n",
    # comments beside the rows, under a column the header names
    "Investeringar per projekt, tkr\n\n"
    "Projekt                         Budget 2025    Utfall 2025    Kommentar\n"
    "Ny förskola Solrosen                 38 000         21 450    Bygget har försenats av överklagande\n"
    "Ombyggnad Norrskolan                 24 500         11 230    Följer tidplanen och budgeten väl\n"
    "Gång- och cykelväg Storgatan          4 800          4 100    Färdigställd under våren enligt plan\n"
    "Summa investeringar                  67 300         36 780\n",
    # a status word beside each row
    "Investeringar per projekt, tkr\n\n"
    "Projekt                         Budget 2025    Utfall 2025    Status\n"
    "Ny förskola Solrosen                 38 000         21 450    Pågår\n"
    "Ombyggnad Norrskolan                 24 500         11 230    Pågår\n"
    "Gång- och cykelväg Storgatan          4 800          4 100    Avslutad\n"
    "Summa investeringar                  67 300         36 780\n",
], ids=["codes", "comments", "status"])
def test_a_tables_own_text_columns_are_no_second_block(text):
    assert find_gutters(text.split("\n"), load_vocabulary()) == []
    table = extract_document("one.txt", text.encode()).tables[0]
    assert len(table.headers) == 3 and table.headers[:2] == ["Budget 2025", "Utfall 2025"]
    assert [c.raw_text for c in table.rows[-1].cells] == (
        ["71 000", "71 950", "-950"] if "Ansvar" in text else ["67 300", "36 780"])
