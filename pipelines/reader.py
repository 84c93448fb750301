"""Open the published warehouse read-only, safe against a publication in the same instant.

DuckDB opens a database file more than once while it connects (DuckDB 2.0: once for the magic
bytes, once for the headers, once for the blocks). A publication renames a new file over the
path (`publish.py`), so a connect that falls between two of those opens reads the headers of
one build and the blocks of the next: it fails ("No more data remaining in MetadataReader",
"Could not read enough bytes", a serialization error), and nothing proves it always fails.
A connection is whole when the path named the same file before and after the connect; else
the connect is repeated. An error while the path named one file throughout is the file's own
error and is raised."""
from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

ATTEMPTS = 20
PAUSE = 0.01  # seconds between attempts: a publication is one rename


class TornOpen(RuntimeError):
    """The path was replaced during every attempt to connect."""


def _identity(path: Path) -> tuple[int, ...] | None:
    """Which file the path names: an inode number alone is reused once a replaced file is gone."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def connect_published(path: Path | str, attempts: int = ATTEMPTS) -> duckdb.DuckDBPyConnection:
    """A read-only connection to one whole published build of `path`."""
    path = Path(path)
    for _ in range(attempts):
        before = _identity(path)
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error:
            if _identity(path) == before:
                raise
        else:
            if _identity(path) == before:
                return con
            con.close()
        time.sleep(PAUSE)
    raise TornOpen(f"{path}: replaced during each of {attempts} attempts to open it; is a run publishing in a loop?")
