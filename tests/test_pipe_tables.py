"""Markdown pipe tables (PDF converters' output): the 001 statement of 31 December 2020
(l.303-321) re-laid as a pipe table, and a table whose column names are stacked in one cell."""
from __future__ import annotations

from pathlib import Path

from pipelines.parsing import extract_file

DATA = Path(__file__).parent / "data" / "pipe_tables.md"


def test_pipe_table_reads_like_the_printed_statement():
    doc = extract_file(DATA)
    table = doc.tables[0]
    assert table.layout == "pipe"
    assert table.caption == "Driftsammandrag, netto tkr"
    assert table.unit == "tkr"
    assert table.kind == "operating_statement"
    assert table.headers == ["Bokslut 2020", "Budget 2020", "Avvikelse", "Bokslut 2019"]
    rows = {r.label: [c.raw_text for c in r.cells] for r in table.rows}
    assert rows["LSS Funktionsstöd"] == ["-12 290", "-9 000", "-3 290", "-17 277"]
    # a bold total row: the markup is not part of the value
    assert rows["Summa"] == ["7 972", "-15 000", "22 972", "-25 157"]
    assert [r.role for r in table.rows][-1] == "total"
    # every cell on its printed line: 'Ledning' is line 12 of the file
    ledning = next(r for r in table.rows if r.label == "Ledning")
    assert {c.line_no for c in ledning.cells} == {12}


def test_column_names_stacked_in_one_header_cell_and_breaks_in_labels():
    table = extract_file(DATA).tables[1]
    assert table.unit == "mnkr"
    assert table.headers == ["Utfall 2023", "Utfall 2022"]
    rows = {r.label: [c.value for c in r.cells] for r in table.rows}
    assert rows["Barn- och utbildningsnämnd"] == [-1012.4, -968.0]
    assert rows["Summa"] == [-1208.6, -1148.7]


GRID = Path(__file__).parent / "data" / "grid_tables.txt"


def test_tables_drawn_with_borders_read_row_by_row():
    """Grid tables, as HTML and text-mode exports draw them (tests/data/grid_tables.txt, written
    for this test): box-drawing lines around every cell, a label wrapped inside its cell
    ('Läkarbesök i' / 'primärvården'), a header of two lines per cell; and a '+---+' grid whose
    header ends at a '+===+' border. Before, no table was found in either (the file failed with
    'no table with numbers')."""
    boxed, grid = extract_file(GRID).tables
    assert (boxed.caption, boxed.stub_header, boxed.first_line, boxed.last_line) == ("Vårdproduktion", "Vårdkontakter", 5, 14)
    assert boxed.headers == ["Utfall jan–aug 2024", "Utfall jan–aug 2025", "Förändring antal"]
    # −14 260 = 398 120 − 412 380; each row is numbered by its first line
    assert [(r.line_no, r.label, [c.raw_text for c in r.cells]) for r in boxed.rows] == [
        (9, "Läkarbesök i primärvården", ["412 380", "398 120", "−14 260"]),
        (12, "Besök på akutmottagning", ["68 710", "70 420", "1 710"]),
    ]
    # the sentence above the second grid is no caption; its unit is the stub's
    assert (grid.caption, grid.stub_header, grid.unit) == (None, "Verksamhetsområde, mnkr", "mnkr")
    assert grid.headers == ["Budget 2025", "Prognos 2025", "Avvikelse"]
    # −6 625,2 = −6 212,4 − 412,8
    assert [(r.label, r.role, [c.value for c in r.cells]) for r in grid.rows] == [
        ("Hälso- och sjukvård", "item", [-6212.4, -6398.0, -185.6]),
        ("Tandvård", "item", [-412.8, -405.1, 7.7]),
        ("Summa verksamheter", "total", [-6625.2, -6803.1, -177.9]),
    ]
