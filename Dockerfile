# Wie helpt mij? - the same server as `make run`, as a non-root user. `make image` builds it.
# Everything from Debian's own packages (Python 3.11 in a venv, npm for htmx, Pango and fonts for
# the posters), so the same file builds on a machine that can only reach Debian's mirror, PyPI
# and the npm registry, and at a municipality that pulls debian:bookworm-slim.

# Stage 1: htmx, pinned by package-lock.json (not the test-only vnu-jar), with Debian's npm.
FROM debian:bookworm-slim AS assets
# Where a proxy needs its own CA to reach PyPI and npm: the path of that bundle inside the build
# (make image mounts the host's). Empty elsewhere.
ARG REGISTRY_CA=""
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm ca-certificates
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund ${REGISTRY_CA:+--cafile=$REGISTRY_CA} \
    && mkdir vendor && cp node_modules/htmx.org/dist/htmx.min.js vendor/

# Stage 2: the app, without npm.
FROM debian:bookworm-slim
ARG REGISTRY_CA=""
# XDG_CACHE_HOME: fontconfig (the posters) keeps its cache in /tmp, the root filesystem being
# read-only in Kubernetes.
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 XDG_CACHE_HOME=/tmp/cache
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        python3 python3-venv ca-certificates libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /srv/app
# Installed in place (editable): templates, content and static files are read from the tree.
COPY pyproject.toml ./
COPY app ./app
RUN python3 -m venv /srv/venv \
    && ${REGISTRY_CA:+env PIP_CERT=$REGISTRY_CA} /srv/venv/bin/pip install --no-cache-dir -e .
COPY content ./content
COPY static ./static
COPY locales ./locales
COPY babel.cfg ./
COPY --from=assets /src/vendor ./static/vendor
RUN /srv/venv/bin/pybabel compile --domain messages --directory locales \
    && mkdir -p /srv/data && chown app:app /srv/data
# The counts and the posters: mount a volume here (Kubernetes: deploy/kubernetes/app.yaml).
ENV PATH=/srv/venv/bin:$PATH WHM_DATA_DIR=/srv/data
VOLUME /srv/data
USER app
RUN python -m app check
EXPOSE 8000
# No access log, no Server header, no proxy headers, no WebSocket, a bounded SIGTERM: the flags
# of `make serve` (tests/deploy/test_manifests.py keeps them equal). The asyncio loop: see the
# Makefile for why not uvloop.
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2", \
     "--loop", "app.event_loop:EventLoop", "--http", "app.http_protocol:NoDelayHttpToolsProtocol", \
     "--ws", "none", "--timeout-graceful-shutdown", "10", \
     "--no-access-log", "--no-server-header", "--no-proxy-headers"]
