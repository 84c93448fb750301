"""A PDF file read into text laid out in columns, as `pdftotext -layout` prints it.

A PDF places every word at a position; it has no cells. Its text is read with pypdf's layout
mode (pure Python): each line of words at one height becomes a line of text, each word set at
the column its position gives, so the gap between two words shows as spaces, wide between cells
and narrow between the words of a cell. That is the fact the parser's readers of column-aligned
text rest on (two spaces or more part cells). Pages are joined with a form feed, as pdftotext
joins them, so a table that goes on over a page break is read as one. The line numbers of the
cells are those of this text (`rapportlager text FILE.pdf` prints it)."""
from __future__ import annotations

import io
import logging

from .text import ReportDecodeError

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    """A PDF starts with `%PDF-` (some writers put a few bytes of junk before it)."""
    return PDF_MAGIC in data[:1024]


def pdf_text(data: bytes) -> tuple[str, list[str]]:
    """The PDF's text, one page after another with a form feed between, and warnings for pages
    that could not be read. Raises ReportDecodeError for a PDF that cannot be opened, is locked
    by a password, or holds no text (a scan)."""
    import pypdf  # imported here: only PDF files pay for it
    from pypdf.errors import PdfReadError, PyPdfError

    rotated = _rotated_text_handler()
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReportDecodeError("the PDF is locked with a password: save it without one")
        pages = reader.pages
        n_pages = len(pages)
    except ReportDecodeError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReportDecodeError(f"the PDF cannot be read (damaged or cut off?): {exc}") from exc
    if n_pages == 0:
        raise ReportDecodeError("the PDF has no pages")
    texts, warnings = [], []
    turned = None  # a copy of the document whose pages may be turned (made when one needs it)
    for k in range(n_pages):
        try:
            rotated.seen = False
            page = pages[k]
            if page.get("/Rotate", 0) % 360:
                # a page a viewer shows turned (a landscape page of a merged or printed PDF):
                # read as shown, its turn applied to a copy of its content
                turned = turned or pypdf.PdfWriter(clone_from=reader)
                page = turned.pages[k]
                page.transfer_rotation_to_content()
            text = page.extract_text(extraction_mode="layout")
            if rotated.seen:
                turned = turned or pypdf.PdfWriter(clone_from=reader)
                text = _upright_text(turned.pages[k], text, rotated)
            texts.append(text.rstrip("\n"))
        except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError) as exc:
            texts.append("")
            warnings.append(f"PDF page {k + 1} could not be read ({type(exc).__name__}: {exc}); its text is missing")
    if not any(t.strip() for t in texts):
        raise ReportDecodeError(
            "the PDF holds no text (a scanned document?): run OCR on it (e.g. ocrmypdf) and add the result"
        )
    return "\n\f".join(texts) + "\n", warnings


QUARTER_TURNS = 3  # a table set across the page reads upright after one, two or three


def _upright_text(page, text: str, rotated: "_RotatedText") -> str:
    """A page whose text is set at right angles to it (a wide table printed across a portrait
    page): layout mode reads only the upright text, so the page (a copy of it) is turned a
    quarter at a time, and the turn that reads the most text with none left across is kept."""
    best, best_size = text, len("".join(text.split()))
    for _ in range(QUARTER_TURNS):
        page.rotate(90)
        page.transfer_rotation_to_content()
        rotated.seen = False
        candidate = page.extract_text(extraction_mode="layout")
        size = len("".join(candidate.split()))
        if not rotated.seen and size > best_size:
            best, best_size = candidate, size
    return best


class _RotatedText(logging.Handler):
    """pypdf's note that a page holds text set at an angle (which its layout mode leaves out);
    its other warnings (odd fonts) are not ours and are dropped."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        if "Rotated text" in record.getMessage():
            self.seen = True


def _rotated_text_handler() -> _RotatedText:
    logger = logging.getLogger("pypdf")
    handler = next((h for h in logger.handlers if isinstance(h, _RotatedText)), None)
    if handler is None:
        handler = _RotatedText()
        logger.addHandler(handler)
        logger.setLevel(logging.WARNING)
        logger.propagate = False
    return handler
