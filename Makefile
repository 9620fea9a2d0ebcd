# plainprint — `make` builds every source in sources/ into output/; `make test` runs the tests.
# Both create .venv and install what they need on first use. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PLAINPRINT := $(PY) -m pipeline
STAMP := $(VENV)/.installed-stamp
OUT ?= output
FAIL_ON ?= error

SOURCES := $(sort $(wildcard sources/*.html sources/*.htm sources/*.txt sources/*.md))
NAMES := $(sort $(basename $(notdir $(SOURCES))))
DOCS := $(NAMES:%=$(OUT)/documents/%.json)

PIPELINE_SRC := $(shell find pipeline -name '*.py' -o -name '*.j2' -o -name '*.css' -o -name '*.tsv' -o -name '*.toml' 2>/dev/null)
CONFIG := $(wildcard plainprint.toml)

.PHONY: all help setup ingest test lint format clean bench-extraction

all: ingest ## Build every source in sources/ into output/ (default)

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install plainprint with its test tools

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	@touch $@

ingest: $(DOCS) ## Ingest every source into output/documents/<name>.json

# One rule per source type; a .md beside a .html of the same name wins (see README).
$(OUT)/documents/%.json: sources/%.md $(STAMP) $(PIPELINE_SRC) $(CONFIG)
	$(PLAINPRINT) ingest $< -o $@
$(OUT)/documents/%.json: sources/%.html $(STAMP) $(PIPELINE_SRC) $(CONFIG)
	$(PLAINPRINT) ingest $< -o $@
$(OUT)/documents/%.json: sources/%.htm $(STAMP) $(PIPELINE_SRC) $(CONFIG)
	$(PLAINPRINT) ingest $< -o $@
$(OUT)/documents/%.json: sources/%.txt $(STAMP) $(PIPELINE_SRC) $(CONFIG)
	$(PLAINPRINT) ingest $< -o $@

test: $(STAMP) lint ## Lint, then run the test suite
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff check and ruff format --check
	$(PY) -m ruff check pipeline checks tests bench
	$(PY) -m ruff format --check pipeline checks tests bench

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix pipeline checks tests bench
	$(PY) -m ruff format pipeline checks tests bench

bench-extraction: $(STAMP) ## Score ingest against ../shared/corpus/extraction (with readability-lxml, trafilatura)
	$(PY) bench/extraction.py

clean: ## Remove everything in output/ (keeps .venv)
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete
