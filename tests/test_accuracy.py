"""Extraction against the hand-written expected files, cell by cell (label, column, text)."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.accuracy import compare, read_expected
from pipelines.parsing import extract_file

EXPECTED = Path(__file__).parent / "expected"
FINANCIAL = {"key_figures", "operating_statement", "investments"}


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_financial_tables_are_extracted_exactly(report_path, prefix):
    doc = extract_file(report_path(prefix))
    result = compare(doc, read_expected(EXPECTED / f"{prefix}.tsv"), FINANCIAL)
    assert result.expected > 0
    assert result.problems == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_personnel_and_volume_tables_are_extracted_exactly(report_path, prefix):
    doc = extract_file(report_path(prefix))
    result = compare(doc, read_expected(EXPECTED / f"{prefix}.tsv"), {"personnel", "volumes"})
    assert result.problems == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_extra_cells_in_financial_tables(report_path, prefix):
    doc = extract_file(report_path(prefix))
    expected = {(e.value_line, e.col_no) for e in read_expected(EXPECTED / f"{prefix}.tsv")}
    extra = [
        (c.line_no, c.col_no, r.label, c.raw_text)
        for t in doc.tables if t.kind in FINANCIAL
        for r in t.rows for c in r.cells
        if (c.line_no, c.col_no) not in expected
    ]
    assert extra == []


def test_indicator_tables(report_path):
    # indicator tables, against tests/expected/indicators (typed by hand): the issue asks for
    # 95 %; measured 1 070 of 1 113 cells right (96.1 %)
    total = correct = 0
    for prefix in ["000", "001", "002", "003", "004"]:
        doc = extract_file(report_path(prefix))
        expected = read_expected(EXPECTED / "indicators" / f"{prefix}.tsv")
        for cell in expected:
            cell.kind = "indicators"
        found = {(c.line_no, c.col_no): (r.label, c.raw_text) for t in doc.tables for r in t.rows for c in r.cells}
        total += len(expected)
        correct += sum(found.get((e.value_line, e.col_no)) == (e.label, e.raw_text) for e in expected)
    assert total == 1113
    assert correct / total >= 0.95


@pytest.mark.parametrize("prefix", ["003", "004"])
def test_no_extra_cells_in_tab_indicator_tables(report_path, prefix):
    # a header printed again inside a tab table (003 l.575 'Nämndindikator 2022 2023 Augusti
    # 2024', 004 l.417 '… 2023 januari-juli Riktning 2024 …') is not a row of values
    doc = extract_file(report_path(prefix))
    expected = {(e.value_line, e.col_no) for e in read_expected(EXPECTED / "indicators" / f"{prefix}.tsv")}
    extra = [
        (c.line_no, c.col_no, r.label, c.raw_text)
        for t in doc.tables if t.kind == "indicators"
        for r in t.rows for c in r.cells
        if (c.line_no, c.col_no) not in expected
    ]
    assert extra == []
