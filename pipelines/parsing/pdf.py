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

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd fonts are not ours
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
    for k in range(n_pages):
        try:
            texts.append(pages[k].extract_text(extraction_mode="layout").rstrip("\n"))
        except (PyPdfError, PdfReadError, ValueError, KeyError, TypeError, IndexError, ZeroDivisionError) as exc:
            texts.append("")
            warnings.append(f"PDF page {k + 1} could not be read ({type(exc).__name__}: {exc}); its text is missing")
    if not any(t.strip() for t in texts):
        raise ReportDecodeError(
            "the PDF holds no text (a scanned document?): run OCR on it (e.g. ocrmypdf) and add the result"
        )
    return "\n\f".join(texts) + "\n", warnings
