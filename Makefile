# The two commands a new user needs:  make book  (build the strategy)  and  make test.
# `make help` lists every target.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LA ?= 209
YEAR ?=
ARGS ?=
YEAR_ARG := $(if $(YEAR),--year $(YEAR),)
# The default edition's executed notebooks (LA and the latest year in the data unless YEAR is given).
EDITION_CACHE = .cache/editions/$(LA)-$(or $(YEAR),$(shell $(BIN)/python -c 'from sufficiency.data.input_checks import available_years; print(available_years()[1])'))

.PHONY: help book html demo test test-fast lint toc venv system lock benchmark clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14

$(BIN)/sufficiency: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

venv: $(BIN)/sufficiency  ## create the virtual environment from the lock

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

system:  ## install TeX Live and Chromium with apt (as root); otherwise says what to install
	@bash scripts/install-system-deps.sh || echo "continuing without them: the PDF and browser checks will be skipped"

book: venv system  ## build the book: make book [LA=203] [YEAR=2022] [ARGS=--no-pdf]
	$(BIN)/sufficiency build --la $(LA) $(YEAR_ARG) $(ARGS)

html: venv  ## build the HTML only
	$(BIN)/sufficiency build --la $(LA) $(YEAR_ARG) --no-pdf $(ARGS)

SYNTHETIC := .cache/synthetic/$(LA)
demo: venv system  ## a demonstration book with record-level pages from a SYNTHETIC SSDA903 extract: _build/demo
	$(BIN)/sufficiency episodes $(SYNTHETIC) --synthetic --la $(LA) $(YEAR_ARG) --out $(SYNTHETIC)-indicators.csv
	$(BIN)/sufficiency build --la $(LA) $(YEAR_ARG) --episodes $(SYNTHETIC) --out _build/demo $(ARGS)

test: book node_modules/.package-lock.json lint  ## build the default book, then run every test (lint, unit, notebooks, accessibility)
	$(BIN)/python -m pytest
	@# The executed pages as the notebooks wrote them (book/ holds them after the council's vocabulary is applied).
	$(BIN)/python -m pytest --nbval -p no:randomly $(EDITION_CACHE)/*.ipynb --nbval-current-env -q -o addopts="" -o testpaths=""

test-fast: venv  ## unit tests only (no book build)
	$(BIN)/python -m pytest -m "not slow"

lint: venv  ## the pre-commit checks: ruff, and import-linter's layer contracts
	$(BIN)/pre-commit run --all-files --show-diff-on-failure

toc: venv  ## write _toc.yml from the page plan (src/sufficiency/build/plan.py)
	$(BIN)/sufficiency toc

lock:  ## re-pin requirements.lock and environment.yml from pyproject.toml
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 --no-header -o requirements.lock
	$(BIN)/python scripts/write_environment_yml.py

benchmark: venv  ## time clean build, no-change rebuild, one-file rebuild, PDF, memory
	$(BIN)/python benchmarks/bench_build.py

clean:  ## remove built books and caches (not the virtual environment)
	rm -rf _build .cache book/_generated book/*.ipynb
