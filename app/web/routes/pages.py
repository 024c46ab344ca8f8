"""Pages that depend only on the language (and the clock, for "open now")."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.web.errors import error_page
from app.web.rendering.cards import overview_cards
from app.web.rendering.schools import school_view
from app.web.site import LangDep, SiteDep

router = APIRouter(include_in_schema=False)


@router.get("/{lang}", name="language")
async def language(request: Request, lang: LangDep) -> RedirectResponse:
    return RedirectResponse(request.app.url_path_for("start", lang=lang), status_code=302)


@router.get("/{lang}/", name="start")
async def start(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(request, lang, "pages/start.html")


@router.get("/{lang}/overzicht", name="overview")
async def overview(request: Request, lang: LangDep, site: SiteDep) -> HTMLResponse:
    cards = overview_cards(site.content, lang, site.clock(), site.renderer.gettext(lang))
    return site.renderer.page(request, lang, "pages/overview.html", cards=cards)


@router.get("/{lang}/tips", name="tips")
async def tips(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(request, lang, "pages/tips.html")


@router.get("/{lang}/over", name="about")
async def about(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(request, lang, "pages/about.html")


@router.get("/{lang}/school/{code}", name="school")
async def school(request: Request, lang: LangDep, code: str, site: SiteDep) -> Response:
    """A school's start page, opened by the QR code on its poster (design.md section 10). An
    unknown code is a friendly 404 that still offers the general journey."""
    found = site.content.schools.get(code)
    if found is None:
        return error_page(request, site, 404, "no_school", lang)
    view = school_view(code, found, lang, site.renderer.gettext(lang))
    return site.renderer.shared_page(request, lang, "pages/school.html", school=view)
