# Wie helpt mij? - the same server as `make run`, as a non-root user.
# Stage 1: the pinned front-end package (htmx) from the npm registry (not the test-only vnu-jar).
FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && mkdir vendor && cp node_modules/htmx.org/dist/htmx.min.js vendor/

# Stage 2: the app. Installed in place (editable), because templates, content and static files
# are read from the source tree.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
# WeasyPrint (the PDF posters) needs Pango, and a font with Latin, Cyrillic and Arabic letters.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /srv/app
COPY pyproject.toml ./
COPY app ./app
RUN pip install --no-cache-dir -e .
COPY content ./content
COPY static ./static
COPY babel.cfg ./
COPY locales ./locales
COPY --from=assets /src/vendor ./static/vendor
RUN pybabel compile --domain messages --directory locales
USER app
RUN python -m app check
EXPOSE 8000
# No access log, no Server header, no proxy headers: the app never learns who is asking.
# The asyncio loop, as `make serve`: see the Makefile for why not uvloop.
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--workers", "2", \
     "--loop", "asyncio", "--http", "app.http_protocol:NoDelayHttpToolsProtocol", \
     "--ws", "none", "--timeout-graceful-shutdown", "10", \
     "--no-access-log", "--no-server-header", "--no-proxy-headers"]
