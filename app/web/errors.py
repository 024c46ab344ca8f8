"""Friendly error pages (404, 405, 422, 500) in the page's language, with the helplines.

They show no traceback and log nothing about the request. API paths get JSON instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.web.i18n import DEFAULT, LANGUAGES
from app.web.site import Site


def _lang_of(request: Request) -> str:
    first = request.url.path.strip("/").split("/")[0]
    return first if first in LANGUAGES else DEFAULT


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_page(
    request: Request, site: Site, status_code: int, kind: str, lang: str | None = None
) -> HTMLResponse:
    """The friendly page: `kind` is not_found, no_school, invalid or server; `lang` defaults
    to the path's."""
    lang = lang or _lang_of(request)
    return site.renderer.page(request, lang, "pages/error.html", status_code, kind=kind)


def _site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = {"Allow": allowed(request)} if exc.status_code == 405 else {}
    if _is_api(request):
        if exc.status_code == 400:  # FastAPI's answer to a body it cannot decode (not UTF-8)
            return JSONResponse({"detail": [UNDECODABLE]}, status_code=422)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)
    kind = "not_found" if exc.status_code in (404, 405) else "invalid"
    response = error_page(request, _site(request), exc.status_code, kind)
    response.headers.update(headers)
    return response


def all_routes(routes: list[Any]) -> Iterator[Any]:
    """Every route, also those inside the routers FastAPI keeps as included routers."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from all_routes(inner.routes) if inner is not None else (route,)


UNDECODABLE = {"type": "json_invalid", "loc": ["body"], "msg": "the body is not UTF-8 JSON"}


def allowed(request: Request) -> str:
    """Every method some route takes at this path (HEAD wherever GET is: middleware/head.py),
    for the Allow header of a 405 (RFC 9110: it must be there)."""
    methods: set[str] = set()
    scope = {**request.scope, "method": "GET"}
    for route in all_routes(request.app.router.routes):
        match, _ = route.matches(scope)
        if match is not Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _is_api(request):
        return await request_validation_exception_handler(request, exc)
    return error_page(request, _site(request), 422, "invalid")


async def _server_error(request: Request, exc: Exception) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": "internal error"}, status_code=500)
    return error_page(request, _site(request), 500, "server")


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
