"""The real server process, started the way `make run` starts it (make serve)."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import IO

import brotli  # type: ignore[import-untyped]
import httpx
import pytest
import yaml

from scripts.front import free_port
from tests.conftest import ROOT

OUTPUTS: dict[int, IO[str]] = {}  # what each started server printed, by its process id


def start(
    env: dict[str, str] | None = None, open_files: int | None = None
) -> tuple[subprocess.Popen[str], str]:
    """`make serve` on a free port; `open_files`: the limit of open files (ulimit -n) first."""
    port = free_port()
    command = ["make", "-s", "serve", "HOST=127.0.0.1", f"PORT={port}"]
    if open_files is not None:
        command = ["bash", "-c", f'ulimit -n {open_files} && exec "$@"', "serve", *command]
    # Its output goes to a file, not a pipe: a pipe nobody reads fills up (64 KB of log lines),
    # and then the server blocks writing its next line (the fuzzer's 400s did that).
    output = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed by stop())
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    OUTPUTS[process.pid] = output
    return process, f"http://127.0.0.1:{port}"


def start_healthy(
    env: dict[str, str] | None = None, open_files: int | None = None
) -> tuple[subprocess.Popen[str], str]:
    """start(), then wait until /healthz answers (the test fails, with the output, if not)."""
    process, base = start(env, open_files)
    deadline = time.monotonic() + 20
    while True:
        try:
            httpx.get(f"{base}/healthz", timeout=2)
            return process, base
        except httpx.TransportError:
            if time.monotonic() > deadline:
                pytest.fail(f"server did not start: {stop(process)}")
            time.sleep(0.1)


def stop(process: subprocess.Popen[str], timeout: float = 10) -> str:
    """SIGTERM, then what the server printed. A server still running after `timeout` seconds
    is killed, and the test that waited fails on the TimeoutExpired."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    output = OUTPUTS.pop(process.pid)
    output.seek(0)
    printed = output.read()
    output.close()
    return printed


def test_server_answers_without_server_header(server: str) -> None:
    response = httpx.get(f"{server}/nl/")
    assert response.status_code == 200
    assert "server" not in response.headers
    assert response.headers["cache-control"] == "no-store"


def test_server_refuses_to_start_on_invalid_content(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "services" / "kindertelefoon.yaml"
    data = yaml.safe_load(path.read_text())
    data["age"] = {"min": 8}
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    process, _ = start({"WHM_CONTENT_DIR": str(content)})
    try:
        process.wait(timeout=20)
    finally:
        output = stop(process)
    assert process.returncode != 0
    assert f"{path}: age.max: Field required" in output
    assert "does not start" in output


def _raw_get(base: str, path: str, fields: list[tuple[str, str]]) -> tuple[int, str | None, bytes]:
    """GET with exactly these header fields (repeated ones too, as curl sends them)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        for name, value in fields:
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheader("content-encoding"), response.read()
    finally:
        connection.close()


def test_repeated_headers_change_nothing_for_the_next_visitor(server: str) -> None:
    """Issue 10 as reported, through the real server: a first request with conflicting
    HX-Request fields, or repeated Accept-Encoding fields, must not decide what the next
    visitor gets."""
    browser = ("Accept-Encoding", "gzip, deflate, br")
    _raw_get(server, "/nl/", [("HX-Request", "true"), ("HX-Request", "false"), browser])
    _raw_get(server, "/ar/tips", [("hx-request", "false"), ("HX-REQUEST", "true"), browser])
    _raw_get(server, "/nl/over", [("Accept-Encoding", "br"), ("Accept-Encoding", "identity")])
    _raw_get(server, "/en/over", [("accept-encoding", "identity"), ("ACCEPT-ENCODING", "gzip")])

    for path in ("/nl/", "/ar/tips"):
        status, encoding, body = _raw_get(server, path, [browser])
        assert (status, encoding) == (200, "br"), path
        html = brotli.decompress(body).decode()
        assert html.startswith("<!doctype html>"), f"{path}: the htmx fragment was kept"
        assert 'href="tel:112"' in html and 'href="/uit"' in html, path
    for path in ("/nl/over", "/en/over"):
        status, encoding, body = _raw_get(server, path, [])
        assert (status, encoding) == (200, None), f"{path}: {encoding} without Accept-Encoding"
        assert body.startswith(b"<!doctype html>"), path
        status, encoding, body = _raw_get(server, path, [("HX-Request", "true")])
        assert (status, encoding) == (200, None), path
        assert not body.startswith(b"<!doctype"), f"{path}: htmx got the whole page"
