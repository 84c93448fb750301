"""The Dagster code location loads and holds what the UI must show."""
from __future__ import annotations

import json
import shutil

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
    # the audit's outputs are assets built after the identity models; the checks read them
    graph = repo.asset_graph
    findings = dg.AssetKey(["audit", "identity_findings"])
    assert {"audit/identity_findings", "audit/unchecked_columns"} <= keys
    assert "intermediate/int_identities" in {k.to_user_string() for k in graph.get(findings).parent_keys}
    assert {k.asset_key for k in graph.asset_check_keys if k.name == "identities_deviation"} == {findings}
    # the facts' audit status is the GX suite's decision: built after the audit, from its findings
    status = dg.AssetKey(["intermediate", "int_cell_audit_status"])
    assert findings in graph.get(dg.AssetKey(["staging", "stg_audit__identity_findings"])).parent_keys
    assert graph.get(status).parent_keys == {dg.AssetKey(["staging", "stg_audit__identity_findings"])}
    assert status in {p for p in graph.get(dg.AssetKey(["intermediate", "int_money_facts"])).parent_keys}
    assert defs.resolve_schedule_def("nightly").cron_schedule == "0 2 * * *"
    assert defs.resolve_schedule_def("nightly").execution_timezone == "Europe/Stockholm"
    assert defs.resolve_sensor_def("raw_reports_sensor") is not None


def test_sensor_requests_a_run_when_data_raw_changes(tmp_path, monkeypatch, raw_copy):
    from pipelines.automation import raw_reports_sensor

    folder = raw_copy("003", "004")
    monkeypatch.setenv("RAPPORTLAGER_RAW_DIR", str(folder))
    with dg.instance_for_test() as instance:
        result = raw_reports_sensor(dg.build_sensor_context(instance=instance))
        assert len(result.run_requests) == 1
        assert result.run_requests[0].job_name in (None, "publish_warehouse")
        # no partitions to register: the run itself compares the folder with raw.documents
        assert not result.dynamic_partitions_requests
        assert sorted(json.loads(result.cursor)) == sorted(p.name for p in folder.iterdir())
        # nothing changed: nothing requested
        again = raw_reports_sensor(dg.build_sensor_context(instance=instance, cursor=result.cursor))
        assert isinstance(again, dg.SkipReason)
        # a new file whose name sorts first: one run (the run finds what changed)
        (folder / "000_first.txt").write_text("x")
        third = raw_reports_sensor(dg.build_sensor_context(instance=instance, cursor=result.cursor))
        assert len(third.run_requests) == 1
        assert third.run_requests[0].tags["rapportlager/changed"] == "000_first.txt"
        # a removed file is a change too
        (folder / "000_first.txt").unlink()
        fourth = raw_reports_sensor(dg.build_sensor_context(instance=instance, cursor=third.cursor))
        assert fourth.run_requests[0].tags["rapportlager/changed"] == "000_first.txt"


def test_schedule_needs_no_partitions(dagster_home):
    from pipelines.automation import nightly

    with dg.instance_for_test() as instance:
        request = nightly(dg.build_schedule_context(instance=instance))
    assert isinstance(request, dg.RunRequest)
    assert request.partition_key is None


def test_everything_job_is_not_partitioned(tmp_path, dagster_home):
    # `dagster asset materialize --select '*'` refused the partitioned extraction asset
    from pipelines.definitions import build_definitions
    from pipelines.project import prepare_dbt_project

    prepare_dbt_project()
    defs = build_definitions(tmp_path / "w.duckdb")
    assert defs.resolve_job_def("materialize_everything").partitions_def is None
    assert defs.resolve_job_def("publish_warehouse") is not None


def test_a_truncated_manifest_is_parsed_anew(dagster_home, tmp_path, monkeypatch):
    # a run killed while dbt wrote target/manifest.json left it cut off; every later run failed
    # with orjson.JSONDecodeError before this. On a copy of the dbt project: the tests running
    # beside this one read the project's own manifest.
    from dagster_dbt import DbtProject

    from pipelines import project
    from pipelines.project import manifest_readable, prepare_dbt_project
    from pipelines.settings import DBT_PROJECT_DIR

    copy = tmp_path / "dbt_project"
    shutil.copytree(DBT_PROJECT_DIR, copy, ignore=shutil.ignore_patterns("target", "logs"))
    monkeypatch.setattr(project, "DBT_PROJECT_DIR", copy)
    monkeypatch.setattr(project, "dbt_project", DbtProject(project_dir=copy, profiles_dir=copy))

    assert prepare_dbt_project() == copy / "target" / "manifest.json"
    manifest = project.dbt_project.manifest_path
    whole = manifest.read_bytes()
    manifest.write_bytes(whole[: len(whole) // 3])
    assert not manifest_readable(manifest)
    assert prepare_dbt_project() == manifest
    assert manifest_readable(manifest)
    assert json.loads(manifest.read_bytes())["nodes"].keys() == json.loads(whole)["nodes"].keys()


def test_the_scheduled_job_publishes_new_files_it_never_saw(tmp_path, monkeypatch, raw_copy, report_path, dagster_home):
    # the nightly schedule used to fail on files not registered as partitions; a new report
    # whose name sorts first used to be skipped
    import duckdb

    from pipelines.automation import publish_job

    folder = raw_copy("004")
    shutil.copy(report_path("001"), folder / "000 sorts first.txt")
    monkeypatch.setenv("RAPPORTLAGER_RAW_DIR", str(folder))
    published = tmp_path / "wh" / "warehouse.duckdb"
    config = {"ops": {"run_and_publish": {"config": {"warehouse": str(published), "wait_seconds": 0}}}}
    result = publish_job.execute_in_process(run_config=config, raise_on_error=False)
    assert result.success
    con = duckdb.connect(str(published), read_only=True)
    assert sorted(r[0] for r in con.execute("select report_key from marts.dim_report").fetchall()) == [
        "000 sorts first.txt", report_path("004").name]
    con.close()


def test_a_check_lists_the_first_findings_and_counts_the_rest():
    """A check's metadata (kept in the event log for every run) lists 100 findings at most."""
    from pipelines.checks import listing

    assert listing([]) == "none"
    assert listing(["a", "b"]) == "- a\n- b"
    shown = listing([f"finding {k}" for k in range(1, 251)]).splitlines()
    assert len(shown) == 101 and shown[99] == "- finding 100"
    assert shown[100] == "- … and 150 more (`rapportlager findings` lists them all)"
    # the first 100 of 250, read as such
    assert listing([f"finding {k}" for k in range(1, 101)], total=250).splitlines() == shown


def test_the_identity_checks_count_and_list_the_audits_failures(warehouse, tmp_path):
    """Each family's check: its identities evaluated and failed as audit.identity_findings holds
    them, each failure listed (at most 100), failing when any identity fails."""
    import duckdb
    from dagster_duckdb import DuckDBResource

    from pipelines.checks import identity_checks

    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    con = duckdb.connect(str(copy), read_only=True)
    expected = {rule: (evaluated, failed) for rule, evaluated, failed in con.execute(
        "select rule, count(passed), count(*) filter (where not passed) from audit.identity_findings group by 1").fetchall()}
    line_1587 = con.execute("select count(*) from audit.identity_findings where source_file like '000%' "
                           "and rule = 'column_sum' and line_no = 1587 and not passed").fetchone()[0]
    con.close()
    results = {r.check_name: r for r in identity_checks(dg.build_op_context(), duckdb=DuckDBResource(database=str(copy)))}
    for rule, (evaluated, failed) in expected.items():
        check = results[f"identities_{rule}"]
        assert (check.metadata["evaluated"].value, check.metadata["failed"].value) == (evaluated, failed)
        assert check.passed == (failed == 0)
        listed = check.metadata["findings"].value.splitlines()
        assert len(listed) == min(failed, 100) or listed == ["none"]
    # 000 line 1587: 'Summa investeringar' / 'Prognos 2023 Netto' printed 85, its items sum to -84
    assert line_1587 == 1
    assert any(line.startswith("- 000_622320416ec5c662.txt line 1587: 'Summa investeringar' / 'Prognos 2023 Netto' printed 85;")
               for line in results["identities_column_sum"].metadata["findings"].value.splitlines())


def test_dbt_builds_one_model_per_core_unless_told(monkeypatch):
    import os

    from pipelines.settings import DBT_THREADS_ENV, dbt_threads

    monkeypatch.delenv(DBT_THREADS_ENV, raising=False)
    assert dbt_threads() == os.cpu_count()
    monkeypatch.setenv(DBT_THREADS_ENV, "3")
    assert dbt_threads() == 3


def test_a_subset_of_dbt_models_is_built_alone(warehouse, tmp_path, dagster_home, monkeypatch):
    """Models materialized on their own (the UI's 'Materialize selected') are built, with
    their tests, and no other model is."""
    import duckdb

    from pipelines.assets.dbt import rapportlager_dbt_assets
    from pipelines.resources import build_resources
    from pipelines.settings import WAREHOUSE_ENV

    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(warehouse, copy)
    monkeypatch.setenv(WAREHOUSE_ENV, str(copy))  # build_resources sets it; restored after the test
    con = duckdb.connect(str(copy))
    con.execute("drop table marts.dim_report; drop table marts.dim_period")
    con.close()
    wanted = [dg.AssetKey(["marts", "dim_report"])]
    result = dg.materialize([rapportlager_dbt_assets], selection=wanted, resources=build_resources(copy))
    assert result.success
    assert [m.asset_key for m in result.get_asset_materialization_events()] == wanted
    con = duckdb.connect(str(copy), read_only=True)
    tables = {r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'marts'").fetchall()}
    con.close()
    assert "dim_report" in tables and "dim_period" not in tables
