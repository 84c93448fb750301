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
