"""Atomic publication: build a new DuckDB file beside the published one, rename it into place.

Layout beside the published file `<dir>/warehouse.duckdb`:
  builds/next/warehouse.duckdb        the run's build (same file name: dbt's views name the
                                       catalog after the file's stem; same path each run:
                                       dbt's partial parse stays valid)
  snapshots/<stamp>/warehouse.duckdb  the last KEEP published files (hard links), for rollback
  warehouse.duckdb.lock               the run lock (PID of the running process)
Readers only ever open the published file, which is never written: a run neither blocks nor
is blocked by them, and a reader sees one whole build (the old inode stays valid after rename).
"""
from __future__ import annotations

import os
import shutil
import struct
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from .killpoints import kill_point

STORAGE_VERSION = "v1.2.0"
# storage version numbers DuckDB 1.x clients (the CLI 1.5, BI drivers) can read
READABLE_BY_1X = range(64, 69)
KEEP = 3


class PublicationError(RuntimeError):
    """The build cannot be published (it would not open in DuckDB 1.x clients)."""


def builds_dir(published: Path) -> Path:
    return published.parent / "builds"


def snapshots_dir(published: Path) -> Path:
    return published.parent / "snapshots"


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


def storage_version_number(path: Path) -> int | None:
    """The storage version number in the file header (None when not a DuckDB file)."""
    with open(path, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[8:12] != b"DUCK":
        return None
    return struct.unpack("<Q", head[12:20])[0]


def connect_config() -> dict:
    return {"storage_compatibility_version": STORAGE_VERSION, "autoinstall_known_extensions": False}


def new_stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def start_build(published: Path) -> Path:
    """A fresh build file: a copy of the published warehouse (unchanged reports need not be read
    again) when it is readable by 1.x clients, else an empty file in that storage format.
    Builds left by killed runs are removed (the caller holds the run lock)."""
    shutil.rmtree(builds_dir(published), ignore_errors=True)
    build = builds_dir(published) / "next" / published.name
    build.parent.mkdir(parents=True)
    if published.exists() and storage_version_number(published) in READABLE_BY_1X:
        shutil.copyfile(published, build)
    con = duckdb.connect(str(build), config=connect_config())
    con.close()
    return build


def finish_build(build: Path) -> None:
    """Checkpoint the build (no WAL left beside it) and check its storage version."""
    con = duckdb.connect(str(build), config=connect_config())
    try:
        con.execute("force checkpoint")
    finally:
        con.close()
    wal = build.with_name(build.name + ".wal")
    if wal.exists():
        raise PublicationError(f"{build}: a write-ahead log is left after the checkpoint")
    version = storage_version_number(build)
    if version not in READABLE_BY_1X:
        raise PublicationError(f"{build}: storage version {version}, DuckDB 1.x clients read {READABLE_BY_1X.start}–{READABLE_BY_1X.stop - 1}")


def publish(build: Path, published: Path, keep: int = KEEP, stamp: str | None = None) -> Path:
    """Rename the build into place (atomic); keep it as a snapshot; prune old snapshots."""
    snapshot = snapshots_dir(published) / (stamp or new_stamp()) / published.name
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    _link_or_copy(build, snapshot)
    kill_point("publish")
    os.replace(build, published)
    _fsync_dir(published.parent)
    kill_point("publish")
    shutil.rmtree(build.parent, ignore_errors=True)
    prune_snapshots(published, keep)
    return snapshot


def stage_docs(build: Path, published: Path) -> Path | None:
    """Move the build's GX Data Docs out of the build folder, ready to replace the published ones."""
    docs, staged = build.parent / "data_docs", published.parent / ".data_docs-next"
    shutil.rmtree(staged, ignore_errors=True)
    if not docs.exists():
        return None
    os.replace(docs, staged)
    return staged


def swap_docs(staged: Path | None, published: Path) -> None:
    """The published build's Data Docs replace the previous ones (two renames)."""
    if staged is None:
        return
    current, old = published.parent / "data_docs", published.parent / ".data_docs-old"
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        os.replace(current, old)
    os.replace(staged, current)
    shutil.rmtree(old, ignore_errors=True)


def discard_build(build: Path) -> None:
    shutil.rmtree(build.parent, ignore_errors=True)


def list_snapshots(published: Path) -> list[Path]:
    """Snapshots, oldest first (only complete ones: the file is there)."""
    folder = snapshots_dir(published)
    if not folder.exists():
        return []
    return sorted(p / published.name for p in folder.iterdir() if (p / published.name).exists())


def prune_snapshots(published: Path, keep: int = KEEP) -> None:
    """Keep the newest `keep` snapshots, and always the one published now."""
    snapshots = list_snapshots(published)
    current = current_snapshot(published)
    for old in snapshots[:-keep] if keep else snapshots:
        if old != current:
            shutil.rmtree(old.parent, ignore_errors=True)
    folder = snapshots_dir(published)
    if folder.exists():
        for stray in folder.iterdir():  # a snapshot folder a kill left without its file
            if not (stray / published.name).exists():
                shutil.rmtree(stray, ignore_errors=True)


def current_snapshot(published: Path) -> Path | None:
    if not published.exists():
        return None
    for snap in list_snapshots(published):
        if os.path.samefile(snap, published):
            return snap
    return None


def rollback(published: Path, to: str | None = None) -> Path:
    """Publish an earlier snapshot again (atomically): the one before the current, or `to`."""
    snapshots = list_snapshots(published)
    if to:
        chosen = [s for s in snapshots if s.parent.name == to]
        if not chosen:
            raise PublicationError(f"no snapshot {to}; there are: {', '.join(s.parent.name for s in snapshots) or 'none'}")
        target = chosen[0]
    else:
        current = current_snapshot(published)
        older = [s for s in snapshots if current is None or s.parent.name < current.parent.name]
        if not older:
            raise PublicationError("no earlier snapshot to roll back to")
        target = older[-1]
    tmp = published.with_name(f".{published.name}.rollback-{os.getpid()}")
    _link_or_copy(target, tmp)
    os.replace(tmp, published)
    tmp.unlink(missing_ok=True)  # rename(2) leaves both names when they link one file already
    _fsync_dir(published.parent)
    return target


def _link_or_copy(src: Path, dst: Path) -> None:
    if dst.exists():
        dst.unlink()
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
