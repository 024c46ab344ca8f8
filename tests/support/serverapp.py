"""The real application plus one route that fails on purpose. Only tests mount it.

`make serve APP=tests.support.serverapp:app` starts it exactly as `make run` starts app.main:app,
so the sentinel test (tests/server/test_sentinel.py) can force a 500 in the real server process.
It is never shipped: nothing in app/ imports tests/.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.routing import Route

from app.main import app as real_app
from app.web.app import fastapi_of

BOOM_PATH = "/test-only/boom"


class BoomError(RuntimeError):
    """Raised by the forced-500 route; its message carries whatever the test sent."""


def add_boom_route(fastapi_app: FastAPI) -> None:
    """Mount GET BOOM_PATH first, so no page route can shadow it. It raises with the query string
    in the message: a log line that repeated the message would leak what the client sent."""

    async def boom(request: Request) -> None:
        raise BoomError(f"forced failure for {request.url.query}")

    fastapi_app.router.routes.insert(0, Route(BOOM_PATH, boom, methods=["GET"]))


add_boom_route(fastapi_of(real_app))
app = real_app
