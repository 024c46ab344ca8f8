"""POST /{lang}/stap answered in front of FastAPI, as a pure ASGI app.

It is the busiest route and the only page made for every request. FastAPI's own middleware,
routing and dependency wrappers cost about 20 us of the 230 us a results page takes in-process
(bench/inprocess.py), and under wrk the results POST served 2,900 requests a second with it and
1,840 without (median of 3 runs each, 2026-12-01): it pays for itself. It calls the very function
the route calls (`routes.journey.respond`), for the paths the route has in every language, so the
two cannot drift apart; an error ends as it does in FastAPI: the friendly 500 page, and the
exception goes on to SecurityHeaders, which logs one line.
"""

from __future__ import annotations

from fastapi import FastAPI, Request

from app.web.errors import error_page
from app.web.i18n import LANGUAGES
from app.web.middleware.asgi import ASGIApp, Receive, Scope, Send
from app.web.routes.journey import respond
from app.web.site import Site


class Shortcut:
    def __init__(self, app: FastAPI, site: Site) -> None:
        self.app: ASGIApp = app
        self.site = site
        self.paths = {str(app.url_path_for("answer", lang=lang)): lang for lang in LANGUAGES}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lang = self.paths.get(scope["path"]) if scope["type"] == "http" else None
        if lang is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await respond(request, lang, self.site)
        except Exception:
            await error_page(request, self.site, 500, "server", lang)(scope, receive, send)
            raise
        await response(scope, receive, send)
