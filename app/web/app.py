"""create_app(): the FastAPI application, wrapped in the security-headers middleware."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from app.content.loader import Content
from app.settings import Settings
from app.web import errors
from app.web.routes import api, journey, pages, system
from app.web.security import SecurityHeaders
from app.web.site import Site
from app.web.static import StaticAssets
from app.web.templating import Renderer

STATIC = Path(__file__).resolve().parent.parent.parent / "static"


def create_fastapi(settings: Settings, content: Content) -> FastAPI:
    app = FastAPI(
        title="Wie helpt mij? API",
        version="1",
        description="Anonymous recommendations of places where young people find help. "
        "Nothing sent here is stored or logged.",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        redirect_slashes=False,  # an unknown path is a 404, not a redirect to a guess
    )
    static = StaticAssets(STATIC)
    renderer = Renderer(
        static,
        app.url_path_for,
        {"site_title": content.region.site_title, "region": content.region},
    )
    app.state.site = Site(settings, content, static, renderer)
    for router in (system.router, api.router, journey.router, pages.router):
        app.include_router(router)
    errors.install(app)
    return app


def create_app(settings: Settings, content: Content) -> SecurityHeaders:
    return SecurityHeaders(create_fastapi(settings, content))
