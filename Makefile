# Recoupe: `make serve` to preview the briefing, `make test` to run every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build serve test lint check clean deps test-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt constraints.txt | $(BIN)/python
	$(PIP) install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.test-deps: requirements-dev.txt $(VENV)/.deps
	$(PIP) install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

deps: $(VENV)/.deps

test-deps: $(VENV)/.test-deps node_modules/.installed
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq default-jre-headless; }

build: deps
	$(BIN)/python build.py build

serve: deps
	$(BIN)/python build.py serve

check: deps
	$(BIN)/python build.py check

test: test-deps
	$(BIN)/python -m pytest -q

lint: test-deps
	$(BIN)/ruff check .

clean:
	rm -rf site .cache .site-staging-*
