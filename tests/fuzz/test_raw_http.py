"""Property-based raw HTTP against the real server process (make serve): request lines, methods,
headers and bodies as a hostile client writes them. Whatever arrives, the answer is never a 5xx
and always carries our headers - or the server closes the connection (issue 15)."""

from __future__ import annotations

import os
import re
import socket
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.web.middleware.security import SECURITY_HEADERS
from tests.server.test_server import start_healthy, stop

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
STATUSES: Counter[int] = Counter()  # 0: closed without an answer

METHODS = st.sampled_from(["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "FOO", "get", ""])
PATHS = st.sampled_from(
    [
        "/",
        "/nl/",
        "/nl/stap",
        "/api/v1/recommendations",
        "/nl/feedback",
        "/static/x.css",
        "/uit",
        "/healthz",
        "*",
        "//",
        "/%00",
        "/nl/../etc",
    ]
)
VERSIONS = st.sampled_from(["HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/9", ""])
TOKEN = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=20)
HEADER = st.tuples(
    st.sampled_from(["Host", "Content-Length", "Transfer-Encoding", "Content-Type", "HX-Request",
                     "Accept-Encoding", "Accept-Language", "Connection", "Upgrade", "Expect"])
    | TOKEN,
    st.sampled_from(["0", "5", "-1", "99999999999", "chunked", "gzip, br", "true", "nl",
                     "close", "websocket", "100-continue", "application/json",
                     "application/x-www-form-urlencoded"])
    | st.text(max_size=30),
)  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    # Short limits: a request the fuzzer left incomplete is cut off in a fifth of a second.
    process, base = start_healthy({"WHM_HEADER_TIMEOUT": "0.2", "WHM_BODY_TIMEOUT": "0.2"})
    yield base
    output = stop(process)
    assert "Traceback" not in output, output[-3000:]


def _exchange(base: str, raw: bytes) -> bytes:
    """Send `raw`, then read one answer: its head and as much body as Content-Length says (a
    fuzzed Connection header may keep the connection open), or until the server closes."""
    host, port = base.removeprefix("http://").split(":")
    # 1 s: an answer without Content-Length on a kept-alive connection ends no sooner than the
    # server's keep-alive timeout (5 s); the answer itself has arrived by then.
    with socket.create_connection((host, int(port)), timeout=1) as conn:
        try:
            conn.sendall(raw)
            conn.shutdown(socket.SHUT_WR)  # no more: the server must answer or close
        except OSError:
            pass
        data = b""
        try:
            while chunk := conn.recv(65536):
                data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                if _ and length and len(body) >= int(length.group(1)):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return data


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=os.environ.get("FUZZ_RANDOM") is None)  # fmt: skip
@given(method=METHODS, path=PATHS, version=VERSIONS, headers=st.lists(HEADER, max_size=6),
       body=st.binary(max_size=64), crlf=st.sampled_from([b"\r\n", b"\n"]))  # fmt: skip
def test_raw_requests_get_no_5xx_and_our_headers(
    server: str, method: str, path: str, version: str, headers: list[tuple[str, str]],
    body: bytes, crlf: bytes,
) -> None:  # fmt: skip
    lines = [f"{method} {path} {version}".encode(), b"Connection: close"]
    lines += [f"{name}: {value}".encode("utf-8", "surrogatepass") for name, value in headers]
    raw = crlf.join(lines) + crlf + crlf + body
    reply = _exchange(server, raw)
    if not reply:
        STATUSES[0] += 1
        return
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    STATUSES[status] += 1
    assert status < 500, (raw[:200], head[0])
    fields = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in head[1:]}
    for name, value in SECURITY_HEADERS.items():
        assert fields.get(name) == value, (name, raw[:200], head[0])
