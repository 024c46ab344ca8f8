"""uvicorn's httptools protocol (`--http` in the Makefile), with two changes.

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

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.web.middleware.security import SECURITY_HEADERS

BAD_REQUEST = b"Bad request.\n"
_HEAD_400 = b"".join(
    [
        b"HTTP/1.1 400 Bad Request\r\n",
        *(f"{name}: {value}\r\n".encode("latin-1") for name, value in SECURITY_HEADERS.items()),
        b"cache-control: no-store\r\n",
        b"content-type: text/plain; charset=utf-8\r\n",
        f"content-length: {len(BAD_REQUEST)}\r\n".encode(),
        b"connection: close\r\n\r\n",
    ]
)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to a request it cannot parse, with our headers (and no message of
        the parser's: it could echo what the client sent)."""
        self.transport.write(_HEAD_400 + BAD_REQUEST)
        self.transport.close()
