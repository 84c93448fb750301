"""Report files read into raw records, in worker processes when there are many.

Parsing is pure Python and bound to one core; the DuckDB load is not. Many changed reports are
parsed in a pool of worker processes (one per core), in order, a few ahead of the load, so
memory holds a few reports' records, not all of them. No database here: the caller loads."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .parsing import ExtractionError, extract_document
from .parsing.records import to_records
from .settings import max_file_bytes

WORKERS_ENV = "RAPPORTLAGER_WORKERS"
# below this much text to read, worker processes are not worth starting
POOL_MIN_BYTES = 2 * 2**20


@dataclass
class Reading:
    """One file as read: unchanged (same bytes, same parser), failed (with the reason), or parsed."""
    name: str
    status: str  # 'unchanged', 'failed' or 'parsed'
    message: str = ""
    text_sha256: str = ""
    warnings: list[str] = field(default_factory=list)
    records: dict[str, list[dict]] | None = None


def read_report(path: Path, known: tuple[str, str] | None, version: str, limit: int) -> Reading:
    """Read and parse one report file; `known` is its (sha256, parser version) already loaded."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > limit:
            raise ExtractionError(
                f"{name}: the file is {size / 2**20:.1f} MB, over the limit of {limit / 2**20:.0f} MB "
                "(not read; raise RAPPORTLAGER_MAX_FILE_MB to read it)"
            )
        data = path.read_bytes()
        if known == (hashlib.sha256(data).hexdigest(), version):
            return Reading(name, "unchanged")
        doc = extract_document(name, data)
    except (ExtractionError, OSError) as exc:
        message = str(exc) if str(exc).startswith(name) else f"{name}: {exc}"
        return Reading(name, "failed", message)
    return Reading(name, "parsed", text_sha256=doc.text_sha256, warnings=list(doc.warnings),
                   records=to_records(doc))


def workers() -> int:
    """Worker processes for parsing: RAPPORTLAGER_WORKERS, else one per core."""
    return max(1, int(os.environ.get(WORKERS_ENV) or os.cpu_count() or 1))


def read_reports(paths: list[Path], known: dict[str, tuple[str, str]], version: str) -> Iterator[Reading]:
    """Every file's Reading, in the order of `paths`."""
    limit, n = max_file_bytes(), workers()
    # new files, and all when the parser changed (files edited in place are not foreseen)
    size = sum(p.stat().st_size for p in paths if p.exists() and known.get(p.name, ("", ""))[1] != version)
    if n < 2 or len(paths) < 2 or size < POOL_MIN_BYTES:
        for path in paths:
            yield read_report(path, known.get(path.name), version, limit)
        return
    # forked workers start at once with the parser imported; they only parse (no logging, no
    # database, no import), so the caller's threads (Dagster's) cannot hold a lock they need
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
        ahead: deque = deque()
        todo = iter(paths)
        for path in todo:
            ahead.append(pool.submit(read_report, path, known.get(path.name), version, limit))
            if len(ahead) >= 2 * n:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
