"""Opening the published warehouse while a run renames a new build over it (pipelines/reader.py).

DuckDB opens the file several times while it connects, so the rename can fall between two of
those opens; these tests put it there on purpose (in a stand-in for `duckdb.connect`) and
check that the reader gets one whole build, the new one."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipelines.reader import TornOpen, connect_published

REAL_CONNECT = duckdb.connect


def make_build(path: Path, n_rows: int) -> Path:
    con = REAL_CONNECT(str(path))
    con.execute(f"create table t as select range as i from range({n_rows})")
    con.close()
    return path


def rows(con) -> int:
    return con.execute("select count(*) from t").fetchone()[0]


@pytest.fixture()
def published(tmp_path):
    return make_build(tmp_path / "warehouse.duckdb", 1)


def publish_next(published: Path, n_rows: int) -> None:
    """A run's publication: a new build renamed over the published file."""
    build = make_build(published.with_name(f"build-{n_rows}.duckdb"), n_rows)
    os.replace(build, published)


def test_a_connect_that_fails_because_a_publication_fell_inside_it_is_repeated(published, monkeypatch):
    calls = []

    def torn(path, read_only=False, **kw):
        calls.append(path)
        if len(calls) == 1:  # headers read from the old build, then the rename, then the blocks
            publish_next(published, 2)
            raise duckdb.IOException(f'Could not read enough bytes from file "{path}"')
        return REAL_CONNECT(path, read_only=read_only, **kw)

    monkeypatch.setattr(duckdb, "connect", torn)
    con = connect_published(published)
    assert rows(con) == 2
    assert len(calls) == 2
    con.close()


def test_a_connect_that_succeeds_while_the_file_was_replaced_is_not_trusted(published, monkeypatch):
    calls = []

    def replaced_meanwhile(path, read_only=False, **kw):
        calls.append(path)
        con = REAL_CONNECT(path, read_only=read_only, **kw)
        if len(calls) == 1:
            publish_next(published, 3)  # nothing proves such a connection read one file only
        return con

    monkeypatch.setattr(duckdb, "connect", replaced_meanwhile)
    con = connect_published(published)
    assert rows(con) == 3
    assert len(calls) == 2
    con.close()


def test_the_files_own_error_is_raised_at_once(tmp_path, monkeypatch):
    text = tmp_path / "warehouse.duckdb"
    text.write_text("not a database\n" * 1000)
    calls = []

    def counted(path, **kw):
        calls.append(path)
        return REAL_CONNECT(path, **kw)

    monkeypatch.setattr(duckdb, "connect", counted)
    with pytest.raises(duckdb.Error):
        connect_published(text)
    with pytest.raises(duckdb.Error):
        connect_published(tmp_path / "missing.duckdb")
    assert len(calls) == 2


def test_a_file_replaced_during_every_attempt_is_named(published, monkeypatch):
    spare = make_build(published.with_name("spare.duckdb"), 4)

    def always_replaced(path, read_only=False, **kw):
        copy = published.with_name("copy.duckdb")
        shutil.copyfile(spare, copy)
        os.replace(copy, published)
        raise duckdb.IOException("No more data remaining in MetadataReader")

    monkeypatch.setattr(duckdb, "connect", always_replaced)
    with pytest.raises(TornOpen, match=f"{published}: replaced during each of 3 attempts"):
        connect_published(published, attempts=3)
