"""The adults' side (design.md section 10): what this is, the routing table and a trial of any
answers, the facts and their sources, posters, the link kit, the accessibility statement."""

from __future__ import annotations

from datetime import date, datetime

from anyio import to_thread
from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from app.content.facts import facts
from app.domain.answers import QUESTIONS, InvalidAnswer, parse_answers
from app.domain.hours import AMSTERDAM
from app.domain.recommend import recommend
from app.domain.routing import routing_table, week_moments
from app.stats import published, read_totals
from app.web.errors import error_page
from app.web.forms import InvalidForm, read_form
from app.web.i18n.wording import question
from app.web.rendering.adults import facts_view, routing_view, trial_view
from app.web.rendering.cards import DAY_NAMES
from app.web.rendering.figures import chart, months
from app.web.rendering.static import IMMUTABLE
from app.web.routes.api import EARLIEST_YEAR, LATEST_YEAR
from app.web.site import LangDep, Site, SiteDep

router = APIRouter(include_in_schema=False)

ADULTS = "/{lang}/volwassenen"
# When the accessibility statement was last brought in line with what the tests measure.
STATEMENT_DATE = date(2026, 12, 1)


@router.get(ADULTS, name="adults")
async def adults(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(request, lang, "pages/adults.html")


@router.get(ADULTS + "/routering", name="routing")
async def routing(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """The table for this week (it changes every Monday), and the form to try any answers."""
    return _routing_page(request, lang, site, None)


@router.post(ADULTS + "/routering", name="routing_try")
async def routing_try(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """What a child with the posted answers sees at the posted moment (a POST: nothing of it
    lands in a URL). Invalid answers or a moment outside 2000-2100: the friendly 422 page."""
    try:
        fields = await read_form(request)
        form: dict[str, list[str]] = {}
        for name, value in fields:
            if name not in (*QUESTIONS, "at"):
                raise InvalidForm(name)
            form.setdefault(name, []).append(value)
        given = {q: tuple(v for v in form.get(q, ()) if v) for q in QUESTIONS}
        answers = parse_answers(given)
        at = _moment(form.get("at", [""])[-1]) or site.clock()
    except (InvalidForm, InvalidAnswer):
        return error_page(request, site, 422, "invalid", lang)
    _ = site.renderer.gettext(lang)
    recommendation = recommend(answers, site.content.catalogue, at)
    trial = trial_view(recommendation, answers, site.content, lang, _)
    return _routing_page(request, lang, site, trial, given=given)


def _moment(value: str) -> datetime | None:
    """A datetime-local value ("2026-12-31T03:00") in Amsterdam time; "" means now."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidForm("at") from None
    if moment.tzinfo is not None or not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise InvalidForm("at")
    return moment.replace(tzinfo=AMSTERDAM)


def _routing_page(
    request: Request,
    lang: str,
    site: Site,
    trial: object,
    given: dict[str, tuple[str, ...]] | None = None,
) -> Response:
    _ = site.renderer.gettext(lang)
    moments = week_moments(site.clock())
    day_names = DAY_NAMES[lang]

    def moment_text(moment: datetime) -> str:
        day = format_date(moment, "long", locale=lang)
        return f"{day_names[moment.weekday()]} {day} {moment:%H:%M}"

    rows = routing_table(site.content.catalogue, moments)
    return site.renderer.page(
        request,
        lang,
        "pages/routing.html",
        moments=moments,
        tables=routing_view(rows, moments, site.content, lang, _) if trial is None else None,
        trial=trial,
        questions=[question(q, _) for q in QUESTIONS],
        given=given or {},
        moment_text=moment_text,
        short_moment=lambda moment: f"{day_names[moment.weekday()]} {moment:%H:%M}",
    )


@router.get(ADULTS + "/bronnen", name="sources")
async def sources(request: Request, lang: LangDep, site: SiteDep) -> Response:
    today = site.clock().date()
    _ = site.renderer.gettext(lang)
    found = facts_view(facts(site.content), today, lang, _)
    counts = {state: sum(f.state == state for f in found) for state in ("unverified", "stale")}
    return site.renderer.page(request, lang, "pages/sources.html", facts=found, counts=counts)


@router.get(ADULTS + "/posters", name="posters")
async def posters(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(
        request,
        lang,
        "pages/posters.html",
        posters=site.posters.files(),
        version=site.posters.version,
        schools=site.content.schools,
    )


@router.get("/posters/{version}/{filename}", name="poster_file")
async def poster_file(request: Request, version: str, filename: str, site: SiteDep) -> Response:
    """A poster PDF: made on first use (in a worker thread), then kept (app/posters). Its URL
    holds the version of everything printed on it, so it is cached like a static file."""
    poster = site.posters.find(filename)
    if poster is None:
        return error_page(request, site, 404, "not_found")
    if version != site.posters.version:  # an older link: the poster as it is now
        current = request.app.url_path_for(
            "poster_file", version=site.posters.version, filename=filename
        )
        return RedirectResponse(str(current), status_code=302)
    pdf = await to_thread.run_sync(site.posters.get, poster)
    headers = {
        "Cache-Control": IMMUTABLE,
        "Content-Disposition": f'inline; filename="{poster.name}"',
    }
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.get(ADULTS + "/link", name="link_kit")
async def link_kit(request: Request, lang: LangDep, site: SiteDep) -> Response:
    base = site.settings.base_url.rstrip("/")
    return site.renderer.shared_page(request, lang, "pages/link.html", app_url=f"{base}/{lang}/")


@router.get(ADULTS + "/toegankelijkheid", name="accessibility")
async def accessibility(request: Request, lang: LangDep, site: SiteDep) -> Response:
    return site.renderer.shared_page(
        request,
        lang,
        "pages/accessibility.html",
        statement_date=format_date(STATEMENT_DATE, "long", locale=lang),
    )


@router.get("/{lang}/cijfers", name="figures")
async def figures(request: Request, lang: LangDep, site: SiteDep) -> Response:
    """The anonymous counts per closed month, small figures suppressed (design.md section 11).
    Read from every counts*.db in the data folder (in a worker thread: it is disk work)."""
    totals = await to_thread.run_sync(read_totals, site.settings.data_dir)
    found = published(totals, site.clock().date())
    _ = site.renderer.gettext(lang)
    return site.renderer.page(
        request,
        lang,
        "pages/figures.html",
        months=months(found, site.content, lang, _),
        chart=chart(found, lang),
    )
