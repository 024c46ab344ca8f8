"""In-process timing: what each kind of request costs the app itself, in microseconds.

No server, no sockets, no wrk: the ASGI app (every middleware layer included) is called directly,
so a speed layer can be re-justified in seconds instead of a six-minute `make bench`. Run it on
two commits (or with a change stashed) and compare the medians; the machine is noisy, so each
figure is the median of several rounds of many calls.

    .venv/bin/python bench/inprocess.py              # 7 rounds of 400 calls per request kind
    .venv/bin/python bench/inprocess.py --rounds 3 --calls 200

It is not a budget (those are in `make bench`): it says where the time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

import common  # noqa: F401 - puts the project on sys.path, for tests.support

from app.content.loader import load_content
from app.settings import get_settings
from app.web.app import create_app
from tests.support.rawasgi import call

BROWSER = (b"accept-encoding", b"gzip, deflate, br")
FORM = (b"content-type", b"application/x-www-form-urlencoded")
RESULTS = urlencode(
    {"danger": "no", "topics": "home_fights", "age": "12_15", "contact": "chat", "goal": "listen"}
).encode()
NOTICES = urlencode(
    [
        ("danger", "no"),
        ("topics", "touch"),
        ("topics", "friend"),
        ("age", "under_8"),
        ("contact", "face_to_face"),
        ("goal", ""),
    ]
).encode()
API = b'{"topics": ["sad"], "age": "12_15", "contact": "chat"}'

# name -> (method, path, extra header fields, body)
REQUESTS: dict[str, tuple[str, str, tuple[tuple[bytes, bytes], ...], bytes]] = {
    "GET /nl/ (shared page)": ("GET", "/nl/", (BROWSER,), b""),
    "GET /nl/stap (first question)": ("GET", "/nl/stap", (BROWSER,), b""),
    "GET /nl/overzicht (all help)": ("GET", "/nl/overzicht", (BROWSER,), b""),
    "GET static css": ("GET", "/static/css/app.css", (BROWSER,), b""),
    "POST /nl/stap: a question": ("POST", "/nl/stap", (BROWSER, FORM), b"danger=no"),
    "POST /nl/stap: results": ("POST", "/nl/stap", (BROWSER, FORM), RESULTS),
    "POST /nl/stap: results, htmx": (
        "POST",
        "/nl/stap",
        (BROWSER, FORM, (b"hx-request", b"true")),
        RESULTS,
    ),
    "POST /nl/stap: results with notices": ("POST", "/nl/stap", (BROWSER, FORM), NOTICES),
    "POST /api/v1/recommendations": (
        "POST",
        "/api/v1/recommendations",
        ((b"content-type", b"application/json"),),
        API,
    ),
}


def caller(
    app: Any, method: str, path: str, fields: Any, body: bytes
) -> Callable[[], Awaitable[int]]:
    """One request, called exactly as the tests' raw ASGI client calls it (the status back)."""

    async def once() -> int:
        return (await call(app, method, path, fields, body)).status

    return once


async def measure(rounds: int, calls: int) -> list[tuple[str, float, float]]:
    settings = get_settings()
    app = create_app(settings, load_content(settings.content_dir, settings.region))
    rows = []
    for name, (method, path, fields, body) in REQUESTS.items():
        if path == "/static/css/app.css":  # the hashed name, as pages link to it
            from app.web.app import fastapi_of

            path = fastapi_of(app).state.site.static.url("css/app.css")
        request = caller(app, method, path, fields, body)
        status = await request()
        assert status == 200, (name, status)
        medians = []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(calls):
                await request()
            medians.append((time.perf_counter() - start) / calls * 1e6)
        rows.append((name, statistics.median(medians), min(medians)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=400)
    args = parser.parse_args()
    rows = asyncio.run(measure(args.rounds, args.calls))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'request':<{width}}  median µs  best µs")
    for name, median, best in rows:
        print(f"{name:<{width}}  {median:9.1f}  {best:7.1f}")


if __name__ == "__main__":
    main()
