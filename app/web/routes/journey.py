"""Questions, the emergency page and the results: GET and POST /{lang}/stap."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.routing import Route

from app.domain.answers import parse_answers
from app.domain.journey import Nav, Screen, ScreenKind, next_screen
from app.domain.recommend import recommend
from app.web.errors import invalid_form_page, server_error_page
from app.web.forms import InvalidForm, parse_form, read_form
from app.web.i18n import LANGUAGES
from app.web.request_headers import is_htmx
from app.web.security import ASGIApp, Receive, Scope, Send
from app.web.site import Site, get_lang, get_site
from app.web.templating import html_response
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
        screen=screen,
        question=question(screen.question, _),
        nav=Nav,
    )


async def answer(request: Request) -> Response:
    """POST /{lang}/stap as a route: reached only when `Shortcut` does not take the request."""
    return await respond(
        request, await get_lang(request.path_params["lang"]), await get_site(request)
    )


async def respond(request: Request, lang: str, site: Site) -> Response:
    """The next screen for the answers in the form: a question, the emergency or results page."""
    try:
        given, nav, step = parse_form(await read_form(request))
    except InvalidForm:
        return invalid_form_page(request, lang, site)
    return _show(request, lang, site, next_screen(given, nav, step))


def _show(request: Request, lang: str, site: Site, screen: Screen) -> Response:
    renderer = site.renderer
    if screen.kind is ScreenKind.START:
        return renderer.page(request, lang, "pages/start.html")  # a POST: never kept
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
    board = site.boards.at(now)
    recommendation = recommend(answers, site.content.catalogue, now, board.statuses)
    html = site.answer_pages.render(
        lang, screen, recommendation, answers, board, is_htmx(request.scope)
    )
    return html_response(html, lang)


# Mounted by app.web.app before the FastAPI routers (and left out of the OpenAPI schema).
ROUTES = [Route("/{lang}/stap", answer, methods=["POST"], name="answer")]
STEP_PATHS = {f"/{lang}/stap": lang for lang in LANGUAGES}


class Shortcut:
    """POST /{lang}/stap answered in front of FastAPI, as a pure ASGI app.

    It is the busiest route and the only page made for every request; FastAPI's own middleware,
    routing and exception wrappers cost 0.2 ms there, as much as making the page (make bench). The
    route stays registered (`ROUTES`: a path with an unknown language still gets FastAPI's 404).
    An error ends as it does in FastAPI: the friendly 500 page, and the exception goes on to
    SecurityHeaders, which logs one line.
    """

    def __init__(self, app: ASGIApp, site: Site) -> None:
        self.app = app
        self.site = site

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lang = STEP_PATHS.get(scope["path"]) if scope["type"] == "http" else None
        if lang is None or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await respond(request, lang, self.site)
        except Exception:
            await server_error_page(request, lang, self.site)(scope, receive, send)
            raise
        await response(scope, receive, send)
