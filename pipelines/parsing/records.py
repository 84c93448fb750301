"""Flatten an extracted document into the rows of raw.documents, raw.tables, raw.cells."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import PurePath

from .extract import Document


def document_id(source_file: str) -> str:
    """A stable id per report file: its file name (x.txt and x.TXT are two reports)."""
    return PurePath(source_file).name


def to_records(doc: Document, extracted_at: datetime | None = None) -> dict[str, list[dict]]:
    did = document_id(doc.source_file)
    extracted_at = extracted_at or datetime.now(timezone.utc)
    documents = [
        {
            "document_id": did,
            "source_file": doc.source_file,
            "sha256": doc.sha256,
            "text_sha256": doc.text_sha256,
            "title": doc.meta.title,
            "organisation": doc.meta.organisation,
            "publisher": doc.meta.publisher,
            "report_kind": doc.meta.report_kind,
            "period_end": doc.meta.period_end,
            "fiscal_year": doc.meta.fiscal_year,
            "n_lines": doc.n_lines,
            "n_pages": doc.n_pages,
            "extracted_at": extracted_at,
        }
    ]
    tables, cells = [], []
    for t in doc.tables:
        tables.append(
            {
                "document_id": did,
                "table_no": t.table_no,
                "caption": t.caption,
                "unit": t.unit,
                "first_line": t.first_line,
                "last_line": t.last_line,
                "kind": t.kind,
                "layout": t.layout,
                "stub_header": t.stub_header,
                "n_columns": len(t.headers),
                "organisation": t.organisation,
            }
        )
        for r in t.rows:
            for c in r.cells:
                cells.append(
                    {
                        "document_id": did,
                        "table_no": t.table_no,
                        "row_no": r.row_no,
                        "col_no": c.col_no,
                        "line_no": c.line_no,
                        "page_no": doc.page_of(c.line_no),
                        "label_line_no": r.label_first_line,
                        "row_label": r.label,
                        "row_role": r.role,
                        "parent_heading": r.parent_heading,
                        "row_context": r.context or None,
                        "column_header": t.headers[c.col_no - 1] if c.col_no - 1 < len(t.headers) else None,
                        "raw_text": c.raw_text,
                        "value": c.value,
                        "decimals": c.decimals,
                        "is_percent": c.is_percent,
                        "footnote": c.footnote,
                        "placement": r.placement,
                    }
                )
    return {"documents": documents, "tables": tables, "cells": cells}
