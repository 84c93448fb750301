"""The Dagster code location loads and holds what the UI must show."""
from __future__ import annotations

import dagster as dg


def test_definitions_load(tmp_path, dagster_home):
    from pipelines.definitions import build_definitions
    from pipelines.project import prepare_dbt_project

    prepare_dbt_project()
    defs = build_definitions(tmp_path / "w.duckdb")
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw/documents", "raw/tables", "raw/cells", "marts/fct_operating", "marts/dim_report"} <= keys
    checks = {k.name for k in repo.asset_graph.asset_check_keys}
    assert {"identities_column_sum", "identities_deviation", "identities_unchecked_columns", "reports_extracted"} <= checks
    assert defs.resolve_schedule_def("nightly").cron_schedule == "0 2 * * *"
    assert defs.resolve_schedule_def("nightly").execution_timezone == "Europe/Stockholm"
    assert defs.resolve_sensor_def("raw_reports_sensor") is not None


def test_sensor_requests_new_and_changed_reports(tmp_path, monkeypatch, raw_copy):
    from pipelines.automation import raw_reports_sensor

    folder = raw_copy("003", "004")
    monkeypatch.setenv("RAPPORTLAGER_RAW_DIR", str(folder))
    with dg.instance_for_test() as instance:
        result = raw_reports_sensor(dg.build_sensor_context(instance=instance))
        assert sorted(r.partition_key for r in result.run_requests) == sorted(p.name for p in folder.iterdir())
        added = result.dynamic_partitions_requests[0].partition_keys
        assert sorted(added) == sorted(p.name for p in folder.iterdir())
        # nothing changed: nothing requested
        again = raw_reports_sensor(dg.build_sensor_context(instance=instance, cursor=_cursor(result)))
        assert not again.run_requests
        # one file changes: only it is requested
        changed = next(folder.glob("004_*.txt"))
        changed.write_text(changed.read_text() + "\n")
        third = raw_reports_sensor(dg.build_sensor_context(instance=instance, cursor=_cursor(result)))
        assert [r.partition_key for r in third.run_requests] == [changed.name]


def _cursor(result):
    return result.cursor
