"""Questions, the emergency page and the results: GET and POST /{lang}/stap."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.domain.answers import parse_answers
from app.domain.journey import Nav, Screen, ScreenKind, next_screen
from app.domain.recommend import recommend
from app.web.errors import error_page
from app.web.forms import InvalidForm, parse_form, read_form
from app.web.i18n.wording import question
from app.web.rendering.schools import school_view
from app.web.rendering.templating import html_response
from app.web.request_headers import is_htmx
from app.web.site import LangDep, Site, SiteDep

router = APIRouter(include_in_schema=False)


STEP = "/{lang}/stap"  # the journey's one address: GET for the first question, POST for the rest


@router.get(STEP, name="step")
async def first_question(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """The first question depends only on the language: served from memory."""
    screen = next_screen({})
    assert screen.question is not None
    _ = site.renderer.gettext(lang)
    return site.renderer.shared_page(
        request,
        lang,
        "pages/question.html",
        screen=screen,
        question=question(screen.question, _),
        nav=Nav,
        school=None,
    )


@router.post(STEP, name="answer")
async def answer(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """POST /{lang}/stap as a route: middleware/shortcut.py answers it before FastAPI for every
    known language; this route answers the rest (an unknown language: 404) and names the path."""
    return await respond(request, lang, site)


async def respond(request: Request, lang: str, site: Site) -> Response:
    """The next screen for the answers in the form: a question, the emergency or results page."""
    try:
        given, nav, step, school = parse_form(await read_form(request), site.content.schools)
    except InvalidForm:
        return error_page(request, site, 422, "invalid", lang)
    return _show(request, lang, site, next_screen(given, nav, step), school)


def _show(request: Request, lang: str, site: Site, screen: Screen, school: str | None) -> Response:
    renderer = site.renderer
    if screen.kind is ScreenKind.START:  # a POST: never kept
        if school:
            view = school_view(school, site.content.schools[school], lang, renderer.gettext(lang))
            return renderer.page(request, lang, "pages/school.html", school=view)
        return renderer.page(request, lang, "pages/start.html")
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
            school=school,
        )
    answers = parse_answers(screen.given)
    now = site.clock()
    board = site.boards.at(now)
    recommendation = recommend(answers, site.content.catalogue, now, board.statuses)
    html = site.answer_pages.render(
        lang, screen, recommendation, answers, board, is_htmx(request.scope), school
    )
    return html_response(html, lang)
