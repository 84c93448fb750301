# rapportlager: `make run` builds the warehouse from data/raw, `make test` runs the tests.
# Both create (or reuse) the virtual environment in .venv and install from pyproject.toml.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

export DAGSTER_HOME := $(CURDIR)/.dagster_home
export GX_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run test ui docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

run: $(STAMP) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/rapportlager run

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist worksteal

ui: $(STAMP) $(DAGSTER_HOME)/dagster.yaml
	$(BIN)/dagster dev -m pipelines.definitions

docs: $(STAMP)
	cd dbt_project && ../$(BIN)/dbt docs generate --profiles-dir . --target-path ../data/warehouse/dbt_docs

clean:
	rm -rf data/warehouse/*.duckdb* data/warehouse/dbt_docs data/warehouse/builds data/warehouse/snapshots \
		data/warehouse/parquet data/warehouse/dagster data/warehouse/data_docs dbt_project/target dbt_project/logs
