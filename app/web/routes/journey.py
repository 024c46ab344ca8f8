"""Questions, the emergency page and the results: GET and POST /{lang}/stap."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app import stats
from app.domain.answers import QUESTIONS, parse_answers
from app.domain.journey import RESULTS, Nav, Screen, ScreenKind, next_screen
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
    """The first question ("Begin" on the start page). Made per request, not kept like the other
    pages that depend only on the language: it counts a started journey (app/stats.py)."""
    screen = next_screen({})
    assert screen.question is not None
    site.counts.add(stats.JOURNEY_STARTED, site.clock())
    _ = site.renderer.gettext(lang)
    return site.renderer.page(
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
    if step is None and not given and nav is Nav.NEXT:  # "Begin" on a school's start page
        site.counts.add(stats.JOURNEY_STARTED, site.clock())
        if school:
            site.counts.add(stats.SCHOOL + school, site.clock())
    return _show(request, lang, site, next_screen(given, nav, step), school, step)


def _show(
    request: Request,
    lang: str,
    site: Site,
    screen: Screen,
    school: str | None,
    step: str | None,
) -> Response:
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
    if screen.kind is ScreenKind.EMERGENCY:
        site.counts.add(stats.EMERGENCY_SHOWN, now)
    elif step != RESULTS:  # not the way back from the thank-you page (routes/feedback.py)
        site.counts.add(stats.RESULTS_SHOWN, now)
        site.counts.add(stats.FIRST_OPTION + recommendation.options[0].service, now)
        for notice in recommendation.notices:
            site.counts.add(stats.NOTICE + notice.id.value, now)
    html = site.answer_pages.render(
        lang, screen, recommendation, answers, board, is_htmx(request.scope), school
    )
    return html_response(html, lang)


FEEDBACK = "/{lang}/feedback"
KNOWS_WHERE = {"yes": stats.KNOWS_WHERE[0], "no": stats.KNOWS_WHERE[1]}
FEEDBACK_FIELDS = frozenset({*QUESTIONS, "step", "nav", "school", "knows_where"})


@router.post(FEEDBACK, name="feedback")
async def feedback(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """ "Weet je nu waar je terecht kunt?" under the results: Ja or Nee, counted and nothing else
    (design.md section 11). With htmx, "Dank je" replaces the question in place; without it, a
    small page that leads back to the same results (their answers travel along, as always)."""
    try:
        fields = await read_form(request)
        if any(name not in FEEDBACK_FIELDS for name, _ in fields):
            raise InvalidForm("field")  # no free text, ever: only the fields our forms send
        knows = [value for name, value in fields if name == "knows_where"]
        rest = [(name, value) for name, value in fields if name not in ("knows_where", "nav")]
        given, _nav, _step, school = parse_form(rest, site.content.schools)
        if len(knows) != 1 or knows[0] not in KNOWS_WHERE:
            raise InvalidForm("knows_where")
    except InvalidForm:
        return error_page(request, site, 422, "invalid", lang)
    site.counts.add(KNOWS_WHERE[knows[0]], site.clock())
    if is_htmx(request.scope):
        return site.renderer.page(request, lang, "components/thanks.html")
    return site.renderer.page(
        request, lang, "pages/thanks.html", given=given, school=school, results=RESULTS
    )
