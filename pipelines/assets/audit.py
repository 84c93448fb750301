"""The identity audit as assets: GX decides every identity the dbt models state, and the
findings and the money columns no identity checks are written to audit.* (after the identity
models, in the lineage); the asset checks in checks.py only read them."""

import dagster as dg
from dagster_dbt import get_asset_key_for_model
from dagster_duckdb import DuckDBResource

from ..audit import load_unchecked, run_audit
from ..freshness import built_by_this_code
from ..settings import data_docs_dir
from .dbt import rapportlager_dbt_assets

IDENTITIES = get_asset_key_for_model([rapportlager_dbt_assets], "int_identities")
UNCHECKED = get_asset_key_for_model([rapportlager_dbt_assets], "int_audit_unchecked")
FINDINGS_KEY = dg.AssetKey(["audit", "identity_findings"])
UNCHECKED_KEY = dg.AssetKey(["audit", "unchecked_columns"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(FINDINGS_KEY, deps=[IDENTITIES, UNCHECKED], group_name="audit",
                     description="Every identity evaluated by the GX suite, passed or not, with its suspected cell."),
        dg.AssetSpec(UNCHECKED_KEY, deps=[UNCHECKED], group_name="audit",
                     description="Money columns no identity can check, with the reason."),
    ],
    description="Run the GX identity suite (one expectation per family) and write audit.*, with the Data Docs.",
)
def identity_audit(context: dg.AssetExecutionContext, duckdb: DuckDBResource):
    with duckdb.get_connection() as con:
        # the published audit's verdicts are kept for unchanged identities when this code made it
        findings = run_audit(con, data_docs_dir(), reuse=built_by_this_code(con))
        unchecked = load_unchecked(con)
    failed = int((findings["passed"].fillna(True) == False).sum())  # noqa: E712
    judged = findings.attrs["judged"]
    kept = f", {len(findings) - judged} kept from the published audit (same content)" if judged < len(findings) else ""
    context.log.info(f"identity audit: {int(findings['passed'].notna().sum())} identities, {failed} failed; "
                     f"GX judged {judged}{kept}")
    yield dg.MaterializeResult(asset_key=FINDINGS_KEY, metadata={
        "identities": int(findings["passed"].notna().sum()), "failed": failed,
        "data_docs": dg.MetadataValue.path(str(data_docs_dir() / "index.html")),
    })
    yield dg.MaterializeResult(asset_key=UNCHECKED_KEY, metadata={"unchecked_columns": len(unchecked)})
