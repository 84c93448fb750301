"""Rules drawn with characters (tests/data/rule_lines.txt, written for this test, sums checked by
hand): a line of dashes under the header and above the total, one of '=' under the table, and a
rule under each column above a sum, as reports typed in a fixed font and ledger printouts draw
them. Before, each rule was read as the first line of the label under it ('------ Totalt',
'---------- ---------- Verksamhetens nettokostnader'), so 'Totalt' was no longer the label of
a total, and the caption of the next table ('Resultatbudget 2026', which ends in a year) was
read as the first table's last line. (In other layouts a rule under the header was taken for
the caption, and the names were lost.)"""
from __future__ import annotations

from pathlib import Path

from pipelines.parsing import extract_document

TEXT = Path(__file__).parent / "data" / "rule_lines.txt"


def test_rules_part_nothing_and_name_nothing():
    first, second = extract_document(TEXT.name, TEXT.read_bytes()).tables
    assert (first.caption, first.first_line, first.last_line) == ("Nettokostnad per förvaltning", 1, 8)
    assert first.headers == ["Budget 2025", "Prognos 2025", "Avvikelse"]
    # 671,5 = 142,6 + 528,9; −10,6 = 1,7 − 12,3
    assert [(r.line_no, r.label, r.role, [c.raw_text for c in r.cells]) for r in first.rows] == [
        (5, "Kommunledningsförvaltningen", "item", ["142,6", "140,9", "1,7"]),
        (6, "Socialförvaltningen", "item", ["528,9", "541,2", "-12,3"]),
        (8, "Totalt", "total", ["671,5", "682,1", "-10,6"]),
    ]
    assert (second.caption, second.first_line, second.last_line) == ("Resultatbudget 2026", 11, 17)
    assert second.headers == ["Budget 2025", "Budget 2026"]
    # −1 985,7 = 412,5 − 2 398,2, under a rule drawn under each column (no part of its label)
    assert [r.label for r in second.rows][-1] == "Verksamhetens nettokostnader"
    assert [c.raw_text for c in second.rows[-1].cells] == ["-1 985,7", "-2 048,9"]
