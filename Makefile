# One command runner, the same on a laptop and in CI (.ci/run calls `make test`).
#   make run    install, build, validate content, serve on http://$(HOST):$(PORT)
#   make test   install (Chromium from Debian's packages too when missing), then every test
#   make test-fast  every test but the real-browser ones, on every core (under 2 minutes)
#   make lint   ruff and mypy
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
APP ?= app.main:app

.PHONY: tls observatory nginx podman image fuzz soak audit install build translations messages check run serve test test-fast lint chromium java pdf-tools pdf-libs clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

static/vendor/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

install: $(VENV)/.installed

# Catalogues: the .po files are committed, the .mo files are built (never committed).
translations: install
	$(VENV)/bin/pybabel compile --domain messages --directory locales --statistics 2>&1 | grep -v '^compiling' || true

# After changing a Dutch text in a template or in app/: extract it, then translate the new
# entries in every locales/<lang>/LC_MESSAGES/messages.po (`make check` lists what is missing).
messages: install
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --omit-header -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales --no-wrap --no-fuzzy-matching --ignore-obsolete

build: install pdf-libs static/vendor/htmx.min.js translations

check: build
	$(PY) -m app check

run: check serve

# The server alone, exactly as `make run` starts it (tests start it this way too).
# --ws none: no WebSocket (an upgrade request is an ordinary request, answered by the app with
# our headers). --timeout-graceful-shutdown: SIGTERM waits at most GRACE_SECONDS (default 10)
# for requests in flight, so a client that sends its body slowly cannot hold a shutdown.
# --loop: asyncio's selector loop (app/event_loop.py: it survives running out of file
# descriptors), not uvloop: under a full load uvloop runs new requests before it finishes
# earlier ones (MagicStack/uvloop#123), so 1% of the results pages took over a second at 64
# connections (38 ms with asyncio, for the same throughput; make bench).
serve:
	$(VENV)/bin/uvicorn $(APP) --host $(HOST) --port $(PORT) --workers $${WORKERS:-1} \
		--loop app.event_loop:EventLoop --http app.http_protocol:NoDelayHttpToolsProtocol --ws none \
		--timeout-graceful-shutdown $${GRACE_SECONDS:-10} \
		--no-access-log --no-server-header --no-proxy-headers

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
		else \
			echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian's package) and try again." >&2; exit 1; \
		fi; \
	fi

# Java for the Nu Html Checker (vnu.jar comes from package.json): Debian's package, like Chromium.
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless; \
		else \
			echo "Java is missing: run 'sudo apt-get install default-jre-headless' (Debian's package) and try again." >&2; exit 1; \
		fi; \
	fi

# The poster tests turn a PDF into an image and read its QR code back: Debian's packages.
pdf-tools:
	@if ! command -v pdftoppm >/dev/null || ! command -v zbarimg >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends poppler-utils zbar-tools; \
		else \
			echo "pdftoppm or zbarimg is missing: run 'sudo apt-get install poppler-utils zbar-tools' (Debian's packages) and try again." >&2; exit 1; \
		fi; \
	fi

# WeasyPrint (the posters) needs Pango and a font with Latin, Cyrillic and Arabic letters.
pdf-libs:
	@libs="$$(PATH="$$PATH:/usr/sbin:/sbin" ldconfig -p)"; \
	if ! grep -q libpango-1.0 <<<"$$libs" || ! grep -q libpangoft2-1.0 <<<"$$libs" || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core; \
		else \
			echo "Pango or the DejaVu fonts are missing: run 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core' (Debian's packages) and try again." >&2; exit 1; \
		fi; \
	fi

# nginx and its headers-more module (to drop the Server header): Debian's packages.
nginx:
	@if ! command -v nginx >/dev/null || [ ! -e /usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx libnginx-mod-http-headers-more-filter; \
		else \
			echo "nginx or its headers-more module is missing: run 'sudo apt-get install nginx libnginx-mod-http-headers-more-filter' (Debian's packages) and try again." >&2; exit 1; \
		fi; \
	fi

# The reference deployment on this machine (deploy/, design.md section 12): a local CA, nginx as
# the TLS front on https://127.0.0.1:$(TLS_PORT) (plain HTTP on that port is redirected), the app
# behind it. Prints CA=<path>; Ctrl-C or SIGTERM stops both.
TLS_PORT ?= 8443
tls: check nginx
	TLS_PORT=$(TLS_PORT) $(PY) scripts/front.py run

# The MDN HTTP Observatory (pinned in deploy/observatory, from the npm registry; its install
# script would download lists, so it runs with --ignore-scripts) grades the deployment: A+.
deploy/observatory/node_modules/.installed: deploy/observatory/package.json deploy/observatory/package-lock.json
	cd deploy/observatory && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

observatory: check nginx deploy/observatory/node_modules/.installed
	TLS_PORT=$(TLS_PORT) $(PY) scripts/front.py observatory

# The container image, built here with Debian's podman (design.md section 12). No container
# registry is reachable from these machines, so the base debian:bookworm-slim is made from
# Debian's packages with mmdebstrap when it is missing; a municipality's machine pulls it. The
# host's CA bundle is mounted for pip and npm (REGISTRY_CA). crun fails here ("cgroups in hybrid
# mode"): runc. Prints IMAGE=<name> on its last line.
IMAGE ?= localhost/wie-helpt-mij:latest
CONTAINER_LIMITS := --runtime runc --ulimit nofile=1024:20000 --ulimit nproc=4096:4096
podman:
	@if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman buildah runc mmdebstrap uidmap; \
		else \
			echo "podman or mmdebstrap is missing: run 'sudo apt-get install podman buildah runc mmdebstrap uidmap' (Debian's packages) and try again." >&2; exit 1; \
		fi; \
	fi

image: podman
	@if ! podman image exists docker.io/library/debian:bookworm-slim; then \
		tmp=$$(mktemp -d) && mmdebstrap --quiet --variant=minbase bookworm $$tmp/base.tar \
		&& podman import -q $$tmp/base.tar docker.io/library/debian:bookworm-slim >/dev/null \
		&& rm -rf $$tmp; \
	fi
	podman build $(CONTAINER_LIMITS) --network host --pull=never \
		-v /etc/ssl/certs/ca-certificates.crt:/run/registry-ca.crt:ro --build-arg REGISTRY_CA=/run/registry-ca.crt \
		-t $(IMAGE) .
	@echo IMAGE=$(IMAGE)

# Fuzzing (issue 15): schemathesis over the OpenAPI schema, property-based HTML forms and raw
# HTTP against the real server, random cases this time (make test runs 60 fixed ones of each);
# prints the cases by status. FUZZ_EXAMPLES per test (3000: over 10,000 cases in all).
FUZZ_EXAMPLES ?= 3000
fuzz: check
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_RANDOM=1 $(PY) -m pytest -q -p no:randomly tests/fuzz

# A soak through the TLS front (scripts/soak.py): SOAK_SECONDS (600) at 64 connections, then
# requests, errors, p99 and the app's memory at start and end; fails on any error.
soak: check nginx
	$(PY) scripts/soak.py

# Known vulnerabilities in the pinned packages (pip-audit), for operators whose machines reach a
# vulnerability database (PyPI's or OSV). Ours do not - pip-audit then reports every package as
# "not found" - so it is not part of `make test`.
audit: install
	$(VENV)/bin/pip-audit --skip-editable --progress-spinner off

# Everything but the browser on every core (pytest-xdist), then the browser tests in one process.
test: check chromium java pdf-tools nginx
	$(PY) -m pytest -n auto --ignore=tests/browser
	$(PY) -m pytest tests/browser

test-fast: check java pdf-tools nginx
	$(PY) -m pytest -n auto --ignore=tests/browser

lint: install
	$(VENV)/bin/ruff check app tests scripts bench
	$(VENV)/bin/ruff format --check app tests scripts bench
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy bench

clean:
	rm -rf $(VENV) node_modules static/vendor

# Performance budgets, not part of `make test` (~6 min): page weight, wrk against nginx,
# Lighthouse, memory, cold start; one table, also in bench/out/summary.md (bench/README.md).
bench: build chromium
	bash bench/setup.sh
	$(PY) bench/run.py
