"""The identity suite: every identity row (both sides, rounding tolerance) must hold.

dbt computes one row per identity with the reported value, the value the other printed
numbers give, their difference and the rounding tolerance (interval arithmetic over the
printed precision). This suite validates those rows as a pandas batch with GX Core 1.x, one
expectation per identity family (each evaluating that family's rows), optionally writing GX
Data Docs, and returns which identities fail: GX makes the pass/fail decision, for the
pipeline and for the benchmark alike (`IdentitySuite` is built once and validates many
batches). No Dagster here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # noqa: E402
from great_expectations.expectations.row_conditions import Column  # noqa: E402

from .families import IDENTITY_FAMILIES  # noqa: E402,F401 (the families are the suite's)
from .offline_docs import make_offline  # noqa: E402

SUITE_NAME = "financial_identities"
DOCS_SITE = "rapportlager"
COVERAGE_SUITE_NAME = "audit_coverage"
COVERAGE_COLUMNS = ["source_file", "table_no", "first_line", "column_header", "reason"]
# what the Data Docs show of each failing identity: its id and where it is printed, in one column
# (GX looks each shown column up cell by cell for every failure: one column, not six, keeps the
# validation of a thousand reports' identities in seconds)
SHOWN_COLUMNS = ["identity_id", "printed_at"]


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failed_ids: set[int]
    statistics: dict
    data_docs: Path | None = None


def _context(docs_dir: Path | None):
    context = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    except Exception:  # pragma: no cover - progress bars are cosmetic
        pass
    if docs_dir is not None:
        context.add_data_docs_site(
            site_name=DOCS_SITE,
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
    return context


def build_suite() -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column="reported"))
    for family, text in IDENTITY_FAMILIES.items():
        suite.add_expectation(
            gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
                column_A="tolerance",
                column_B="abs_difference",
                or_equal=True,
                row_condition=Column("rule") == family,
                description=(
                    f"{family}: {text} The printed value and the value the other printed numbers "
                    "give agree within their rounding: |reported − expected| ≤ the sum of half a unit "
                    "of the last printed digit of every number involved (interval arithmetic)."
                ),
            )
        )
    return suite


def build_coverage_suite() -> gx.ExpectationSuite:
    """Every money column is checked by some identity: a column listed here is one that no
    identity could check (no total row, a total row without a value, an unknown convention)."""
    suite = gx.ExpectationSuite(name=COVERAGE_SUITE_NAME)
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToBeNull(
            column="reason",
            description="No money column is left unchecked; each row shown is one, with the reason.",
        )
    )
    return suite


def identity_frame(identities: pd.DataFrame) -> pd.DataFrame:
    """The evaluable identity rows as the suite validates them."""
    frame = identities.loc[identities["evaluable"].fillna(False).astype(bool)].copy()
    frame["abs_difference"] = frame["difference"].abs().round(9)
    frame["tolerance"] = frame["tolerance"].round(9)
    frame["printed_at"] = (frame["source_file"].astype(str) + " line " + frame["line_no"].astype("Int64").astype(str)
                           + ": '" + frame["row_label"].fillna("").astype(str) + "' / '"
                           + frame["column_header"].fillna("").astype(str) + "' printed "
                           + frame["reported_text"].fillna("").astype(str))
    return frame[SHOWN_COLUMNS + ["rule", "reported", "tolerance", "abs_difference"]]


class IdentitySuite:
    """The identity suite, built once (context, suite, checkpoint) and run on many batches."""

    def __init__(self, docs_dir: Path | None = None):
        self.docs_dir = docs_dir
        self.context = _context(docs_dir)
        self.checkpoint = _checkpoint(self.context, SUITE_NAME, build_suite(), SHOWN_COLUMNS)

    def validate(self, identities: pd.DataFrame) -> SuiteResult:
        frame = identity_frame(identities)
        if frame.empty:
            return SuiteResult(True, 0, set(), {})
        run = self.checkpoint.run(batch_parameters={"dataframe": frame})
        failed: set[int] = set()
        statistics: dict = {}
        for validation_result in run.run_results.values():
            statistics = dict(validation_result.statistics)
            for expectation_result in validation_result.results:
                for item in expectation_result.result.get("unexpected_index_list") or []:
                    failed.add(int(item["identity_id"]))
        index = self.docs_dir / "index.html" if self.docs_dir is not None else None
        return SuiteResult(bool(run.success), len(frame), failed, statistics, index)

    def validate_coverage(self, unchecked: pd.DataFrame) -> None:
        coverage = unchecked[COVERAGE_COLUMNS].copy()
        coverage.insert(0, "row_id", range(1, len(coverage) + 1))
        checkpoint = _checkpoint(self.context, COVERAGE_SUITE_NAME, build_coverage_suite(),
                                 ["row_id"] + COVERAGE_COLUMNS[:-1])
        checkpoint.run(batch_parameters={"dataframe": coverage})

    def write_docs(self) -> None:
        """The Data Docs of every validation run so far (GX keeps their results), readable
        offline. Kept apart from the validations: the verdict is known before the pages are
        rendered (about a second of templates)."""
        if self.docs_dir is None:
            return
        self.context.build_data_docs(site_names=[DOCS_SITE])
        make_offline(self.docs_dir)


def validate_identities(
    identities: pd.DataFrame, docs_dir: Path | None = None, unchecked: pd.DataFrame | None = None
) -> SuiteResult:
    """Validate the evaluable identity rows; `identity_id` must identify each row. With
    `unchecked` (the money columns no identity covers), the coverage suite runs too and both
    land in the Data Docs."""
    suite = IdentitySuite(docs_dir)
    result = suite.validate(identities)
    document(suite, unchecked)
    return result


def document(suite: IdentitySuite, unchecked: pd.DataFrame | None) -> None:
    """After a verdict: the coverage suite on `unchecked` (what no identity checks; it decides
    nothing), then the Data Docs of both."""
    if unchecked is not None:
        suite.validate_coverage(unchecked)
    suite.write_docs()


def _checkpoint(context, name: str, suite: gx.ExpectationSuite, index_columns: list[str]):
    batch_definition = (
        context.data_sources.add_pandas(f"{name}_source")
        .add_dataframe_asset(f"{name}_rows")
        .add_batch_definition_whole_dataframe("all_rows")
    )
    suite = context.suites.add(suite)
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch_definition, suite=suite, name=f"{name}_validation")
    )
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": index_columns}
    return context.checkpoints.add(
        gx.Checkpoint(name=f"{name}_checkpoint", validation_definitions=[validation], result_format=result_format)
    )
