"""Responses the app marks as shared are served from memory, before any routing: the one cache.

A page that depends only on its path (the language pages, static files, the service worker) is
answered by the app once per path and variant (`request_headers.variant`: whether htmx asked,
and the encoding); the app marks it with the header `x-shared`, which never leaves the server.
`Compress` compresses such a response at its best level, once, because it is kept here.
The key is read from the request exactly as the routes read it (request_headers.py), so a
response is only ever served to requests that would have produced the same bytes. Requests with
a query string always reach the app, and nothing that depends on what a visitor sent is ever
marked, so nothing a child answered is kept here.
"""

from __future__ import annotations

from app.web.middleware.asgi import ASGIApp, Message, Receive, Scope, Send
from app.web.request_headers import Variant, variant

SHARED_HEADER = "X-Shared"  # set by a route on a response that depends only on path and variant
SHARED = SHARED_HEADER.lower().encode()
Key = tuple[str, Variant]


def keeps(scope: Scope) -> bool:
    """Whether a response to this request may be kept (when the app marks it shared)."""
    return scope["type"] == "http" and scope["method"] == "GET" and not scope.get("query_string")


class Memo:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._store: dict[Key, tuple[Message, Message]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not keeps(scope):
            await self.app(scope, receive, send)
            return
        key: Key = (scope["path"], variant(scope))
        hit = self._store.get(key)
        if hit is not None:
            await send(dict(hit[0]))
            await send(dict(hit[1]))
            return
        start: Message | None = None

        async def remembering_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                raw = message.get("headers", [])
                if any(k.lower() == SHARED for k, _ in raw):
                    start = {**message, "headers": [(k, v) for k, v in raw if k.lower() != SHARED]}
                    message = start
            elif start is not None and message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    self._store[key] = (start, dict(message))
                start = None
            await send(message)

        await self.app(scope, receive, remembering_send)
