"""Reading a report file into clean lines: encoding, line endings, markup, a cut-off end."""
from __future__ import annotations

import hashlib
import re
import unicodedata

# longest first: the UTF-32 LE mark starts with the UTF-16 LE one
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)


class ReportDecodeError(ValueError):
    """The file is not readable report text."""


def decode_report(data: bytes) -> str:
    """Decode report bytes: UTF-32/UTF-16 with a byte-order mark, UTF-8 (with or without
    BOM), else Windows-1252.

    Raises ReportDecodeError for empty or binary content."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_wide(data[len(bom):], codec, name))
    if not data or data.isspace():
        raise ReportDecodeError("the file is empty")
    if b"\x00" in data[:4096]:
        raise ReportDecodeError("the file is binary, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # a file cut inside its last character: keep what is whole
            return decode_report(data[: exc.start])
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReportDecodeError(f"the file is neither UTF-8 nor Windows-1252 text ({exc})") from exc
    return _checked(text)


def _decode_wide(body: bytes, codec: str, name: str) -> str:
    width = 4 if name == "UTF-32" else 2
    body = body[: len(body) - len(body) % width]  # a file cut inside its last code unit
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReportDecodeError(f"the file starts with a {name} byte-order mark but is not {name} text ({exc})") from exc


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, LF, CR, FF


def _checked(text: str) -> str:
    if not text or text.isspace():
        raise ReportDecodeError("the file is empty")
    control = len(_CONTROL_RE.findall(text, 0, 20000))
    if control > 0.01 * min(len(text), 20000):
        raise ReportDecodeError("the file is binary, not text (control characters)")
    return text


_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def normalised_text_sha256(text: str) -> str:
    """Hash of the text as read: line endings LF, Unicode NFC, no trailing blank space, no
    blank lines at the start or the end.

    The same report saved in another encoding or with CRLF line ends hashes the same. Read a
    line at a time (a line break is never part of a Unicode composition), so a long report is
    not copied whole."""
    digest = hashlib.sha256()
    started, blank = False, 0
    for m in _LINE_RE.finditer(text):
        line = unicodedata.normalize("NFC", m.group().rstrip("\r\n")).rstrip()
        if not line:
            blank += started
            continue
        if started:
            digest.update(b"\n" * (blank + 1))
        digest.update(line.encode("utf-8"))
        started, blank = True, 0
    return digest.hexdigest()


def _number_cells(line: str) -> int:
    """Cells (tab-separated) or words holding a digit: the label's words do not count."""
    cells = line.split("\t") if "\t" in line else line.split()
    return sum(1 for cell in cells if any(ch.isdigit() for ch in cell))


def partial_last_line(text: str, lines: list[str] | None = None) -> int | None:
    """The line number of a last line cut off mid-row, else None; `lines` the text split
    already, if it is.

    A cut-off row: the text does not end with a line break, and its last line holds fewer
    numbers (cells with a digit, tab-separated, or else words with a digit) than the last line
    with a number above it — but at least one, and not a lone number (a page number). A cut
    inside the last number of a row cannot be told from a whole row and is kept."""
    if not text or text.endswith(("\n", "\r")):
        return None
    if lines is None:
        lines = split_lines(text)
    last = _number_cells(lines[-1])
    if not last or len(lines[-1].split()) == 1:  # no number, or a lone one (a page number)
        return None
    above = next((line for line in reversed(lines[:-1]) if _number_cells(line)), None)
    if above is None or last >= _number_cells(above):
        return None
    return len(lines)


_TAG_RE = re.compile(r"</?(?:i|b|em|strong|u)>", re.IGNORECASE)


def page_starts(text: str) -> frozenset[int]:
    """The numbers of the lines that begin a page: after a form feed (pdftotext prints one
    between the pages of a PDF). Lines are counted as split_lines counts them."""
    if "\f" not in text:
        return frozenset()
    starts = set()
    for k, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if "\f" in line:
            starts.add(k)
    return frozenset(starts)


def split_lines(text: str) -> list[str]:
    """Lines of the text with CRLF/CR normalised; the list index + 1 is the line number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return text.split("\n")


def strip_markup(cell: str) -> str:
    return _TAG_RE.sub("", cell)
