"""Measure the audit on single-number corruptions of real reports.

Each trial changes one printed financial number that some identity covers (a digit changed,
the sign flipped, two adjacent digits swapped) in a copy of a report, extracts it again, runs
the identity models (dbt's compiled SQL, on an in-memory copy of the warehouse) and the
audit through the same GX suite as the pipeline (one expectation per identity family), and
records whether the change is flagged and whether the audit names that cell.
"""
from __future__ import annotations

import json
import random
import shutil
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from expectations.identities import IdentitySuite

from .audit import evaluate
from .parsing import ExtractionError, extract_document
from .parsing.numbers import parse_number
from .parsing.records import to_records
from .project import AFTER_AUDIT, dbt_executable
from .settings import DBT_PROJECT_DIR, WAREHOUSE_ENV, raw_dir
from .warehouse import RAW_DDL, RAW_TABLES

# money tables of the known kinds, and tables of no known kind (checked by learned relations)
CORRUPTED_KINDS = ("key_figures", "operating_statement", "investments", "other")


@dataclass
class Trial:
    cell_key: str
    kind: str
    printed: str
    corrupted: str
    flagged: bool
    named: bool
    # the change exceeds the rounding tolerance of an identity, and the row does not read as a
    # consistent row of the other sign convention
    detectable: bool = True
    suspects: list[str] = field(default_factory=list)
    table_kind: str = ""


def compile_models(warehouse: Path, target: Path) -> list[dict]:
    """dbt compile (staging and intermediate, up to the identities: not the models built after
    the audit) into `target`; the models in run order."""
    env = {**__import__("os").environ, WAREHOUSE_ENV: str(warehouse)}
    subprocess.run(
        [dbt_executable(), "--quiet", "compile", "--select", "staging", "intermediate", "--exclude", AFTER_AUDIT,
         "--target-path", str(target), "--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR, env=env, check=True, capture_output=True,
    )
    manifest = json.loads((target / "manifest.json").read_text())
    nodes = {k: v for k, v in manifest["nodes"].items() if v["resource_type"] == "model"}
    order, seen = [], set()

    def visit(key):
        if key in seen or key not in nodes:
            return
        seen.add(key)
        for dep in nodes[key]["depends_on"]["nodes"]:
            visit(dep)
        order.append(nodes[key])

    for key in sorted(nodes):
        visit(key)
    return [n for n in order if n.get("compiled_code")]


class FastAudit:
    """The identity models and the audit on an in-memory copy of a built warehouse."""

    def __init__(self, warehouse: Path, models: list[dict]):
        self.warehouse = warehouse
        self.catalog = warehouse.stem
        self.models = models
        # the pipeline's GX suite, built once: each trial is one more batch it validates
        self.suite = IdentitySuite()

    def run(self, replaced: dict[str, list[dict]]) -> tuple[pd.DataFrame, dict]:
        from .audit import load_cells, load_identities

        con = duckdb.connect()
        con.execute(f"attach '{self.warehouse}' as base (read_only)")
        con.execute(f"attach ':memory:' as \"{self.catalog}\"")
        con.execute(f"use \"{self.catalog}\"")
        con.execute("create schema seeds")
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_catalog = 'base' and table_schema = 'seeds'"
        ).fetchall():
            con.execute(f"create table seeds.{name} as select * from base.seeds.{name}")
        con.execute(RAW_DDL)
        document_id = replaced["documents"][0]["document_id"]
        for name in RAW_TABLES:
            con.execute(f"insert into raw.{name} by name select * from base.raw.{name} where document_id <> ?",
                        [document_id])
            frame = pd.DataFrame(replaced[name])
            con.register("incoming", frame)
            con.execute(f"insert into raw.{name} by name select * from incoming")
            con.unregister("incoming")
        for node in self.models:
            con.execute(f"create schema if not exists {node['schema']}")
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            con.execute(f"create or replace {kind} {node['schema']}.{node['name']} as {node['compiled_code']}")
        identities, cells = load_identities(con), load_cells(con)
        con.close()
        return evaluate(identities, cells, suite=self.suite), cells


def _token_spans(line: str, text: str) -> list[tuple[int, int]]:
    pattern = r"(?:(?<=^)|(?<=[\s>]))" + re.escape(text) + r"(?=$|[\s<])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, line)]


def corrupt(text: str, kind: str, rng: random.Random) -> str | None:
    digits = [i for i, ch in enumerate(text) if ch.isdigit()]
    if kind == "sign":
        if text.startswith(("-", "−")):
            return text[1:].lstrip()
        return "-" + text
    if kind == "swap":
        pairs = [(a, b) for a, b in zip(digits, digits[1:]) if b == a + 1 and text[a] != text[b]]
        if not pairs:
            return None
        a, b = rng.choice(pairs)
        return text[:a] + text[b] + text[a] + text[b + 1 :]
    # one digit changed
    i = rng.choice(digits)
    choices = [d for d in "0123456789" if d != text[i] and not (d == "0" and i == digits[0] and len(digits) > 1)]
    return text[:i] + rng.choice(choices) + text[i + 1 :]


@dataclass
class _Baseline:
    """What the trials compare with: the findings that fail already, and the cells to corrupt."""

    failed: set
    by_cell: dict[str, list[tuple[float, float, float]]]
    cells: pd.DataFrame
    candidates: list[str]
    # the sign convention each row's deviation was read in ('net_cost', 'result')
    conventions: dict[tuple, str]


def _baseline(warehouse: Path) -> _Baseline:
    con = duckdb.connect(str(warehouse), read_only=True)
    baseline = con.execute("select * from audit.identity_findings").df()
    identities = con.execute("select * from intermediate.int_identities where evaluable").df()
    by_cell: dict[str, list[tuple[float, float, float]]] = {}
    for r in identities.itertuples():
        for k, coef in zip(list(r.cell_keys), list(r.cell_coefs)):
            by_cell.setdefault(k, []).append((float(coef), float(r.difference), float(r.tolerance)))
    cells = con.execute(
        "select document_id, source_file, table_no, row_no, col_no, line_no, raw_text, value, table_kind "
        "from intermediate.int_cells_classified"
    ).df()
    con.close()
    failed = {
        (r.rule, r.source_file, r.table_no, r.row_no, r.col_no, round(r.difference, 6))
        for r in baseline[baseline["passed"] == False].itertuples()  # noqa: E712
    }
    # cells some identity covers, in no identity that fails already (changing those would
    # measure the report's own errors, or even correct them)
    in_failing = {k for keys in baseline.loc[baseline["passed"] == False, "cell_keys"] for k in keys}  # noqa: E712
    covered = sorted({k for keys in identities["cell_keys"] for k in keys} - in_failing)
    cells["key"] = cells["document_id"] + "|" + cells["table_no"].astype(str) + "|" + cells["row_no"].astype(str) + "|" + cells["col_no"].astype(str)
    cells = cells.set_index("key")
    candidates = [k for k in covered if k in cells.index and cells.loc[k, "table_kind"] in CORRUPTED_KINDS
                  and pd.notna(cells.loc[k, "value"])]
    conventions = {
        (r.source_file, r.table_no, r.row_no, r.col_no): _convention(r.detail)
        for r in baseline[baseline["rule"] == "deviation"].itertuples()
    }
    return _Baseline(failed, by_cell, cells, candidates, conventions)


def _convention(detail: str) -> str:
    """The sign convention a deviation's detail names ('result: outcome 3,0 − budget 0')."""
    return str(detail).split(":", 1)[0]


def _corrupted_records(base: _Baseline, key: str, corrupted: str, texts: dict[str, list[str]]):
    """The report of the cell, re-extracted with the cell printed as `corrupted`; None where
    the change cannot be made or alters the layout rather than just the number."""
    cells, cell = base.cells, base.cells.loc[key]
    source = cell["source_file"]
    lines = texts.setdefault(source, (raw_dir() / source).read_text(encoding="utf-8").split("\n"))
    line = lines[int(cell["line_no"]) - 1]
    same = cells[(cells["source_file"] == source) & (cells["line_no"] == cell["line_no"])
                 & (cells["raw_text"] == cell["raw_text"]) & (cells["col_no"] < cell["col_no"])]
    spans = _token_spans(line, cell["raw_text"])
    if len(spans) <= len(same):
        return None
    start, end = spans[len(same)]
    changed = lines.copy()
    changed[int(cell["line_no"]) - 1] = line[:start] + corrupted + line[end:]
    try:
        doc = extract_document(source, "\n".join(changed).encode("utf-8"))
    except ExtractionError:
        return None
    records = to_records(doc)
    hit = [c for c in records["cells"] if c["line_no"] == cell["line_no"] and c["col_no"] == cell["col_no"]
           and c["table_no"] == cell["table_no"] and c["raw_text"] == corrupted]
    return records if hit else None


def _judge(base: _Baseline, audit: "FastAudit", key: str, kind: str, corrupted: str, records, change: float) -> Trial:
    """Run the audit on the corrupted report: flagged, the cell named, visible at all."""
    cell = base.cells.loc[key]
    findings, _ = audit.run(records)
    involved = [
        r for r in findings.itertuples()
        if r.passed is False or (not pd.isna(r.passed) and not r.passed)
        if (r.rule, r.source_file, r.table_no, r.row_no, r.col_no, round(r.difference, 6)) not in base.failed
        and key in list(r.cell_keys)
    ]
    describe = f"{cell['source_file']} line {int(cell['line_no'])}:"
    suspects = [r.suspected_cell for r in involved if r.suspected_cell]
    named = any(s.startswith(describe) and f"printed {corrupted} (likely misprint" in s for s in suspects)
    detectable = any(
        round(abs(difference + coef * change), 6) > round(tolerance, 6)
        for coef, difference, tolerance in base.by_cell.get(key, [])
    )
    # a change that makes the row a consistent row of the other sign convention (a row that
    # alone shows its convention: 'Leanlink  −76,1  0  −76,1' printed '76,1') is one no audit
    # that reads conventions from the numbers can see, unless another identity fails
    turned = any(
        r.rule == "deviation" and key in list(r.cell_keys) and not pd.isna(r.passed) and bool(r.passed)
        and base.conventions.get((r.source_file, r.table_no, r.row_no, r.col_no), _convention(r.detail))
        != _convention(r.detail)
        for r in findings.itertuples()
    )
    detectable = bool(involved) or (detectable and not turned)
    return Trial(key, kind, cell["raw_text"], corrupted, bool(involved), named, detectable, suspects,
                 cell["table_kind"])


def run_benchmark(warehouse: Path, n: int = 240, seed: int = 2026, work: Path | None = None) -> list[Trial]:
    work = work or warehouse.parent / "bench_target"
    work.mkdir(parents=True, exist_ok=True)
    # a private copy: the trials read it while other processes may use the warehouse
    copy = work / warehouse.name
    shutil.copyfile(warehouse, copy)
    warehouse = copy
    audit = FastAudit(warehouse, compile_models(warehouse, work))
    base = _baseline(warehouse)
    candidates = list(base.candidates)
    rng = random.Random(seed)
    rng.shuffle(candidates)
    kinds = ["digit", "sign", "swap"]
    trials: list[Trial] = []
    texts: dict[str, list[str]] = {}
    for key in candidates:
        if len(trials) >= n:
            break
        cell = base.cells.loc[key]
        kind = kinds[len(trials) % 3]
        corrupted = corrupt(cell["raw_text"], kind, rng)
        if corrupted is None:
            kind, corrupted = "digit", corrupt(cell["raw_text"], "digit", rng)
        changed_value = parse_number(corrupted)
        if changed_value is None or changed_value.value == cell["value"]:
            continue  # '0' → '-0' changes nothing
        records = _corrupted_records(base, key, corrupted, texts)
        if records is not None:
            trials.append(_judge(base, audit, key, kind, corrupted, records, changed_value.value - cell["value"]))
    return trials


def summary(trials: list[Trial]) -> str:
    n = len(trials)
    flagged = sum(t.flagged for t in trials)
    named = sum(t.named for t in trials)
    visible = [t for t in trials if t.detectable]
    lines = [
        f"{n} corruptions: {flagged} flagged ({flagged / n:.1%}), right cell named in {named} ({named / n:.1%})",
        f"  {len(visible)} of them change a number by more than the rounding tolerance of an identity "
        f"covering it: {sum(t.flagged for t in visible)} flagged "
        f"({sum(t.flagged for t in visible) / max(len(visible), 1):.1%}), right cell named in "
        f"{sum(t.named for t in visible)} ({sum(t.named for t in visible) / max(len(visible), 1):.1%})",
    ]
    groups = [(kind, [t for t in trials if t.kind == kind]) for kind in ("digit", "sign", "swap")]
    groups += [(f"in {k} tables", [t for t in trials if t.table_kind == k]) for k in CORRUPTED_KINDS]
    for name, group in groups:
        if group:
            lines.append(
                f"  {name}: {len(group)}, flagged {sum(t.flagged for t in group) / len(group):.1%}, "
                f"named {sum(t.named for t in group) / len(group):.1%}"
            )
    return "\n".join(lines)
