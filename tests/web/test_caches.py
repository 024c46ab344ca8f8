"""The one cache of shared responses (middleware/memo.py) and compression (compression.py), each on
its own, in front of a small ASGI app that counts its calls and answers as the routes do."""

from __future__ import annotations

import gzip
from typing import Any

import brotli  # type: ignore[import-untyped]
import pytest

from app.web.middleware.compression import Compress, best, fast
from app.web.middleware.memo import Memo
from tests.conftest import run_async
from tests.support.rawasgi import Fields, Reply, call

PAGE = ("<p>" + "Wie helpt mij? " * 200 + "</p>").encode()


class Inner:
    """An app that answers every request with PAGE, marked shared when `shared` says so."""

    def __init__(
        self, shared: bool = True, body: bytes = PAGE, media: bytes = b"text/html"
    ) -> None:
        self.calls = 0
        self.shared = shared
        self.body = body
        self.media = media

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        headers = [(b"content-type", self.media), (b"vary", b"HX-Request")]
        if self.shared:
            headers.append((b"x-shared", b"1"))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": self.body})


def ask(app: Any, method: str = "GET", path: str = "/nl/", fields: Fields = ()) -> Reply:
    return run_async(call(app, method, path, fields))


BR = ((b"accept-encoding", b"gzip, br"),)


def test_memo_keeps_a_shared_response_per_path_and_variant() -> None:
    inner = Inner()
    app = Memo(Compress(inner))
    first = ask(app, fields=BR)
    assert ask(app, fields=BR) == first and inner.calls == 1  # kept
    assert first.header("x-shared") is None  # the mark never leaves the server
    ask(app, fields=((b"accept-encoding", b"gzip"),))  # another encoding: another variant
    ask(app, fields=(*BR, (b"hx-request", b"true")))  # a fragment: another variant
    ask(app, path="/en/", fields=BR)  # another path
    assert inner.calls == 4
    ask(app, fields=((b"accept-encoding", b"gzip"),))
    assert inner.calls == 4


@pytest.mark.parametrize(
    ("method", "path", "shared"),
    [("POST", "/nl/", True), ("GET", "/nl/?x=1", True), ("GET", "/nl/", False)],
    ids=["a POST", "a query string", "not marked"],
)
def test_memo_keeps_nothing_else(method: str, path: str, shared: bool) -> None:
    inner = Inner(shared=shared)
    app = Memo(Compress(inner))
    target, _, query = path.partition("?")
    for _ in range(3):
        reply = run_async(_call_with_query(app, method, target, query.encode()))
        assert reply.status == 200
    assert inner.calls == 3


async def _call_with_query(app: Any, method: str, path: str, query: bytes) -> Reply:
    if not query:
        return await call(app, method, path, BR)
    sent: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent.update(message)
        else:
            chunks.append(message.get("body", b""))

    scope = {"type": "http", "method": method, "path": path, "query_string": query}
    await app({**scope, "headers": list(BR)}, receive, send)
    return Reply(sent["status"], tuple(sent["headers"]), b"".join(chunks))


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (b"gzip, deflate, br", "br"),
        (b"gzip", "gzip"),
        (b"gzip;q=1, br;q=0.5", "gzip"),
        (b"br;q=0, gzip", "gzip"),
        (b"br;q=0, gzip;q=0", None),
        (b"identity", None),
        (b"*", "br"),
        (b"", None),
    ],
)
def test_compress_speaks_the_encoding_the_client_prefers(
    accept: bytes, expected: str | None
) -> None:
    reply = ask(Compress(Inner(shared=False)), fields=((b"accept-encoding", accept),))
    assert reply.encoding == expected
    assert reply.text().encode() == PAGE
    assert reply.header("content-length") in (None, str(len(reply.body)))
    if expected:
        assert reply.header("vary") == "HX-Request, Accept-Encoding"


@pytest.mark.parametrize(
    "inner",
    [
        Inner(shared=False, body=b"<p>small</p>"),
        Inner(shared=False, media=b"image/png"),
    ],
    ids=["under 512 bytes", "not text"],
)
def test_compress_leaves_what_does_not_gain(inner: Inner) -> None:
    reply = ask(Compress(inner), fields=BR)
    assert reply.encoding is None and reply.body == inner.body


def test_compress_never_compresses_twice() -> None:
    class Encoded(Inner):
        async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
            body = gzip.compress(PAGE)
            headers = [(b"content-type", b"text/html"), (b"content-encoding", b"gzip")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})

    reply = ask(Compress(Encoded()), fields=BR)
    assert reply.encoding == "gzip" and gzip.decompress(reply.body) == PAGE


def test_a_kept_response_gets_the_best_level_a_passing_one_the_fast_level() -> None:
    kept = ask(Memo(Compress(Inner(shared=True))), fields=BR)
    passing = ask(Memo(Compress(Inner(shared=True))), method="POST", fields=BR)
    assert kept.body == best(PAGE, "br")[0] != fast(PAGE, "br")[0]
    assert passing.body == fast(PAGE, "br")[0]
    assert brotli.decompress(kept.body) == brotli.decompress(passing.body) == PAGE
