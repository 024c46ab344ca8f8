# One command runner, the same on a laptop and in CI (.ci/run calls `make test`).
#   make run    install, build, validate content, serve on http://$(HOST):$(PORT)
#   make test   install (Chromium from Debian's packages too when missing), then every test
#   make lint   ruff and mypy
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
APP ?= app.main:app

.PHONY: install build check run serve test lint chromium clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

static/vendor/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

install: $(VENV)/.installed

build: install static/vendor/htmx.min.js

check: build
	$(PY) -m app check

run: check serve

# The server alone, exactly as `make run` starts it (tests start it this way too).
serve:
	$(VENV)/bin/uvicorn $(APP) --host $(HOST) --port $(PORT) --workers $${WORKERS:-1} \
		--no-access-log --no-server-header --no-proxy-headers

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
		else \
			echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian's package) and try again." >&2; exit 1; \
		fi; \
	fi

test: check chromium
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check app tests
	$(VENV)/bin/ruff format --check app tests
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) node_modules static/vendor
