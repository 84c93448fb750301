"""Shared fixtures: the real pipeline run once on the five reports into a temporary warehouse."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"

# No telemetry, no analytics, nothing that phones home.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")


@pytest.fixture(scope="session")
def dagster_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


@pytest.fixture(scope="session")
def report_path():
    """Path of a default report by its number prefix (000 … 004)."""

    def find(prefix: str) -> Path:
        return next(RAW.glob(f"{prefix}_*.txt"))

    return find


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory, dagster_home) -> Path:
    """Run the whole pipeline (Dagster: extraction, dbt build, GX checks) on data/raw."""
    from pipelines.cli import run_pipeline

    path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    assert run_pipeline(path, RAW) == 0
    return path


@pytest.fixture()
def db(warehouse):
    con = duckdb.connect(str(warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture()
def raw_copy(tmp_path, report_path):
    """A folder with copies of some default reports, to add bad files to."""

    def make(*prefixes: str) -> Path:
        folder = tmp_path / "raw"
        folder.mkdir(exist_ok=True)
        for p in prefixes:
            src = report_path(p)
            shutil.copy(src, folder / src.name)
        return folder

    return make


def pytest_collection_modifyitems(config, items):
    """The two halves of the real-pipeline kill rounds (about 5 minutes each) open the two halves
    of the collection, so that pytest-xdist hands one to each worker from the start."""
    heavy = [i for i in items if i.originalname == "test_real_runs_killed_at_20_moments_rerun_with_readers"]
    if len(heavy) == 2:
        rest = [i for i in items if i not in heavy]
        middle = len(rest) // 2
        items[:] = [heavy[0], *rest[:middle], heavy[1], *rest[middle:]]
