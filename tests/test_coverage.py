"""The coverage command: every line with two or more numbers is in a table or explained."""
from __future__ import annotations

import pytest

from pipelines.coverage import classify, unclaimed_lines
from pipelines.parsing import extract_file


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_unexplained_numeric_line(report_path, prefix):
    path = report_path(prefix)
    doc = extract_file(path)
    unexplained = [(u.line_no, u.text) for u in unclaimed_lines(doc, path.read_bytes()) if u.reason == "unexplained"]
    assert unexplained == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # 000 l.80, the end of a sentence citing a decision
        ("sen (KS 2018-10-09 § 357). ", "reference"),
        # 001 l.302, a caption that names a date
        ("Resultat 31 december 2020 ", "date"),
        # 001 l.1003, a footnote of yearly figures
        ("*) Mertid 2018 (0,8) 2019 (0,6) 2020 (0,6) ", "yearly note"),
        # 002 l.352, numbers inside a sentence
        ("3,7% i lönekompensation och 1,8% i priskompensation. ", "running text"),
        # 000 l.2716, a comment after a table
        ("→ 3 tkr/pers. 77% av budgeten ", "running text"),
        # a table row missed by the extractor must stay unexplained
        ("Kommunstyrelsen 12,3 14,5 2,2 ", "unexplained"),
        ("Markreserv verksamhetsmark 39 50 34 50 Öka ", "unexplained"),
    ],
)
def test_reasons(text, reason):
    assert classify(text) == reason


def test_an_indicator_row_printed_with_a_target_band_is_claimed(report_path):
    # 000 l.1942 "1,0 1,3 0,1 ≤±1" (VSS Budgetavvikelse): '≤±1' is a target, read as a number
    path = report_path("000")
    doc = extract_file(path)
    assert 1942 not in {u.line_no for u in unclaimed_lines(doc, path.read_bytes())}
    cells = {c.col_no: c.raw_text for t in doc.tables for r in t.rows for c in r.cells if c.line_no == 1942}
    assert cells == {1: "1,0", 2: "1,3", 3: "0,1", 4: "≤±1"}
