"""The application's state, built once at start-up and handed to routes by a dependency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request

from app.content.loader import Content
from app.domain.hours import AMSTERDAM
from app.posters import PosterStore
from app.settings import Settings
from app.stats import Counts
from app.web.i18n import LANGUAGES
from app.web.rendering.answer_pages import AnswerPages
from app.web.rendering.board import Boards
from app.web.rendering.installable import Pwa
from app.web.rendering.static import StaticAssets
from app.web.rendering.templating import Renderer


def amsterdam_now() -> datetime:
    return datetime.now(AMSTERDAM)


@dataclass
class Site:
    settings: Settings
    content: Content
    static: StaticAssets
    renderer: Renderer
    answer_pages: AnswerPages
    boards: Boards
    pwa: Pwa
    posters: PosterStore  # made once per deployment, on first use
    counts: Counts  # the anonymous daily counts, kept in memory and written in batches
    clock: Callable[[], datetime] = amsterdam_now


async def get_site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


async def get_lang(lang: str) -> str:
    """The language of a path prefix; an unknown one is a 404 (never a guess)."""
    if lang not in LANGUAGES:
        raise HTTPException(status_code=404)
    return lang


# The two dependencies every route uses, defined once.
SiteDep = Annotated[Site, Depends(get_site)]
LangDep = Annotated[str, Depends(get_lang)]
