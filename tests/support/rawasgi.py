"""Call an ASGI app with exactly the header fields a test names: repeated, odd-cased or empty.

HTTP clients merge, reorder or lowercase header fields; a test of how the app reads them must
send them as a hostile client would. No lifespan runs, so nothing is kept between requests but
what the app itself keeps.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from typing import Any

import brotli  # type: ignore[import-untyped]

Fields = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Fields
    body: bytes  # as sent, still compressed

    def header(self, name: str) -> str | None:
        values = [v.decode("latin-1") for k, v in self.headers if k.lower() == name.encode()]
        assert len(values) <= 1, f"{name} sent {len(values)} times"
        return values[0] if values else None

    @property
    def encoding(self) -> str | None:
        return self.header("content-encoding")

    def text(self) -> str:
        body = self.body
        if self.encoding == "br":
            body = brotli.decompress(body)
        elif self.encoding == "gzip":
            body = gzip.decompress(body)
        else:
            assert self.encoding is None, f"unknown encoding {self.encoding}"
        return body.decode("utf-8")


async def call(app: Any, method: str, path: str, fields: Fields = (), body: bytes = b"") -> Reply:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *fields],
        "client": None,
        "server": ("testserver", 80),
    }
    incoming = [{"type": "http.request", "body": body, "more_body": False}]
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            assert not start, "two response starts"
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return Reply(start["status"], tuple(start.get("headers", [])), b"".join(chunks))
