"""The summary at the end of every run: what was loaded, unchanged, skipped, failed, ignored."""
from __future__ import annotations

import gc
from pathlib import Path

import duckdb

ORDER = ("failed", "loaded", "duplicate", "ignored", "removed", "unchanged")
LABELS = {
    "loaded": "loaded", "unchanged": "unchanged", "duplicate": "skipped as duplicates",
    "failed": "failed", "ignored": "ignored", "removed": "removed",
}


def read_file_status(db: Path) -> list[tuple]:
    """(source_file, status, detail, tables, cells) of the last extraction in `db`."""
    if not db.exists():
        return []
    # a failed step's connection may still be referenced by its traceback; and the collection
    # ends multiprocessing objects whose semaphores Python's resource tracker would otherwise
    # report as leaked when the command exits (tested)
    gc.collect()
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:  # still open in this process with another configuration
        from .publish import connect_config

        con = duckdb.connect(str(db), config=connect_config())
    try:
        exists = con.execute(
            "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'file_status'"
        ).fetchone()[0]
        if not exists:
            return []
        return con.execute("select source_file, status, detail, n_tables, n_cells from raw.file_status").fetchall()
    finally:
        con.close()


def summary_text(rows: list[tuple], outcome: str) -> str:
    """Counts per status, then one line per file that is not simply unchanged."""
    counts = {status: sum(r[1] == status for r in rows) for status in ORDER}
    head = ", ".join(f"{counts[s]} {LABELS[s]}" for s in ("loaded", "unchanged", "duplicate", "failed", "ignored", "removed"))
    lines = [f"Run summary: {head}", f"  {outcome}"]
    for status in ORDER[:-1]:
        for name, _, detail, tables, cells in sorted(r for r in rows if r[1] == status):
            text = detail or ""
            if status == "loaded":
                text = f"{tables} tables, {cells} cells" + (f"; WARNING {detail}" if detail else "")
            lines.append(f"  {status.upper() if status == 'failed' else status:<9} {name}: {text}")
    return "\n".join(lines)
