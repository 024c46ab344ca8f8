"""Questions, the emergency page and the results: GET and POST /{lang}/stap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.routing import Route

from app.domain.answers import parse_answers
from app.domain.journey import Nav, Screen, ScreenKind, next_screen
from app.domain.recommend import recommend
from app.web.cards import result_cards
from app.web.errors import invalid_form_page
from app.web.forms import InvalidForm, parse_form, read_form
from app.web.site import Site, get_lang, get_site
from app.web.wording import question

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(get_site)]
LangDep = Annotated[str, Depends(get_lang)]


@router.get("/{lang}/stap", name="step")
async def first_question(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """The first question depends only on the language: served from memory."""
    screen = next_screen({})
    assert screen.question is not None
    _ = site.renderer.gettext(lang)
    return site.renderer.shared_page(
        request,
        lang,
        "pages/question.html",
        key="first",
        screen=screen,
        question=question(screen.question, _),
        nav=Nav,
    )


async def answer(request: Request) -> Response:
    """POST /{lang}/stap - the busiest route, so a plain Starlette route (see ROUTES): FastAPI's
    dependency solving cost as much as rendering the results page."""
    lang = await get_lang(request.path_params["lang"])
    site = await get_site(request)
    try:
        given, nav, step = parse_form(await read_form(request))
    except InvalidForm:
        return invalid_form_page(request, lang, site)
    return _show(request, lang, site, next_screen(given, nav, step))


def _show(request: Request, lang: str, site: Site, screen: Screen) -> Response:
    renderer = site.renderer
    if screen.kind is ScreenKind.START:
        return renderer.shared_page(request, lang, "pages/start.html")
    _ = renderer.gettext(lang)
    if screen.kind is ScreenKind.QUESTION:
        assert screen.question is not None
        return renderer.page(
            request,
            lang,
            "pages/question.html",
            screen=screen,
            question=question(screen.question, _),
            nav=Nav,
        )
    answers = parse_answers(screen.given)
    now = site.clock()
    recommendation = recommend(answers, site.content.catalogue, now)
    cards = result_cards(
        recommendation.options,
        site.content.services,
        lang,
        now,
        answers.age,
        answers.contact,
        _,
    )
    template = (
        "pages/emergency.html" if screen.kind is ScreenKind.EMERGENCY else "pages/results.html"
    )
    return renderer.page(
        request,
        lang,
        template,
        screen=screen,
        cards=cards,
        call_112_first=recommendation.call_112_first,
        nav=Nav,
    )


# Mounted by app.web.app before the FastAPI routers (and left out of the OpenAPI schema).
ROUTES = [Route("/{lang}/stap", answer, methods=["POST"], name="answer")]
