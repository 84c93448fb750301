"""Reading a report file into clean lines: encoding, line endings, markup."""
from __future__ import annotations

import re


class ReportDecodeError(ValueError):
    """The file is not readable report text."""


def decode_report(data: bytes) -> str:
    """Decode report bytes: UTF-8 (with or without BOM), else Windows-1252.

    Raises ReportDecodeError for empty or binary content.
    """
    if not data or not data.strip():
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
    control = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n\f")
    if control > 0.01 * min(len(text), 20000):
        raise ReportDecodeError("the file is binary, not text (control characters)")
    return text


_TAG_RE = re.compile(r"</?(?:i|b|em|strong|u)>", re.IGNORECASE)


def split_lines(text: str) -> list[str]:
    """Lines of the text with CRLF/CR normalised; the list index + 1 is the line number."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    return text.split("\n")


def strip_markup(cell: str) -> str:
    return _TAG_RE.sub("", cell)
