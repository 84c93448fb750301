"""Extract one report: bytes in, document metadata + tables + cells out."""
from __future__ import annotations

import gc
import hashlib
import re
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .metadata import DocumentMeta, complete_title, read_metadata
from .classify import table_kind, table_unit, unit_in_text_above
from .readers import find_layout_tables
from .readers.glued import unglue_header
from .words import DocumentWords, close_unmarked_breaks
from .sections import find_sections, organisation_at
from .pdf import is_pdf, pdf_text
from .gutters import find_gutters, left_and_right
from .pages import page_furniture, page_number_lines
from .regions import join_across_pages
from .tables import Table, find_tables
from .text import ReportDecodeError, decode_report, normalised_text_sha256, page_starts, partial_last_line, split_lines
from .vocabulary import Vocabulary, load_vocabulary


class ExtractionError(ValueError):
    """A report that cannot be extracted; the message names the file."""


@dataclass
class Document:
    source_file: str
    sha256: str
    meta: DocumentMeta
    tables: list[Table]
    n_lines: int
    text_sha256: str = ""
    warnings: list[str] = field(default_factory=list)
    # the lines that begin a page after the first (a PDF's pages, form feeds in a text), so a
    # page as a PDF viewer counts it, not the number printed on it; None for a text without pages
    page_starts: tuple[int, ...] | None = None

    def page_of(self, line_no: int) -> int | None:
        """The page a line is printed on, counted from 1; None for a text without pages."""
        if self.page_starts is None:
            return None
        return bisect_right(self.page_starts, line_no) + 1

    @property
    def n_pages(self) -> int | None:
        return None if self.page_starts is None else len(self.page_starts) + 1


def extract_document(source_file: str, data: bytes, vocab: Vocabulary | None = None) -> Document:
    with _collector_paused():
        return _extract(source_file, data, vocab or load_vocabulary())


@contextmanager
def _collector_paused():
    """The cyclic garbage collector paused while a report is read. The parser makes few
    reference cycles (reference counting frees the rest as before), and on a long report the
    collector's repeated passes over the growing tables cost about a seventh of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extract(source_file: str, data: bytes, vocab: Vocabulary) -> Document:
    warnings = []
    try:
        text = report_text(source_file, data, warnings)
    except ReportDecodeError as exc:
        raise ExtractionError(f"{source_file}: {exc}") from exc
    text_sha256 = normalised_text_sha256(text)
    lines = split_lines(text)
    pages = page_starts(text)
    cut = partial_last_line(text, lines)
    del text  # the lines hold it now: a long report is not kept twice
    if cut:
        # a file cut off mid-row: the partial row would load wrong numbers
        warnings.append(f"line {cut} dropped: the file ends inside a table row (cut off?): {lines[-1].strip()[:60]!r}")
        lines[-1] = ""
    tables = _all_tables(lines, vocab, pages)
    if not tables:
        raise ExtractionError(f"{source_file}: no table with numbers was found in the text")
    meta = read_metadata(lines, vocab)
    sections = find_sections(lines, vocab, pages)
    first_named = next((s.organisation for s in sections if s.organisation), None)
    if first_named:
        meta.organisation = first_named
    meta.title = complete_title(meta)
    for table in tables:
        table.organisation = organisation_at(sections, table.first_line, meta.organisation)
    # a form feed after the last page (pdftotext ends with one) begins no page
    last_printed = next((k for k in range(len(lines), 0, -1) if lines[k - 1].strip()), 0)
    paged = tuple(sorted(k for k in pages if k <= last_printed)) if pages or is_pdf(data) else None
    return Document(source_file, hashlib.sha256(data).hexdigest(), meta, tables, len(lines), text_sha256, warnings, paged)


def report_text(source_file: str, data: bytes, warnings: list[str] | None = None) -> str:
    """The text the parser reads: a PDF's text laid out in columns (known by its first bytes,
    whatever the file's name), else the file decoded; warnings of unread PDF pages are added to
    `warnings`."""
    if is_pdf(data):
        text, unread = pdf_text(data)
        if warnings is not None:
            warnings.extend(unread)
        return text
    if source_file.lower().endswith(".pdf"):
        raise ReportDecodeError("the file is named .pdf but is not a PDF (it does not start with %PDF-)")
    return decode_report(data)


UNIT_FROM_TEXT_KINDS = ("other", "key_figures", "operating_statement", "investments")  # not counts or rates


def _all_tables(lines: list[str], vocab: Vocabulary, pages: frozenset[int] = frozenset()) -> list[Table]:
    """Tables of the layouts with readers of their own, then rows of cells in the lines left;
    the pages' running header and footer are read as blank lines, and a table that goes on over
    a page break without its header is one table (`pages`: the lines that begin a page)."""
    furniture = page_furniture(lines, pages) | page_number_lines(lines)
    body = ["" if k + 1 in furniture else line for k, line in enumerate(lines)] if furniture else lines
    gutters = find_gutters(body, vocab)
    if gutters:  # blocks side by side: each block read on its own, at its own lines
        read = [(table, seen) for view, seen in zip(left_and_right(body, gutters), left_and_right(lines, gutters))
                for table in _tables_in(view, vocab, pages)]
        read.sort(key=lambda pair: pair[0].first_line)
    else:
        read = [(table, lines) for table in _tables_in(body, vocab, pages)]
    tables = [table for table, _ in read]
    words = DocumentWords(lines)
    notes = footnote_numbers(lines)
    for k, (table, seen) in enumerate(read, 1):
        table.table_no = k
        _caption_sentence(table, seen, vocab)
        for row in table.rows:
            last = max(row.line_no, row.label_first_line) + len(row.label.split())
            # one space between a label's words: wider spaces are where a PDF set them
            row.label = " ".join(close_unmarked_breaks(row.label, seen, row.label_first_line, last, words).split())
            mark_label_footnote(row, notes)
            _as_printed_in_brackets(row, lines)
        if table.unit is None and table.kind in UNIT_FROM_TEXT_KINDS:
            floor = tables[k - 2].last_line if k > 1 else 0
            table.unit = unit_in_text_above(seen, table.first_line, floor, vocab)
            if table.unit is not None:
                table.kind = table_kind(table.caption, table.stub_header, table.headers, table.rows, vocab, table.unit)
    return tables


def _as_printed_in_brackets(row, lines: list[str]) -> None:
    """A negative amount its line prints in brackets ('(2 318,4)', read as −2 318,4) keeps the
    brackets in its `raw_text`: the text as printed, where the line prints no '-2 318,4'."""
    for cell in row.cells:
        raw = cell.raw_text
        if raw.startswith("-") and "(" in (line := lines[cell.line_no - 1]):
            bracketed = f"({raw[1:]})"
            if bracketed in line and raw not in line:
                cell.raw_text = bracketed


def _tables_in(body: list[str], vocab: Vocabulary, pages: frozenset[int]) -> list[Table]:
    """The tables of the layouts with readers of their own, then of rows of cells in the lines
    left, in the order of their lines; a table that goes on after a page break joined."""
    found, taken = find_layout_tables(body, vocab)
    rest = ["" if k + 1 in taken else unglue_header(line, vocab) for k, line in enumerate(body)]
    return join_across_pages(sorted(found + find_tables(rest, vocab), key=lambda t: t.first_line), body, pages)


# a footnote: its number, bare, closed by a bracket or in brackets, then a sentence
_FOOTNOTE_LINE_RE = re.compile(r"^\s*(?:(\d{1,2})|(\d{1,2})\)|\((\d{1,2})\)) [A-ZÅÄÖ]\w*(?: \S+){2,}")
# a footnote's mark at a label's end: glued to its last word, or apart as '1)' or '(1)'
_GLUED_MARK_RE = re.compile(r"(?<=[a-zåäö])(\d{1,2})$|\s+(\d{1,2})\)$|\s+\((\d{1,2})\)$")


def footnote_numbers(lines: list[str]) -> frozenset[str]:
    """The numbers of the footnotes a report prints ('1 Nämnden fick ett tilläggsanslag …',
    '1) Inklusive …', '(1) Exklusive …')."""
    return frozenset(_mark(m) for line in lines if (m := _FOOTNOTE_LINE_RE.match(line)))


def _mark(m: re.Match) -> str:
    return next(g for g in m.groups() if g)


def mark_label_footnote(row, notes: frozenset[str]) -> None:
    """A footnote's number at the end of a label ('Tekniska nämnden1': a superscript read as
    text; 'Antal barn i förskola 1)', '… per inskrivet barn (1)') when the report prints that
    footnote: the label is the words, the mark goes to the row's cells that carry none of
    their own."""
    m = _GLUED_MARK_RE.search(row.label)
    if m is None or _mark(m) not in notes:
        return
    row.label = row.label[: m.start()]
    for cell in row.cells:
        if cell.footnote is None:
            cell.footnote = _mark(m)


def _caption_sentence(table: Table, lines: list[str], vocab: Vocabulary) -> None:
    """A caption in lower case ends the sentence of the line above it ('… belopp i miljoner'
    / 'kronor.'): the caption is that sentence, and its unit the sentence's."""
    cap = table.caption
    k = table.first_line - 1
    if not cap or not cap[:1].islower() or k < 1 or lines[k].strip() != cap:
        return
    above = lines[k - 1].strip()
    if not above or above.endswith((".", ":", "!", "?", "-")) or len(re.findall(r"\d+", above)) >= 2:
        return  # a sentence of its own, a word broken over the lines, or a row of numbers
    table.caption = f"{above} {cap}"
    table.unit = table_unit(table.caption, table.stub_header, table.headers, vocab)
    table.kind = table_kind(table.caption, table.stub_header, table.headers, table.rows, vocab, table.unit)


def extract_file(path: str | Path, vocab: Vocabulary | None = None) -> Document:
    path = Path(path)
    return extract_document(path.name, path.read_bytes(), vocab)
