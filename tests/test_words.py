"""Words broken over lines without a hyphen: closed up only on the document's own evidence."""
from pipelines.parsing.words import DocumentWords, close_unmarked_breaks

CELL = ["Ombyggnad/tillgängliggöran 400", "de Hafreborg"]


def test_closes_a_break_when_the_document_prints_the_word_whole():
    lines = CELL + ["", "utrustning för tillgängliggörande i museet"]
    words = DocumentWords(lines)
    assert close_unmarked_breaks("Ombyggnad/tillgängliggöran de Hafreborg", lines, 1, 2, words) == (
        "Ombyggnad/tillgängliggörande Hafreborg")


def test_keeps_the_space_without_evidence():
    words = DocumentWords(CELL)
    assert close_unmarked_breaks("Ombyggnad/tillgängliggöran de Hafreborg", CELL, 1, 2, words) == (
        "Ombyggnad/tillgängliggöran de Hafreborg")


def test_keeps_the_space_when_the_first_piece_is_a_word_of_the_document():
    # 'Vård och' / 'omsorg': 'ochomsorg' is printed nowhere; 'skol' / 'barn' with 'skolbarn'
    # printed, but 'skol' also printed inside a line, is two words
    lines = ["Vård och", "omsorg", "skol", "barn", "skolbarn och skol mat"]
    words = DocumentWords(lines)
    assert close_unmarked_breaks("Vård och omsorg", lines, 1, 2, words) == "Vård och omsorg"
    assert close_unmarked_breaks("skol barn", lines, 3, 4, words) == "skol barn"

