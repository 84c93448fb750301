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


# the longest tests (4.5-6.5 minutes each on two cores): the two halves of the real-pipeline
# kill rounds, the benchmark at 5 and 100 reports, the audit's corruption benchmark
HEAVY = (
    "test_real_runs_killed_at_many_moments_rerun_with_readers", "test_bench_at_5_and_100_prints_its_figures",
    "test_corruptions_are_flagged_and_named",
)


def pytest_collection_modifyitems(config, items):
    """The longest tests open the two halves of the collection, two each, so that pytest-xdist
    hands them to both workers from the start instead of leaving one worker a long tail."""
    heavy = [i for name in HEAVY for i in items if i.originalname == name]
    if len(heavy) == 4:
        rest = [i for i in items if i not in heavy]
        middle = len(rest) // 2
        items[:] = [heavy[0], heavy[3], *rest[:middle], heavy[1], heavy[2], *rest[middle:]]


# --- figures a test measures (benchmarks, accuracy), shown in the run's summary -------------
# pytest-xdist shows no worker's output of a passing test; a test's user properties travel to
# the controller with its report, and the controller prints them at the end
FIGURES = "figures"
_shown: list[tuple[str, str]] = []


@pytest.fixture()
def show_figures(record_property):
    """`show_figures(text)`: print `text` in the summary of the test run (also under xdist)."""

    def show(text: str) -> None:
        record_property(FIGURES, text)

    return show


def pytest_runtest_logreport(report):
    if report.when == "call":
        _shown.extend((report.nodeid, value) for key, value in report.user_properties if key == FIGURES)


def pytest_terminal_summary(terminalreporter):
    if _shown:
        terminalreporter.section("figures measured")
        for nodeid, text in sorted(_shown):
            terminalreporter.write_line(f"{nodeid}:")
            for line in text.splitlines():
                terminalreporter.write_line(f"  {line}")
