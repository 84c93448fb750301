"""rapportlager: the Dagster code location (extraction, dbt, identity checks)."""
