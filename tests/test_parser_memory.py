"""A long report is read without a reading of every line held at once, and reads the same."""
import hashlib
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from pipelines.parsing import extract_document
from pipelines.parsing.line_infos import KEEP, LineInfos, ReadOver
from pipelines.parsing.lines import analyse_line
from pipelines.parsing.text import decode_report, normalised_text_sha256, split_lines

RAW = Path(__file__).resolve().parents[1] / "data" / "raw"


def _report_lines() -> list[str]:
    path = sorted(RAW.glob("*.txt"))[0]
    return split_lines(decode_report(path.read_bytes()))


def test_line_infos_read_every_line_as_analyse_line_does():
    lines = _report_lines()
    infos = LineInfos(lines)
    assert len(infos) == len(lines)
    for k in list(range(len(lines))) + list(range(len(lines) - 1, -1, -1)):  # forwards, then back
        assert infos[k] == analyse_line(k + 1, lines[k])
    assert infos[-1] == analyse_line(len(lines), lines[-1])
    assert infos[3:9] == [analyse_line(k + 1, lines[k]) for k in range(3, 9)]
    with pytest.raises(IndexError):
        infos[len(lines)]


def test_line_infos_keep_a_bounded_number_of_readings():
    lines = _report_lines() * 3
    infos = LineInfos(lines)
    for k in range(len(lines)):
        infos[k]
    assert len(infos._new) + len(infos._old) <= 2 * KEEP < len(lines)


def test_read_over_replaces_only_the_lines_read_again():
    lines = _report_lines()
    infos = LineInfos(lines)
    again = analyse_line(5, "Intäkter 1 2 3")
    over = ReadOver(infos, {5: again})
    assert over[4] is again and over[5] == infos[5]
    assert over[2:7][2] is again
    assert len(over) == len(lines)


@pytest.mark.parametrize("text", [
    "", "\n\n", "a\r\nb\rc\n", "  \n a \t\n\n\nb  \n \n", "e\u0301\n\u0301x", "x\x1c\ny\u2028z\x85\n",
    "\ufeffrad 1\f\n\n", "å\r\n\r\n\r\nä  ",
])
def test_text_hash_read_a_line_at_a_time_is_the_whole_texts(text):
    lines = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body = "\n".join(line.rstrip() for line in lines).strip("\n")
    assert normalised_text_sha256(text) == hashlib.sha256(body.encode("utf-8")).hexdigest()


def test_a_long_report_is_read_in_a_small_multiple_of_its_size():
    # the default reports three times over (about 1 MB): the parser once held some 20 bytes
    # for each byte of text (a reading of every line); now under 12
    data = b"".join(p.read_bytes() for p in sorted(RAW.glob("*.txt"))) * 3
    extract_document("warm.txt", sorted(RAW.glob("*.txt"))[1].read_bytes())
    tracemalloc.start()
    try:
        doc = extract_document("long.txt", data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.tables) > 100
    assert peak < 12 * len(data)
