"""The TLS front of the reference deployment (deploy/, `make tls`): nginx from Debian's packages
in front of the real server, over TLS with a local CA. Our headers on everything it answers
itself, plain HTTP redirected, no Server header, static files from disk, its own error pages
with the helplines, and nothing a visitor sent in its output."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.web.middleware.security import SECURITY_HEADERS
from scripts.front import free_port
from tests.conftest import ROOT

MODULE = Path("/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so")
SENTINEL = f"SENTINEL{secrets.token_hex(6)}"


class Front:
    def __init__(self, folder: Path) -> None:
        if not MODULE.exists():
            pytest.fail(f"{MODULE} is missing: run `make nginx` (Debian's packages)")
        self.folder = folder
        self.port, self.app_port = free_port(), free_port()
        self.process = subprocess.Popen(
            [sys.executable, "scripts/front.py", "run", "--tls-port", str(self.port),
             "--app-port", str(self.app_port), "--folder", str(folder)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )  # fmt: skip
        self.base = f"https://127.0.0.1:{self.port}"
        self.ca = folder / "ca" / "ca.pem"
        self.printed = ""  # what it printed before CA=, kept for stop()
        deadline = time.monotonic() + 40
        while True:
            line = self.process.stdout.readline() if self.process.stdout else ""
            self.printed += line
            if line.startswith("CA="):
                assert Path(line.strip().removeprefix("CA=")) == self.ca
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"make tls did not start:\n{line}{self.stop()}")
        self.client = httpx.Client(verify=ssl.create_default_context(cafile=str(self.ca)))

    def stop(self) -> str:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        output, _ = self.process.communicate(timeout=30)
        return self.printed + output


@pytest.fixture
def readable_dir() -> Iterator[Path]:
    """A folder nginx's workers (not root) may read: pytest's own tmp folders are root-only."""
    folder = Path(tempfile.mkdtemp(prefix="whm-tls-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def front() -> Iterator[Front]:
    folder = Path(tempfile.mkdtemp(prefix="whm-tls-"))
    folder.chmod(0o755)
    running = Front(folder)
    yield running
    running.stop()
    shutil.rmtree(folder, ignore_errors=True)


def _ours(headers: httpx.Headers) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert "server" not in headers and "x-powered-by" not in headers


def test_pages_come_through_tls_with_our_headers_and_no_server(front: Front) -> None:
    response = front.client.get(f"{front.base}/nl/")
    assert response.status_code == 200 and response.http_version in ("HTTP/1.1", "HTTP/2")
    _ours(response.headers)
    assert len(response.headers.get_list("content-security-policy")) == 1  # no duplicate


def test_plain_http_on_the_tls_port_is_redirected(front: Front) -> None:
    response = httpx.get(f"http://127.0.0.1:{front.port}/nl/tips", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"https://127.0.0.1:{front.port}/nl/tips"


def test_the_front_serves_the_hashed_static_files(front: Front) -> None:
    page = front.client.get(f"{front.base}/nl/").text
    css = page.split('href="/static/css/', 1)[1].split('"', 1)[0]
    response = front.client.get(f"{front.base}/static/css/{css}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    _ours(response.headers)
    assert response.content == (ROOT / "static" / "css" / "app.css").read_bytes()


def test_its_own_errors_are_the_helplines_page_with_our_headers(front: Front) -> None:
    big = front.client.post(f"{front.base}/nl/stap", content=b"x" * 40000)
    assert big.status_code == 413
    _ours(big.headers)
    assert big.headers["cache-control"] == "no-store"
    assert "<title>Jeugd Wassenaar</title>" in big.text and 'href="tel:112"' in big.text
    assert "@" not in big.text and big.text.count('href="tel:') == 5  # helplines.inc filled in
    context = ssl.create_default_context(cafile=str(front.ca))
    raw = socket.create_connection(("127.0.0.1", front.port))
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(b"GARBAGE " + SENTINEL.encode() + b"\r\n\r\n")
        reply = tls.recv(65536).decode("latin-1")
    assert reply.startswith("HTTP/1.1 400 ") and "content-security-policy:" in reply.lower()
    assert 'href="tel:112"' in reply


def test_nothing_a_visitor_sends_reaches_the_output_or_a_file(readable_dir: Path) -> None:
    """The sentinel test (tests/server/test_sentinel.py) for the front: what make tls prints
    (nginx and the app) and every file it writes hold none of it."""
    running = Front(readable_dir)
    headers = {"User-Agent": SENTINEL, "X-Forwarded-For": "203.0.113.77", "Referer": SENTINEL}
    for path in ("/nl/", f"/nl/{SENTINEL}", f"/static/{SENTINEL}.css", "/healthz", "/uit"):
        running.client.get(f"{running.base}{path}?q={SENTINEL}", headers=headers)
    running.client.post(f"{running.base}/nl/stap", data={"danger": SENTINEL}, headers=headers)
    running.client.post(f"{running.base}/nl/stap", content=SENTINEL.encode() * 5000)
    context = ssl.create_default_context(cafile=str(running.ca))
    raw = socket.create_connection(("127.0.0.1", running.port))
    with context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        tls.sendall(f"GET /{SENTINEL} HTTP/1.1\r\nHost: {SENTINEL}\r\nBad header\r\n\r\n".encode())
        tls.recv(65536)
    output = running.stop()
    assert "Uvicorn running on" in output  # the output was read
    assert SENTINEL not in output and "203.0.113.77" not in output, output[-2000:]
    for path in (p for p in readable_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        assert SENTINEL.encode() not in data and b"203.0.113.77" not in data, path


def test_with_the_app_down_the_front_answers_503_with_the_helplines(readable_dir: Path) -> None:
    tmp_path = readable_dir
    from scripts.front import local_ca, render  # the same rendering as make tls

    ca, cert, key = local_ca(tmp_path / "ca")
    port, nothing = free_port(), free_port()
    conf = render(tmp_path / "nginx", f"127.0.0.1:{port}", "127.0.0.1", cert, key,
                  f"127.0.0.1:{nothing}")  # fmt: skip
    run = tmp_path / "nginx" / "run"
    nginx = subprocess.Popen(
        [
            "nginx",
            "-e",
            str(run / "error.log"),
            "-p",
            str(run),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ],
        start_new_session=True,
    )
    try:
        client = httpx.Client(verify=ssl.create_default_context(cafile=str(ca)))
        deadline = time.monotonic() + 10
        while True:
            try:
                response = client.get(f"https://127.0.0.1:{port}/nl/")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert response.status_code == 503 and response.headers["retry-after"] == "30"
        _ours(response.headers)
        assert (
            'href="tel:08000432"' in response.text
            and "<title>Jeugd Wassenaar</title>" in response.text
        )
    finally:
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=10)


def test_sigterm_stops_the_front_and_the_app(readable_dir: Path) -> None:
    running = Front(readable_dir)
    output = running.stop()
    assert running.process.returncode == 0, output
    for port in (running.port, running.app_port):
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
