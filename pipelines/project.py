"""The dbt project as Dagster sees it; its manifest written so that a kill cannot spoil it."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import uuid
from pathlib import Path

from dagster_dbt import DbtProject

from .dbt_inprocess import parse
from .settings import DBT_PROJECT_DIR, warehouse_path

# the dbt models built after the identity audit: they read its decisions (audit.identity_findings)
AFTER_AUDIT = "stg_audit__identity_findings+"

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
# `dagster dev` re-parses the project on start; other entry points call prepare_dbt_project().
dbt_project.prepare_if_dev()


def dbt_executable() -> str:
    """dbt from this interpreter's environment (the venv need not be activated)."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else (shutil.which("dbt") or "dbt")


def _newest_source_mtime() -> float:
    paths = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "seeds", "macros", "tests"):
        paths.extend(p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.is_file())
    return max(p.stat().st_mtime for p in paths if p.exists())


def manifest_readable(path: Path) -> bool:
    """A whole manifest: valid JSON with its nodes (a killed write leaves a truncated file)."""
    try:
        return "nodes" in json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False


def prepare_dbt_project() -> Path:
    """Write the dbt manifest (dbt parse) so the dbt assets can be loaded; returns its path.

    Skipped when the manifest is whole and newer than every file of the dbt project. dbt parses
    into a target folder of its own; the manifest is then renamed into place (atomic)."""
    manifest = dbt_project.manifest_path
    if manifest.exists() and manifest.stat().st_mtime > _newest_source_mtime() and manifest_readable(manifest):
        return manifest
    run_target = Path("target") / "runs" / f"parse-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    absolute = DBT_PROJECT_DIR / run_target
    absolute.mkdir(parents=True, exist_ok=True)
    try:
        parse(Path(dbt_project.project_dir), absolute)  # in this process: no dbt process to start (1.5 s)
        if not manifest_readable(absolute / "manifest.json"):
            raise RuntimeError(f"dbt parse wrote no readable manifest in {absolute}")
        publish_target_files(absolute, with_manifest=True)
    finally:
        shutil.rmtree(absolute, ignore_errors=True)
    return manifest


def publish_target_files(run_target: Path, with_manifest: bool = False) -> None:
    """Move a run's saved parse (and manifest) into dbt_project/target with os.replace."""
    target = DBT_PROJECT_DIR / "target"
    target.mkdir(exist_ok=True)
    if with_manifest and (run_target / "manifest.json").exists():
        os.replace(run_target / "manifest.json", target / "manifest.json")
    if (run_target / PARTIAL_PARSE).exists():
        saved = saved_parse_path()
        saved.parent.mkdir(exist_ok=True)
        os.replace(run_target / PARTIAL_PARSE, saved)
        _prune_saved_parses(saved.parent)


PARTIAL_PARSE = "partial_parse.msgpack"
SAVED_PARSES_KEPT = 8


def saved_parse_path(warehouse: Path | None = None) -> Path:
    """dbt's saved parse for the warehouse file dbt opens (RAPPORTLAGER_WAREHOUSE).

    Each path keeps a parse of its own, so that runs of two warehouses (or tests beside
    `make run`) do not spoil each other's. A path with none starts from the newest: dbt opens
    the file by its name (pipelines/dbt_inprocess.py), so the profiles agree and dbt parses only
    what changed, not the whole project (2-3 s)."""
    key = hashlib.sha256(str(warehouse or warehouse_path()).encode()).hexdigest()[:16]
    return DBT_PROJECT_DIR / "target" / "saved_parses" / f"{key}.msgpack"


def copy_saved_parse(run_target: Path) -> None:
    """Start a dbt command in `run_target` from the saved parse of the current warehouse path,
    else from the newest saved parse (dbt re-parses what differs, as it does from none)."""
    saved = saved_parse_path()
    try:
        if not saved.exists():
            others = sorted(saved.parent.glob("*.msgpack"), key=lambda p: p.stat().st_mtime)
            if not others:
                return
            saved = others[-1]
        shutil.copyfile(saved, run_target / PARTIAL_PARSE)
    except OSError:  # pruned by another run meanwhile: dbt parses in full
        return


def _prune_saved_parses(folder: Path, keep: int = SAVED_PARSES_KEPT) -> None:
    try:
        parses = sorted(folder.glob("*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:  # another run pruned meanwhile
        return
    for old in parses[keep:]:
        old.unlink(missing_ok=True)
