"""A table whose rows leave cells blank, laid out in columns (tests/data/blank_cells.txt,
written for this test, sums checked by hand): budget adjustments, where most rows print a value
in two or three of four columns and only the total in all four.

Before, the column count was the count most rows print (three): the header's four names were
lost ('Kolumn 1' …) and each row's values went to the first columns, so −3,8 (Omfördelning) was
read as a Tilläggsanslag. Now the values' right edges give four columns, every value stays under
its name, and a caption that ends in a year ('Budgetjusteringar 2025') is the caption.
"""
from __future__ import annotations

from pathlib import Path

from pipelines.parsing import extract_document

TEXT = Path(__file__).parent / "data" / "blank_cells.txt"


def test_values_stay_under_their_columns_when_rows_leave_cells_blank():
    [table] = extract_document(TEXT.name, TEXT.read_bytes()).tables
    assert (table.caption, table.stub_header, table.unit) == ("Budgetjusteringar 2025", "Mnkr", "mnkr")
    assert table.headers == ["Ursprunglig budget", "Tilläggsanslag", "Omfördelning", "Justerad budget"]
    cells = {r.label: [(c.col_no, c.raw_text) for c in r.cells] for r in table.rows}
    # −154,8 = −151,0 − 3,8; −59,6 = −63,4 + 3,8; the total adds each column: 0,0 = −3,8 + 3,8
    assert cells == {
        "Kommunstyrelsen": [(1, "-151,0"), (3, "-3,8"), (4, "-154,8")],
        "Socialnämnden": [(1, "-515,2"), (2, "-8,5"), (4, "-523,7")],
        "Tekniska nämnden": [(1, "-92,0"), (4, "-92,0")],
        "Kultur- och fritidsnämnden": [(1, "-63,4"), (3, "3,8"), (4, "-59,6")],
        "Totalt": [(1, "-821,6"), (2, "-8,5"), (3, "0,0"), (4, "-830,1")],
    }
