"""Real-browser fixtures: Debian's Chromium driven by Playwright, a live server, phone contexts.

Chromium comes from the OS packages (`make test` installs it); Playwright's own browser
download cannot work here and is never used. A missing browser fails the tests loudly.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page

from app.content.loader import Content
from app.settings import Settings
from app.web.app import create_app
from tests.browser.phone import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.web.test_counting import seed_counts


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium with "
            "`sudo apt-get install chromium` (or run `make test`, which installs it).",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, **PHONE}


NEUTRAL_PAGE = b"<!doctype html><html lang=nl><title>Het weer</title><h1>Het weer</h1></html>"


def one_page_site(html: bytes) -> Iterator[str]:
    """A second local origin that answers every GET with `html` (yields its address)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def neutral_site() -> Iterator[str]:
    """A second local server standing in for the quick exit's neutral destination."""
    yield from one_page_site(NEUTRAL_PAGE)


def serve(app: Any) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a thread on a free local port; yield its origin."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the live server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(settings: Settings, content: Content, neutral_site: str) -> Iterator[str]:
    seed_counts(settings.data_dir)  # so that /cijfers draws its chart
    yield from serve(create_app(settings.model_copy(update={"exit_url": neutral_site}), content))


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    return live_server


@pytest.fixture
def no_js_page(
    browser: Browser, browser_context_args: dict[str, Any], base_url: str
) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        **{**browser_context_args, "base_url": base_url}, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()
