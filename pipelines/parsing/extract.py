"""Extract one report: bytes in, document metadata + tables + cells out."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .metadata import DocumentMeta, complete_title, read_metadata
from .sections import find_sections, organisation_at
from .tables import Table, find_tables
from .text import ReportDecodeError, decode_report, normalised_text_sha256, partial_last_line, split_lines
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


def extract_document(source_file: str, data: bytes, vocab: Vocabulary | None = None) -> Document:
    vocab = vocab or load_vocabulary()
    try:
        text = decode_report(data)
    except ReportDecodeError as exc:
        raise ExtractionError(f"{source_file}: {exc}") from exc
    lines = split_lines(text)
    warnings = []
    cut = partial_last_line(text)
    if cut:
        # a file cut off mid-row: the partial row would load wrong numbers
        warnings.append(f"line {cut} dropped: the file ends inside a table row (cut off?): {lines[-1].strip()[:60]!r}")
        lines[-1] = ""
    tables = find_tables(lines, vocab)
    if not tables:
        raise ExtractionError(f"{source_file}: no table with numbers was found in the text")
    meta = read_metadata(lines, vocab)
    sections = find_sections(lines, vocab)
    first_named = next((s.organisation for s in sections if s.organisation), None)
    if first_named:
        meta.organisation = first_named
    meta.title = complete_title(meta)
    for table in tables:
        table.organisation = organisation_at(sections, table.first_line, meta.organisation)
    return Document(source_file, hashlib.sha256(data).hexdigest(), meta, tables, len(lines),
                    normalised_text_sha256(text), warnings)


def extract_file(path: str | Path, vocab: Vocabulary | None = None) -> Document:
    path = Path(path)
    return extract_document(path.name, path.read_bytes(), vocab)
