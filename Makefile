# The two newcomer commands (README.md opens with them):
#   make catalog   set up, then build README.md and the site (site/)
#   make test      set up, then run linters and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: catalog test setup setup-dev chromium jq node lint

$(BIN)/python:
	@PYTHON=$(PYTHON) bash tools/bootstrap.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

catalog: setup
	$(BIN)/medvlm build
	$(BIN)/medvlm site

# Debian packages the checks need, installed when missing (tools/bootstrap.sh CMD=PKG).
# Browser tests drive Debian's Chromium (never a downloaded browser).
chromium:
	@bash tools/bootstrap.sh chromium=chromium

# The link-report workflow step the tests run (tests/test_github_steps.py) filters JSON with jq.
jq:
	@bash tools/bootstrap.sh jq=jq

# CI's README check (awesome-lint, tools/awesome-lint) runs on Node.js and npm; a nodejs
# package may bring npm with it (NodeSource's does), Debian's has it apart: checked after.
node:
	@bash tools/bootstrap.sh node=nodejs
	@bash tools/bootstrap.sh npm=npm

lint: setup-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: setup-dev chromium jq lint
	$(BIN)/pytest -rs
