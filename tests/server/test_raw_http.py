"""The server's own answers to broken HTTP (issue 15, defect 4), and SIGTERM with a client that
never finishes its body (defect 2): through the real server process, with raw bytes."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from app.web.middleware.security import SECURITY_HEADERS
from tests.server.test_server import start_healthy, stop

BROKEN = {
    "bad request line": b"GARBAGE\r\n\r\n",
    "unknown method": b"FOO / HTTP/1.1\r\nHost: x\r\n\r\n",
    "bad chunk size": (
        b"POST /nl/stap HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n"
    ),
    "duplicate content-length": (
        b"POST /nl/stap HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"
    ),
    "header without colon": b"GET / HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
}


def _exchange(base: str, raw: bytes) -> tuple[int, dict[str, str]]:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(raw)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers: dict[str, str] = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        assert name.lower() not in headers, f"{name} twice"
        headers[name.lower()] = value.strip()
    return status, headers


@pytest.mark.parametrize("raw", BROKEN.values(), ids=BROKEN.keys())
def test_the_servers_own_400_carries_our_headers(server: str, raw: bytes) -> None:
    status, headers = _exchange(server, raw)
    assert status == 400
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    assert headers.get("cache-control") == "no-store"
    assert "server" not in headers


def test_a_websocket_upgrade_is_answered_by_the_app_with_our_headers(server: str) -> None:
    raw = (
        b"GET /nl/ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
        b"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
    )
    status, headers = _exchange(server, raw)
    assert status != 101 and status < 500
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name


def test_sigterm_ends_even_while_a_client_sends_its_body_slowly() -> None:
    process, base = start_healthy({"GRACE_SECONDS": "2"})
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as slow:
        slow.sendall(
            b"POST /nl/stap HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 1000\r\n\r\ndanger=no"
        )
        time.sleep(0.5)  # the request is in flight, waiting for 990 more bytes
        began = time.monotonic()
        output = stop(process, timeout=30)
        took = time.monotonic() - began
    assert took < 2 + 5, f"SIGTERM took {took:.1f} s:\n{output}"


# -- slow and hostile clients (defect 1) --------------------------------------------------------

LIMITS = {"WHM_HEADER_TIMEOUT": "1", "WHM_BODY_TIMEOUT": "1", "WHM_MAX_HEADER_BYTES": "16384"}


@pytest.fixture(scope="module")
def limited() -> Iterator[str]:
    """A server with one-second limits, so the tests need not wait ten."""
    process, base = start_healthy(LIMITS)
    yield base
    stop(process)


def _closed_within(conn: socket.socket, seconds: float) -> bytes | None:
    """What the server sent before closing, or None if it still held the socket."""
    conn.settimeout(seconds)
    data = b""
    try:
        while chunk := conn.recv(65536):
            data += chunk
    except TimeoutError:
        return None
    return data


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def test_a_socket_that_sends_nothing_is_closed(limited: str) -> None:
    idle = [_connect(limited) for _ in range(50)]
    try:
        began = time.monotonic()
        assert all(_closed_within(conn, 5) == b"" for conn in idle)
        assert time.monotonic() - began < 5
        assert httpx.get(f"{limited}/healthz").status_code == 200  # others are served meanwhile
    finally:
        for conn in idle:
            conn.close()


def test_a_head_sent_slowly_is_cut_off(limited: str) -> None:
    with _connect(limited) as conn:
        conn.sendall(b"GET /nl/ HTTP/1.1\r\nHost: x\r\n")
        time.sleep(0.5)
        conn.sendall(b"X-Slow: 1\r\n")  # still within the time: the limit is for the whole head
        assert _closed_within(conn, 5) == b""


def test_a_body_that_stalls_is_not_waited_for(limited: str) -> None:
    with _connect(limited) as conn:
        conn.sendall(
            b"POST /nl/stap HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nda"
        )
        began = time.monotonic()
        assert _closed_within(conn, 5) is not None
        assert time.monotonic() - began < 4
    assert httpx.get(f"{limited}/healthz").status_code == 200


def test_a_huge_head_gets_a_431_at_once(limited: str) -> None:
    with _connect(limited) as conn:
        began = time.monotonic()
        big = b"GET /nl/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (1 << 20) + b"\r\n\r\n"
        # The server may answer and close before all of it is sent.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            conn.sendall(big)
        reply = _closed_within(conn, 5) or b""
    assert reply.startswith(b"HTTP/1.1 431 ")
    assert b"content-security-policy: " in reply.lower()
    assert time.monotonic() - began < 3


def test_running_out_of_file_descriptors_says_so_once_and_recovers() -> None:
    """1,030 idle sockets on a worker limited to 1,024 open files flooded the log with 'Too many
    open files' tracebacks (~6 MB/s: CPython 3.11's accept loop logs once per backlog slot)."""
    process, base = start_healthy({"WHM_HEADER_TIMEOUT": "2"}, open_files=256)
    host, port = base.removeprefix("http://").split(":")
    idle = []
    try:
        for _ in range(300):
            idle.append(socket.create_connection((host, int(port)), timeout=5))
        time.sleep(3)  # out of descriptors for a while; the idle ones are cut off after 2 s
        for conn in idle:
            conn.close()
        time.sleep(1)
        assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200  # recovered
    finally:
        for conn in idle:
            conn.close()
        output = stop(process)
    assert len(output) < 20_000, f"{len(output)} bytes of output"
    assert "Traceback" not in output
    assert output.count("out of file descriptors") == 1, output[-2000:]
