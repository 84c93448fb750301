"""Bad input gets a clear error naming the file; good reports still load."""
from __future__ import annotations

from pathlib import Path

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
        ("bin.txt", b"\x89PNG\x00\x01\x02\x03" * 50, "binary"),
        # a PDF is known by its first bytes, whatever its name
        ("scan.txt", b"%PDF-1.4\x00\x01\x02\x03" * 50, "the PDF cannot be read"),
        ("fake.pdf", b"Driftredovisning 2024 100 200\n", "is named .pdf but is not a PDF"),
        ("prose.txt", "Nämndens uppdrag\nVerksamheten har utvecklats väl under året.\n".encode(), "no table"),
    ],
)
def test_bad_files_get_a_clear_error_naming_the_file(name, data, message):
    with pytest.raises(ExtractionError) as info:
        extract_document(name, data)
    assert name in str(info.value)
    assert message in str(info.value)


def _pdf(make) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    make(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PDF = Path(__file__).parent / "data" / "corpus" / "c02_simrishamn_budget2027.pdf"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("cut.pdf", lambda: PDF.read_bytes()[: PDF.stat().st_size // 2], "the PDF cannot be read (damaged or cut off?)"),
        ("scan.pdf", lambda: _pdf(lambda w: w.add_blank_page(595, 842)), "the PDF holds no text (a scanned document?)"),
        ("locked.pdf", lambda: _pdf(lambda w: (w.append(PDF), w.encrypt("hemligt", algorithm="AES-256"))),
         "the PDF is locked with a password"),
    ],
)
def test_bad_pdfs_get_a_clear_error_naming_the_file(name, data, message):
    with pytest.raises(ExtractionError) as info:
        extract_document(name, data())
    assert str(info.value).startswith(f"{name}: {message}")


def test_a_pdf_restricted_only_by_its_owner_is_read():
    # many published reports are encrypted with an empty user password (printing or copying
    # restricted): they open without one
    data = _pdf(lambda w: (w.append(PDF), w.encrypt("", owner_password="ägaren", algorithm="AES-128")))
    doc = extract_document("restricted.pdf", data)
    totals = [r for t in doc.tables for r in t.rows if r.label == "Summa investeringsbudget"]
    assert [c.raw_text for c in totals[0].cells] == ["37 525", "17 125", "7 475", "5 775", "4 075", "71 975"]


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


# --- every bad input through the extraction step: a clear outcome naming the file, nothing else lost


def _extract(folder, con=None):
    from pipelines.extraction import extract_changed

    con = con or duckdb.connect()
    return {o.source_file: o for o in extract_changed(con, folder)}, con


@pytest.fixture()
def good(tmp_path, report_path):
    """A raw folder holding report 004 (7 tables, 299 cells), to add one bad file to."""
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / report_path("004").name).write_bytes(report_path("004").read_bytes())
    return folder


def _good_still_loaded(outcomes, con, report_path):
    name = report_path("004").name
    assert outcomes[name].status == "loaded" and outcomes[name].cells == 299
    assert con.execute("select count(*) from raw.cells where document_id = ?", [name]).fetchone()[0] == 299


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("binary.txt", bytes(range(256)) * 40, "binary.txt: the file is binary"),
        ("prose.txt", "Nämndens uppdrag\nVerksamheten har utvecklats väl.\n".encode(), "prose.txt: no table"),
    ],
)
def test_a_bad_file_fails_by_name_and_the_rest_loads(good, report_path, name, data, message):
    (good / name).write_bytes(data)
    outcomes, con = _extract(good)
    assert outcomes[name].status == "failed"
    assert outcomes[name].detail.startswith(message)
    assert con.execute("select error from raw.extraction_errors").fetchall() == [(outcomes[name].detail,)]
    _good_still_loaded(outcomes, con, report_path)


@pytest.mark.parametrize(
    ("codec", "prefix", "cells", "label"),
    [
        ("utf-16", "003", 438, "Andel heltidsanställningar (%)"),
        ("utf-32", "003", 438, "Andel heltidsanställningar (%)"),
        ("utf-16-be", "003", 438, "Andel heltidsanställningar (%)"),
        ("cp1252", "001", 226, "Antal tillsvidare anställda"),
    ],
)
def test_other_encodings_are_read(good, report_path, codec, prefix, cells, label):
    text = report_path(prefix).read_text(encoding="utf-8")
    data = text.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + text.encode(codec)
    (good / "in another encoding.txt").write_bytes(data)
    outcomes, con = _extract(good)
    reference = extract_file(report_path(prefix))
    assert outcomes["in another encoding.txt"].status == "loaded"
    assert outcomes["in another encoding.txt"].cells == sum(len(r.cells) for t in reference.tables for r in t.rows) == cells
    labels = {r[0] for r in con.execute("select row_label from raw.cells where document_id = 'in another encoding.txt'").fetchall()}
    assert label in labels
    _good_still_loaded(outcomes, con, report_path)


def test_a_file_cut_mid_row_drops_and_reports_the_partial_row(good, report_path):
    data = report_path("004").read_bytes()
    cut = data[: data.index("Vård dygn, antal\t195 790\t198 250".encode()) + len("Vård dygn, antal\t195 790\t198 2".encode())]
    (good / "cut.txt").write_bytes(cut)
    outcomes, con = _extract(good)
    assert outcomes["cut.txt"].status == "loaded"
    assert outcomes["cut.txt"].detail.startswith("line 246 dropped: the file ends inside a table row")
    rows = con.execute("select line_no, raw_text from raw.cells where document_id = 'cut.txt' order by line_no").fetchall()
    assert rows[-1][0] == 245 and all(r[0] != 246 for r in rows)
    assert ("198 2" not in {r[1] for r in rows}) and len([r for r in rows if r[0] == 245]) == 8


def test_the_default_reports_lose_no_last_line(report_path):
    # 003 ends without a line break in a whole table row, 004 in prose: nothing is dropped
    for prefix in ("000", "001", "002", "003", "004"):
        assert extract_file(report_path(prefix)).warnings == []


def test_a_copy_in_another_encoding_and_line_ends_is_a_duplicate(good, report_path):
    text = report_path("004").read_text(encoding="utf-8").replace("\n", "\r\n")
    (good / "kopia av 004.TXT").write_bytes(text.encode("cp1252"))
    (good / "kopia utf16.txt").write_bytes(text.encode("utf-16"))
    outcomes, con = _extract(good)
    for name in ("kopia av 004.TXT", "kopia utf16.txt"):
        assert outcomes[name].status == "duplicate"
        assert outcomes[name].detail == f"the same text as {report_path('004').name} (not loaded twice)"
    assert con.execute("select count(*) from raw.documents").fetchone()[0] == 1
    _good_still_loaded(outcomes, con, report_path)


def test_an_oversize_file_is_not_read(good, report_path, monkeypatch):
    monkeypatch.setenv("RAPPORTLAGER_MAX_FILE_MB", "0.07")  # 004 (64 KB) fits, 003 (92 KB) does not
    (good / "big.txt").write_bytes(report_path("003").read_bytes())
    outcomes, con = _extract(good)
    assert outcomes["big.txt"].status == "failed"
    assert outcomes["big.txt"].detail == (
        "big.txt: the file is 0.1 MB, over the limit of 0 MB (not read; raise RAPPORTLAGER_MAX_FILE_MB to read it)")
    _good_still_loaded(outcomes, con, report_path)


def test_odd_file_names_are_their_own_reports(good, report_path):
    names = {"rapport med mellanslag.txt": "003", "årsrapport ÖÄ.txt": "001", "x.txt": "002", "x.TXT": "000", "z.txt": "003"}
    for name, prefix in names.items():
        (good / name).write_bytes(report_path(prefix).read_bytes())
    outcomes, con = _extract(good)
    # the second copy of 003 is the duplicate: 'rapport …' sorts before z.txt
    assert outcomes["x.TXT"].status == "loaded" and outcomes["x.txt"].status == "loaded"
    assert outcomes["rapport med mellanslag.txt"].status == "loaded"
    assert outcomes["z.txt"].status == "duplicate"
    assert outcomes["årsrapport ÖÄ.txt"].status == "loaded"
    ids = dict(con.execute("select document_id, sha256 from raw.documents").fetchall())
    assert {"x.txt", "x.TXT", "årsrapport ÖÄ.txt"} <= set(ids) and ids["x.txt"] != ids["x.TXT"]
    _good_still_loaded(outcomes, con, report_path)


def test_sql_looking_labels_are_data(good, report_path):
    label = "Robert'); DROP TABLE raw.cells; --"
    data = report_path("004").read_bytes().replace("Hemtjänst, timmar\t".encode(), f"{label}\t".encode())
    (good / "sql.txt").write_bytes(data)
    outcomes, con = _extract(good)
    assert outcomes["sql.txt"].status == "loaded" and outcomes["sql.txt"].cells == 299
    assert con.execute("select count(*) from raw.cells where row_label = ?", [label]).fetchone()[0] == 8
    _good_still_loaded(outcomes, con, report_path)


def test_a_word_file_is_ignored_and_a_damaged_pdf_fails(good, report_path):
    (good / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (good / "notes.docx").write_bytes(b"PK")
    outcomes, con = _extract(good)
    assert outcomes["scan.pdf"].status == "failed"
    assert outcomes["scan.pdf"].detail.startswith("scan.pdf: the PDF cannot be read")
    assert outcomes["notes.docx"].status == "ignored"
    assert outcomes["notes.docx"].detail.startswith("Word files are not read")
    _good_still_loaded(outcomes, con, report_path)


def test_only_new_changed_and_removed_files_are_touched(good, report_path):
    outcomes, con = _extract(good)
    name = report_path("004").name
    # a new report whose name sorts first, and a report that will be removed
    (good / "000 sorts first.txt").write_bytes(report_path("001").read_bytes())
    (good / "zz_old.txt").write_bytes(report_path("002").read_bytes())
    second, _ = _extract(good, con)
    assert {k: o.status for k, o in second.items()} == {
        name: "unchanged", "000 sorts first.txt": "loaded", "zz_old.txt": "loaded"}
    (good / "zz_old.txt").unlink()
    (good / name).write_bytes(report_path("004").read_bytes().replace("Hemtjänst, timmar".encode(), "Hemtjänst, timmar i år".encode()))
    third, _ = _extract(good, con)
    assert {k: o.status for k, o in third.items()} == {
        name: "loaded", "000 sorts first.txt": "unchanged", "zz_old.txt": "removed"}
    for table in ("documents", "tables", "cells"):
        assert con.execute(f"select count(*) from raw.{table} where document_id = 'zz_old.txt'").fetchone()[0] == 0
    assert con.execute("select count(*) from raw.cells where row_label = 'Hemtjänst, timmar i år'").fetchone()[0] == 8
    status = dict(con.execute("select source_file, status from raw.file_status").fetchall())
    assert status == {name: "loaded", "000 sorts first.txt": "unchanged", "zz_old.txt": "removed"}


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("Hemtjänst\t350 875\t325 557\t306 002\nVård dygn\t195 790\t198 2", 2),  # cut mid-row
        ("Summa 564,8 550,1 14,7\nVarav KLF 79,4 7", 2),
        # whole last rows with a shorter label than the row above: kept
        ("Resultat före extraordinära poster – 52,0 31,7 – 53,7 36,7\n\nÅRETS RESULTAT 9 – 52,0 31,7 – 53,7 36,7", None),
        ("Reservering av medel till RUR   – 22,0 0,0 0\n \nBalanskravsresultat\n  14,3 71,5 14,3", None),
        ("till 911 715 kronor 2026 och cirka 3,3 miljoner\nkronor.\n15", None),  # a page number
        ("Män\t33,3\t23,6\t2,8\t-\t\nKvinnor\t17,2\t13,1\t4,2\t-\t", None),  # 003's last row
        ("Summa 564,8 550,1 14,7\nVarav KLF 79,4 7\n", None),  # ends with a line break
        ("Summa 564,8 550,1 14,7\nDet är allt.", None),  # prose
    ],
)
def test_partial_last_line(text, cut):
    from pipelines.parsing.text import partial_last_line

    assert partial_last_line(text) == cut


def test_reports_loaded_together_are_judged_as_if_one_by_one(tmp_path, report_path):
    """Reports load a batch at a time: a duplicate is still one of a report before it in the
    same batch, and a report that changed in this run no longer counts with its old text."""
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.txt").write_bytes(report_path("004").read_bytes())
    outcomes, con = _extract(folder)
    assert outcomes["a.txt"].status == "loaded"
    # a.txt now holds 003; b.txt holds what a.txt held (004), c.txt the same as b.txt
    (folder / "a.txt").write_bytes(report_path("003").read_bytes())
    (folder / "b.txt").write_bytes(report_path("004").read_bytes())
    (folder / "c.txt").write_bytes(report_path("004").read_bytes())
    outcomes, con = _extract(folder, con)
    assert [outcomes[n].status for n in ("a.txt", "b.txt", "c.txt")] == ["loaded", "loaded", "duplicate"]
    assert outcomes["c.txt"].detail == "the same text as b.txt (not loaded twice)"
    assert con.execute("select source_file, count(*) from raw.cells join raw.documents using (document_id) "
                       "group by source_file order by 1").fetchall() == [("a.txt", 438), ("b.txt", 299)]
