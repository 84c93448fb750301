"""The raw schema in DuckDB: its DDL, and replacing one report's rows in one transaction."""
from __future__ import annotations

import duckdb
import pandas as pd

RAW_DDL = """
create schema if not exists raw;
create table if not exists raw.documents (
    document_id varchar primary key, source_file varchar not null, sha256 varchar not null,
    title varchar, organisation varchar, report_kind varchar, period_end date,
    fiscal_year integer, n_lines integer, extracted_at timestamptz
);
create table if not exists raw.tables (
    document_id varchar not null, table_no integer not null, caption varchar, unit varchar,
    first_line integer, last_line integer, kind varchar, layout varchar, stub_header varchar,
    n_columns integer, organisation varchar, primary key (document_id, table_no)
);
create table if not exists raw.cells (
    document_id varchar not null, table_no integer not null, row_no integer not null,
    col_no integer not null, line_no integer not null, label_line_no integer,
    row_label varchar, row_role varchar, parent_heading varchar, row_context varchar,
    column_header varchar, raw_text varchar not null, value double, decimals integer,
    is_percent boolean, footnote varchar, placement varchar,
    primary key (document_id, table_no, row_no, col_no)
);
create table if not exists raw.extraction_errors (
    source_file varchar primary key, error varchar not null, failed_at timestamptz
);
"""

RAW_TABLES = ("documents", "tables", "cells")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)


def replace_document(con: duckdb.DuckDBPyConnection, records: dict[str, list[dict]]) -> dict[str, int]:
    """Replace one report's rows in raw.* (and clear its error), atomically."""
    doc = records["documents"][0]
    did = doc["document_id"]
    ensure_raw_schema(con)
    con.execute("begin transaction")
    try:
        for name in RAW_TABLES:
            con.execute(f"delete from raw.{name} where document_id = ?", [did])
            rows = records[name]
            if rows:
                frame = pd.DataFrame(rows)
                con.register("incoming", frame)
                cols = ", ".join(frame.columns)
                con.execute(f"insert into raw.{name} ({cols}) select {cols} from incoming")
                con.unregister("incoming")
        con.execute("delete from raw.extraction_errors where source_file = ?", [doc["source_file"]])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return {name: len(records[name]) for name in RAW_TABLES}


def record_error(con: duckdb.DuckDBPyConnection, source_file: str, error: str) -> None:
    """Note a report that could not be extracted; its earlier rows stay as they were."""
    ensure_raw_schema(con)
    con.execute(
        "insert or replace into raw.extraction_errors values (?, ?, now())", [source_file, error]
    )


def duplicate_of(con: duckdb.DuckDBPyConnection, source_file: str, sha256: str) -> str | None:
    """Another loaded report with the same content, if any."""
    ensure_raw_schema(con)
    row = con.execute(
        "select source_file from raw.documents where sha256 = ? and source_file <> ? limit 1",
        [sha256, source_file],
    ).fetchone()
    return row[0] if row else None
