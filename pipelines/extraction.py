"""Bring raw.* in line with the raw folder: read new and changed reports, drop removed ones.

Plain Python (no Dagster): the extraction asset and the tests call extract_changed()."""
from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import duckdb

from .inventory import list_raw
from .killpoints import kill_point
from .reading import Reading, read_reports
from .settings import DBT_PROJECT_DIR
from .warehouse import (delete_document, duplicate_of, ensure_raw_schema, loaded_fingerprints,
                        record_error, replace_document, write_file_status)

STATUSES = ("loaded", "unchanged", "duplicate", "failed", "ignored", "removed")


@dataclass
class Outcome:
    source_file: str
    status: str  # one of STATUSES
    detail: str = ""
    tables: int = 0
    cells: int = 0

    def row(self) -> tuple:
        return (self.source_file, self.status, self.detail, self.tables, self.cells)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A hash of the parser's code and vocabulary: a new parser reads every report again."""
    digest = hashlib.sha256()
    parsing = Path(__file__).parent / "parsing"
    for path in sorted(parsing.rglob("*.py")) + sorted((DBT_PROJECT_DIR / "seeds").glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def extract_changed(con: duckdb.DuckDBPyConnection, directory: Path, log=None) -> list[Outcome]:
    """Read the new and changed reports of `directory` into raw.*, delete removed ones' rows,
    and record every file's outcome in raw.file_status."""
    ensure_raw_schema(con)
    listing = list_raw(directory)
    outcomes = [Outcome(name, "ignored", why) for name, why in listing.ignored.items()]
    outcomes += remove_missing(con, {p.name for p in listing.reports})
    known = loaded_fingerprints(con)
    readings = read_reports(listing.reports, known, extractor_version())
    for reading in _progress(readings, len(listing.reports)):
        outcome = store(con, reading)
        outcomes.append(outcome)
        if log and outcome.status != "unchanged":
            log(outcome)
        kill_point("extraction")
    write_file_status(con, [o.row() for o in outcomes])
    return outcomes


def remove_missing(con: duckdb.DuckDBPyConnection, present: set[str]) -> list[Outcome]:
    """Rows of reports whose file is gone leave raw.* (and their old errors with them)."""
    loaded = set(loaded_fingerprints(con))
    errored = {r[0] for r in con.execute("select source_file from raw.extraction_errors").fetchall()}
    removed = []
    for name in sorted((loaded | errored) - present):
        delete_document(con, name)
        if name in loaded:
            removed.append(Outcome(name, "removed", "the file is gone: its rows were deleted"))
    return removed


def store(con: duckdb.DuckDBPyConnection, reading: Reading) -> Outcome:
    """A report as read into raw.*: loaded, or a duplicate of another, or its error recorded."""
    name = reading.name
    if reading.status == "unchanged":
        return Outcome(name, "unchanged")
    if reading.status == "failed":
        record_error(con, name, reading.message)
        return Outcome(name, "failed", reading.message)
    other = duplicate_of(con, name, reading.text_sha256)
    if other:
        delete_document(con, name)
        return Outcome(name, "duplicate", f"the same text as {other} (not loaded twice)")
    records = reading.records
    records["documents"][0]["extractor_version"] = extractor_version()
    counts = replace_document(con, records)
    return Outcome(name, "loaded", "; ".join(reading.warnings), counts["tables"], counts["cells"])


def _progress(readings, total: int):
    """A progress bar on a terminal (long work), plain iteration otherwise."""
    if total < 2 or not sys.stderr.isatty():
        return readings
    from tqdm import tqdm

    return tqdm(readings, total=total, desc="reports", unit="file", leave=False)
