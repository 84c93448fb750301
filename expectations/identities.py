"""The identity suite: every identity row (both sides, rounding tolerance) must hold.

dbt computes one row per identity with the reported value, the expected value from the
other printed numbers, their difference and the rounding tolerance (interval arithmetic over
the printed precision). This suite validates those rows as a pandas batch, with GX Core 1.x,
and returns which identities fail. No Dagster here.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

import great_expectations as gx  # noqa: E402

SUITE_NAME = "financial_identities"


@dataclass
class SuiteResult:
    success: bool
    evaluated: int
    failed_ids: set[int]
    statistics: dict


def _context():
    context = gx.get_context(mode="ephemeral")
    try:
        from great_expectations.data_context.types.base import ProgressBarsConfig

        context.variables.progress_bars = ProgressBarsConfig(globally=False)
    except Exception:  # pragma: no cover - progress bars are cosmetic
        pass
    return context


def build_suite() -> gx.ExpectationSuite:
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(
        gx.expectations.ExpectColumnValuesToNotBeNull(column="reported")
    )
    suite.add_expectation(
        gx.expectations.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="tolerance",
            column_B="abs_difference",
            or_equal=True,
            description="The interval of the reported value meets the interval of the value "
            "computed from the other printed numbers (|difference| <= rounding tolerance).",
        )
    )
    return suite


def validate_identities(identities: pd.DataFrame) -> SuiteResult:
    """Validate evaluable identity rows; `identity_id` must identify each row."""
    frame = identities.loc[identities["evaluable"].fillna(False).astype(bool)].copy()
    frame["abs_difference"] = frame["difference"].abs()
    frame = frame[["identity_id", "reported", "tolerance", "abs_difference"]]
    if frame.empty:
        return SuiteResult(True, 0, set(), {})
    context = _context()
    batch_definition = (
        context.data_sources.add_pandas("identities")
        .add_dataframe_asset("identity_rows")
        .add_batch_definition_whole_dataframe("all_rows")
    )
    suite = context.suites.add(build_suite())
    validation = context.validation_definitions.add(
        gx.ValidationDefinition(data=batch_definition, suite=suite, name=f"{SUITE_NAME}_validation")
    )
    result = validation.run(
        batch_parameters={"dataframe": frame},
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["identity_id"]},
    )
    failed: set[int] = set()
    for expectation_result in result.results:
        for item in expectation_result.result.get("unexpected_index_list") or []:
            failed.add(int(item["identity_id"]))
    return SuiteResult(bool(result.success), len(frame), failed, dict(result.statistics))
