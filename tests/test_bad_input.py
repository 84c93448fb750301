"""Bad input gets a clear error naming the file; good reports still load."""
from __future__ import annotations

import duckdb
import pytest

from pipelines.parsing import ExtractionError, extract_document, extract_file
from pipelines.parsing.records import to_records
from pipelines.warehouse import duplicate_of, record_error, replace_document


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n\n  \n", "empty"),
        ("scan.txt", b"%PDF-1.4\x00\x01\x02\x03" * 50, "binary"),
        ("prose.txt", "Nämndens uppdrag\nVerksamheten har utvecklats väl under året.\n".encode(), "no table"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(name, data, message):
    with pytest.raises(ExtractionError) as info:
        extract_document(name, data)
    assert name in str(info.value)
    assert message in str(info.value)


def test_truncated_report_keeps_what_is_whole(report_path):
    path = report_path("000")
    data = path.read_bytes()
    cut = data[: data.index("Summa nettokostnader 79,4".encode()) + 200]
    # cut inside a multi-byte character at the very end
    cut = cut + "ö".encode()[:1]
    doc = extract_document(path.name, cut)
    labels = [r.label for t in doc.tables for r in t.rows]
    assert "Summa nettokostnader" in labels
    assert doc.tables[0].rows[0].cells[0].value == 564.8


def test_replacing_one_report_keeps_the_others(tmp_path, report_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    first = to_records(extract_file(report_path("003")))
    second = to_records(extract_file(report_path("004")))
    replace_document(con, first)
    replace_document(con, second)
    before_004 = con.execute("select count(*) from raw.cells where document_id like '004%'").fetchone()[0]
    # re-extract 003 from a changed file: one table less
    data = report_path("003").read_bytes().replace("Summa (kr)".encode(), b"Totalt (kr)")
    changed = to_records(extract_document(report_path("003").name, data))
    counts = replace_document(con, changed)
    assert con.execute("select count(*) from raw.cells where document_id like '003%'").fetchone()[0] == counts["cells"]
    assert con.execute("select count(*) from raw.cells where document_id like '004%'").fetchone()[0] == before_004
    assert con.execute("select count(*) from raw.documents").fetchone()[0] == 2


def test_duplicate_content_is_found(tmp_path, report_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    doc = extract_file(report_path("004"))
    replace_document(con, to_records(doc))
    assert duplicate_of(con, "copy_of_004.txt", doc.text_sha256) == report_path("004").name
    assert duplicate_of(con, report_path("004").name, doc.text_sha256) is None


def test_an_error_leaves_the_earlier_rows(tmp_path, report_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    replace_document(con, to_records(extract_file(report_path("004"))))
    record_error(con, report_path("004").name, "004: the file is empty")
    assert con.execute("select count(*) from raw.cells").fetchone()[0] > 0
    assert con.execute("select error from raw.extraction_errors").fetchone()[0] == "004: the file is empty"
