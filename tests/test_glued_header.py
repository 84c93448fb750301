"""A header whose column names run together ('Intäkter 2020Intäkter 2021…', as some
converters print it) above rows of space-separated numbers."""
from __future__ import annotations

from pipelines.parsing import extract_document

REPORT = """Verksamhetens intäkter och kostnader per nämnd, mnkr
Intäkter 2020Intäkter 2021Kostnader 2020Kostnader 2021
Kommunstyrelse 12,5 13,1 -196,2 -180,7
Barn- och utbildningsnämnd 40,2 41,0 -1 012,4 -968,0
Socialnämnd 55,0 60,3 -700,1 -690,4
Summa 107,7 114,4 -1 908,7 -1 839,1
"""


def test_glued_column_names_are_split_and_rows_read():
    table = extract_document("glued_header.txt", REPORT.encode()).tables[0]
    assert table.headers == ["Intäkter 2020", "Intäkter 2021", "Kostnader 2020", "Kostnader 2021"]
    assert table.unit == "mnkr"
    rows = {r.label: [c.raw_text for c in r.cells] for r in table.rows}
    assert rows["Barn- och utbildningsnämnd"] == ["40,2", "41,0", "-1 012,4", "-968,0"]
    # the column sums hold: 12,5 + 40,2 + 55,0 = 107,7; −196,2 − 1 012,4 − 700,1 = −1 908,7
    assert rows["Summa"] == ["107,7", "114,4", "-1 908,7", "-1 839,1"]
