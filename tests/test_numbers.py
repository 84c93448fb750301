"""The Swedish number grammar, on numbers as the reports print them."""
import pytest

from pipelines.parsing.numbers import is_marker, parse_number, split_numbers


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("564,8", 564.8, 1),
        ("1 686", 1686.0, 0),
        ("- 20 347", -20347.0, 0),
        ("−3", -3.0, 0),
        ("12.5", 12.5, 1),
        ("65,9%", 65.9, 1),
        ("+1,0 %", 1.0, 1),
        ("≥4,0", 4.0, 1),
        ("-0,2", -0.2, 1),
        ("1 686 182", 1686182.0, 0),
        ("0,03", 0.03, 2),
        # thousands parted by a no-break, narrow no-break, thin or figure space, as word
        # processors and PDFs print them
        ("1\u00a0012,4", 1012.4, 1),
        ("1\u202f012,4", 1012.4, 1),
        ("1\u2009012,4", 1012.4, 1),
        ("-12\u2007500", -12500.0, 0),
    ],
)
def test_parse_number(text, value, decimals):
    number = parse_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert number.decimals == decimals


def test_percent_and_comparator_are_kept_apart_from_the_value():
    assert parse_number("65,9%").percent is True
    assert parse_number("≥4,0").comparator == "≥"
    # a target band printed as '≤±1' (000 l.1942): at most one either way
    assert (parse_number("≤±1").comparator, parse_number("≤±1").value) == ("≤±", 1.0)
    assert (parse_number("<±1").comparator, parse_number("<±1").value) == ("<±", 1.0)
    # footnote 8 printed before the target '≥77' (000 l.2100)
    n = parse_number("8≥77")
    assert (n.footnote, n.comparator, n.value) == ("8", "≥", 77.0)


@pytest.mark.parametrize(("text", "footnote", "value"), [("24*", "*", 24.0), ("2,17 ²", "²", 2.17), ("84**", "**", 84.0)])
def test_footnote_markers_are_not_merged_into_values(text, footnote, value):
    number = parse_number(text)
    assert number.value == value and number.footnote == footnote


# a dash of any width (a typeset report's em dash '—', the figure dash '‒') and statistics' '..'
@pytest.mark.parametrize("text", ["I.U.", "i.u", "IU", "-", "i,.u", "I.U", "—", "‒", ".."])
def test_markers(text):
    assert parse_number(text) is None
    assert is_marker(text)


@pytest.mark.parametrize("text", ["Budget", "2023-06-13", "", "mnkr", "...", "—5"])
def test_not_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("tokens", "columns", "cells"),
    [
        # Leanlink, 000 line 2572: thousands separated by spaces, like the cells
        ("-69 264 -65 160 -4 104 6 637", 4, ["-69 264", "-65 160", "-4 104", "6 637"]),
        # 000 line 2578: only the column count can split "132 303 141 549"
        ("132 303 141 549 -9 245 -5 880", 4, ["132 303", "141 549", "-9 245", "-5 880"]),
        # 000 line 2604: three printed numbers in four columns (deviation left blank)
        ("1 686 182 1 688 129 1 657 144", 4, ["1 686 182", "1 688 129", "1 657 144"]),
        # 001 line 199: two 3-digit numbers, two columns
        ("225 230", 2, ["225", "230"]),
        # 000 line 1657: "122441" printed without a space
        ("121 355 122441 490 000", 3, ["121 355", "122441", "490 000"]),
        # 000 line 308: a zero is never the first group of a thousands number
        ("121,7 121,7 0 112,4", 4, ["121,7", "121,7", "0", "112,4"]),
        # 002 line 672: decimals after a 3-digit value
        ("227,4 235 240,1 246,9", 4, ["227,4", "235", "240,1", "246,9"]),
    ],
)
def test_split_numbers(tokens, columns, cells):
    assert split_numbers(tokens.split(), columns) == cells


def test_a_minus_after_an_amount_makes_it_negative():
    # ledger printouts print the sign after the number ('9 450-', '2,4-')
    assert parse_number("9 450-").value == -9450
    assert parse_number("2,4-").value == -2.4
    assert parse_number("450-").value == -450
    # a year's or a word's hyphen is no sign ('1990-talet', '60- och 70-talet')
    assert parse_number("1990-") is None
    assert parse_number("60-") is None
    assert split_numbers(["9", "450-", "9", "120-", "330"]) == ["9 450-", "9 120-", "330"]


def test_an_amount_may_print_its_unit_in_kronor():
    # a fee table prints '1 250 kr' in a cell of its own
    assert parse_number("1 250kr").value == 1250
    assert split_numbers(["1", "250kr", "1", "300kr"]) == ["1 250kr", "1 300kr"]
