"""uvicorn's httptools protocol (`--http` in the Makefile), with three changes.

Limits for slow and hostile clients (issue 15): a connection must send a request's head within
`header_timeout` seconds (from connecting, or from the first byte of the next request), its body
may pause at most `body_timeout` seconds, and a head larger than `max_header_bytes` gets a 431.
Before, a socket that sent nothing was held forever (1,030 of them exhausted a worker's file
descriptors), a stalled body was waited for indefinitely, and a 64 MB head was read.

Its own 400 - for bytes that are not HTTP, an unknown method, a bad chunk size, a duplicate
Content-Length - never reaches the app, so it carried none of our headers (issue 15): it now
sends the same security headers as every other response, `no-store`, and a plain text.

And TCP_NODELAY on every connection:

With more than one worker uvicorn binds the socket itself, without naming the protocol
(`socket.socket(family=...)`), so asyncio leaves Nagle's algorithm on for every connection (its
`_set_nodelay` wants `sock.proto == IPPROTO_TCP`). uvicorn writes a response's head and body
separately, and the body then waited for the client's delayed ACK: about 40 ms a request with two
workers (make bench: 1,450 requests a second for the start page, against 9,400 with one worker).
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import get_settings
from app.web.middleware.security import SECURITY_HEADERS


def _plain(status: bytes, text: bytes) -> bytes:
    """A whole response the server sends by itself: our headers, no-store, a short text."""
    return b"".join(
        [
            b"HTTP/1.1 " + status + b"\r\n",
            *(f"{name}: {value}\r\n".encode("latin-1") for name, value in SECURITY_HEADERS.items()),
            b"cache-control: no-store\r\n",
            b"content-type: text/plain; charset=utf-8\r\n",
            f"content-length: {len(text)}\r\n".encode(),
            b"connection: close\r\n\r\n",
            text,
        ]
    )


BAD_REQUEST = _plain(b"400 Bad Request", b"Bad request.\n")
HEAD_TOO_LARGE = _plain(b"431 Request Header Fields Too Large", b"Request head too large.\n")


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        settings = get_settings()
        self._header_timeout = settings.header_timeout
        self._body_timeout = settings.body_timeout
        self._max_head = settings.max_header_bytes
        self._head_bytes = 0
        self._head_too_large = False
        self._stall: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
        self._arm(self._header_timeout)  # a socket that sends nothing is not kept

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        self._arm(self._header_timeout)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self._body_timeout)  # until the body is complete (at once when there is none)

    def on_body(self, body: bytes) -> None:
        super().on_body(body)
        self._arm(self._body_timeout)

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request it cannot parse, with our headers (and no message of
        the parser's: it could echo what the client sent); a 431 for a head over the limit."""
        self._disarm()
        self.transport.write(HEAD_TOO_LARGE if self._head_too_large else BAD_REQUEST)
        self.transport.close()

    def _count(self, size: int) -> None:
        self._head_bytes += size
        if self._head_bytes > self._max_head:
            self._head_too_large = True
            raise ValueError("request head too large")  # httptools stops: send_400_response

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._stall = self.loop.call_later(seconds, self._stalled)

    def _disarm(self) -> None:
        if self._stall is not None:
            self._stall.cancel()
            self._stall = None

    def _stalled(self) -> None:
        """The client stopped sending: close (a request waiting for its body sees a disconnect)."""
        self._stall = None
        if not self.transport.is_closing():
            self.transport.close()
