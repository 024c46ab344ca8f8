"""create_app(): the FastAPI application, wrapped in the security-headers middleware."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

from fastapi import FastAPI

from app.content.loader import Content
from app.domain.notices import NoticeId
from app.posters import PosterStore
from app.settings import Settings
from app.stats import Counts, allowed_names
from app.web import errors
from app.web.forms import hidden_fields
from app.web.i18n import LANGUAGES, translations
from app.web.middleware.compression import Compress
from app.web.middleware.head import HeadAsGet
from app.web.middleware.memo import Memo
from app.web.middleware.security import SecurityHeaders
from app.web.middleware.shortcut import Shortcut
from app.web.rendering.answer_pages import AnswerPages
from app.web.rendering.board import Boards
from app.web.rendering.cards import overview_cards
from app.web.rendering.installable import build_pwa
from app.web.rendering.static import StaticAssets
from app.web.rendering.templating import Renderer
from app.web.routes import adults, api, journey, pages, pwa, system
from app.web.site import Site, amsterdam_now

STATIC = Path(__file__).resolve().parent.parent.parent / "static"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Write the anonymous counts every few seconds, and what is pending on a clean shutdown."""
    writer = asyncio.create_task(app.state.site.counts.run())
    try:
        yield
    finally:
        writer.cancel()
        with suppress(asyncio.CancelledError):
            await writer


def create_fastapi(settings: Settings, content: Content) -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
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
        {
            "site_title": content.region.site_title,
            "region": content.region,
            "hidden_fields": hidden_fields,
        },
    )
    # The journey first: it is the busiest route, and FastAPI tries routes in order.
    routers = (journey.router, system.router, pwa.router, api.router, adults.router, pages.router)
    for router in routers:
        app.include_router(router)
    errors.install(app)
    # After the routes: the pages made at start-up link to them.
    cards = {  # every place's card: the parts that no answer and no hour changes
        lang: overview_cards(content, lang, amsterdam_now(), translations(lang).gettext)
        for lang in LANGUAGES
    }
    answer_pages = AnswerPages(renderer, content, cards)
    installable = build_pwa(content.region, static, renderer, settings.exit_url)
    boards = Boards(content)
    posters = PosterStore(content, settings.base_url, settings.data_dir / "posters")
    names = allowed_names(content.services, (n.value for n in NoticeId), content.schools)
    counts = Counts(settings.data_dir, settings.instance, names, enabled=settings.counts)
    app.state.site = Site(
        settings, content, static, renderer, answer_pages, boards, installable, posters, counts
    )
    return app


def middleware(app: FastAPI) -> HeadAsGet:
    """The layers around the app: HEAD as GET without a body, then the headers (even a 500 gets
    them), then the memory of shared pages, then compression, then the shortcut for the answers
    (middleware/shortcut.py)."""
    return HeadAsGet(SecurityHeaders(Memo(Compress(Shortcut(app, app.state.site)))))


def create_app(settings: Settings, content: Content) -> HeadAsGet:
    return middleware(create_fastapi(settings, content))


def fastapi_of(app: object) -> FastAPI:
    """The FastAPI application inside the middleware layers (for tests and tools)."""
    while not isinstance(app, FastAPI):
        app = app.app  # type: ignore[attr-defined]
    return app
