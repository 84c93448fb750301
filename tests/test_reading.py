"""Reading many report files in worker processes gives what reading them one by one gives."""
from __future__ import annotations

import hashlib
import shutil

import pytest

from pipelines import reading
from pipelines.reading import read_reports


@pytest.fixture()
def folder(tmp_path, report_path):
    for prefix in ("000", "001", "004"):
        shutil.copy(report_path(prefix), tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def test_worker_processes_read_as_one_process_does(folder, report_path, monkeypatch):
    paths = sorted(folder.iterdir())
    unchanged = report_path("001")
    known = {unchanged.name: (hashlib.sha256(unchanged.read_bytes()).hexdigest(), "v1")}
    monkeypatch.setenv("RAPPORTLAGER_WORKERS", "1")
    alone = list(read_reports(paths, known, "v1"))
    monkeypatch.setenv("RAPPORTLAGER_WORKERS", "2")
    monkeypatch.setattr(reading, "POOL_MIN_BYTES", 0)  # the pool even for four small files
    pooled = list(read_reports(paths, known, "v1"))
    assert [(r.name, r.status) for r in pooled] == [
        ("000_622320416ec5c662.txt", "parsed"), ("001_8517312bd96b634c.txt", "unchanged"),
        ("004_1b71e7ae599e2031.txt", "parsed"), ("empty.txt", "failed"),
    ]
    for r in alone + pooled:  # the time of reading apart
        for doc in (r.records or {}).get("documents", []):
            doc.pop("extracted_at")
    assert pooled == alone
    assert pooled[3].message == "empty.txt: the file is empty"
    # 000 line 322 'Summa nettokostnader 564,8 …': read in a worker, the cell is there
    cells = pooled[0].records["cells"]
    assert any(c["line_no"] == 322 and c["raw_text"] == "564,8" for c in cells)
