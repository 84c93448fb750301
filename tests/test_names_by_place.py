"""A header whose words the vocabulary does not know is still the header: its names stand over
the rows' columns.

tests/data/names_by_place.txt is written as `pdftotext -layout` prints a report (written for this
test, numbers checked by hand): names right-aligned over right-aligned values, group names
centred over their runs. Before, each of these headers was lost: the population table's names
('Folkmängd', 'Födda', …) were read as its caption and its columns left 'Kolumn 1' to 'Kolumn 5';
the names broken at a hyphen in every column ('Brutto-' over 'kostnad') too; the group names
'Kommunen   Riket   Liknande kommuner' took the caption's place, so the unit (kronor) was lost;
'Kommunen   Koncernen' over a note column went to the stub.

Lines: table 1 caption l.5, names l.7, rows l.9-11; table 2 caption l.15, names l.17-18, rows
l.20-22; table 3 caption l.24, groups l.26, years l.27, rows l.28-29; table 4 caption l.31, groups
l.33, names l.34-35 ('Not' on l.35), rows l.36-38.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.parsing import extract_document

TEXT = Path(__file__).parent / "data" / "names_by_place.txt"


@pytest.fixture(scope="module")
def tables():
    return extract_document(TEXT.name, TEXT.read_bytes()).tables


def _cells(table, label):
    [row] = [r for r in table.rows if r.label == label]
    return row.line_no, [c.raw_text for c in row.cells]


def test_names_the_vocabulary_does_not_know_name_the_columns_they_stand_over(tables):
    population = tables[0]
    assert (population.caption, population.first_line, population.last_line) == (
        "Tabell 1. Befolkningsutveckling 2021–2023", 5, 11)
    assert population.stub_header == "År"
    assert population.headers == ["Folkmängd", "Födda", "Döda", "Inflyttade", "Utflyttade"]
    # the years down the side are the rows' labels
    assert [r.label for r in population.rows] == ["2021", "2022", "2023"]
    assert _cells(population, "2022") == (10, ["12 516", "128", "150", "731", "673"])


def test_names_broken_at_a_hyphen_in_every_column_are_joined(tables):
    operating = tables[1]
    assert (operating.caption, operating.unit, operating.stub_header) == (
        "Driftredovisning jan–aug 2025, mnkr", "mnkr", "Verksamhet")
    assert operating.headers == ["Bruttokostnad", "Intäkter", "Nettokostnad", "Kommunbidrag", "Budgetavvikelse"]
    # 128,4 = 9,8 + 118,6; −6,1 = 107,7 − 113,8
    assert _cells(operating, "Summa") == (22, ["128,4", "14,6", "113,8", "107,7", "−6,1"])


def test_group_names_the_vocabulary_does_not_know_head_the_runs_they_are_centred_over(tables):
    comparison = tables[2]
    # the caption stays the caption, with its unit
    assert (comparison.caption, comparison.unit, comparison.stub_header) == (
        "Nettokostnad jämfört med riket och liknande kommuner, kronor", "kr", "Verksamhet")
    assert comparison.headers == [
        "Kommunen 2023", "Kommunen 2024", "Riket 2023", "Riket 2024",
        "Liknande kommuner 2023", "Liknande kommuner 2024",
    ]
    assert _cells(comparison, "Grundskola, kr per elev") == (
        29, ["121 300", "125 800", "124 600", "129 100", "119 900", "124 700"])


def test_group_names_over_a_note_column_head_their_runs_and_the_notes_stay_out(tables):
    statement = tables[3]
    assert (statement.caption, statement.stub_header) == ("RESULTATRÄKNING", "Mnkr")
    assert statement.headers == [
        "Kommunen Utfall 2025", "Kommunen Budget 2025", "Kommunen Utfall 2024",
        "Koncernen Utfall 2025", "Koncernen Utfall 2024",
    ]
    # the note '3' is no value: five cells, −2 489,3 the first
    assert _cells(statement, "Verksamhetens kostnader") == (
        37, ["-2 489,3", "-2 440,5", "-2 398,7", "-2 791,4", "-2 702,8"])
    # −2 076,7 = 412,6 − 2 489,3
    assert _cells(statement, "Verksamhetens nettokostnader") == (
        38, ["-2 076,7", "-2 060,5", "-2 000,6", "-1 945,5", "-1 890,4"])
