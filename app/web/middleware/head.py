"""HEAD answered as GET without its body (RFC 9110: every GET resource answers HEAD too).

FastAPI's routes take only the methods they name, so without this every page answered HEAD with a
405. The route runs as for GET, so the headers (length, type, our security headers) are exactly
those of GET; the body is dropped here, whatever the layers inside sent.
"""

from __future__ import annotations

from app.web.middleware.asgi import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
