"""JSON API (design.md section 6): POST /api/v1/recommendations, GET /api/v1/services and the
same open data as a table, GET /api/v1/services.csv (section 10)."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from datetime import datetime
from typing import Any

from anyio import to_thread
from fastapi import APIRouter
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.content import models
from app.content.facts import Value, facts
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.hours import AMSTERDAM
from app.domain.notices import NoticeId, notice_channels
from app.domain.recommend import Notice, recommend
from app.domain.status import ChannelStatus
from app.stats import published_csv, read_totals
from app.web.i18n import DEFAULT, LANGUAGES
from app.web.i18n.wording import not_now_when, notice_text, reason
from app.web.rendering.cards import DAY_NAMES, text
from app.web.rendering.schools import school_view
from app.web.site import Site, SiteDep

router = APIRouter(prefix="/api/v1", tags=["api"])


# The years a moment may name: opening hours are known for these, and a date near the ends of
# what Python can hold (year 1 or 9999) cannot overflow in the domain's hour arithmetic.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class RecommendationRequest(BaseModel):
    """The child's answers; every field is optional (missing, null or "" means skipped)."""

    model_config = ConfigDict(extra="forbid")

    danger: Danger | None = None
    topics: list[Topic] = Field(default_factory=list)
    age: AgeGroup | None = None
    contact: Contact | None = None
    goal: Goal | None = None
    at: datetime | None = Field(
        default=None,
        description="The moment to recommend for: an ISO 8601 string (a number is refused) in "
        f"the years {EARLIEST_YEAR}-{LATEST_YEAR}, the years whose opening hours we know; "
        'without an offset it is Amsterdam time. Missing, null or "" means now.',
    )
    lang: str = Field(
        default=DEFAULT,
        description="The language of the texts.",
        json_schema_extra={"enum": list(LANGUAGES)},
    )
    school: str | None = Field(
        default=None,
        description="The code of the child's school (a school poster's start page sets it; "
        "GET /api/v1/services lists the region's schools). It changes no option; the answer "
        "then names that school's confidential adviser. An unknown code is a 422.",
    )

    @field_validator("lang")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language (use {', '.join(LANGUAGES)})")
        return value

    @field_validator("danger", "age", "contact", "goal", mode="before")
    @classmethod
    def _empty_is_skipped(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("at", mode="before")
    @classmethod
    def _a_moment_is_a_string(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise ValueError("must be an ISO 8601 string, such as 2026-12-31T03:00")
        return value

    @field_validator("at")
    @classmethod
    def _a_year_we_know(cls, value: datetime | None) -> datetime | None:
        if value is not None and not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
            raise ValueError(f"must lie in the years {EARLIEST_YEAR}-{LATEST_YEAR}")
        return value

    @field_validator("topics", mode="before")
    @classmethod
    def _no_topics(cls, value: Any) -> Any:
        return [] if value is None or value == "" else value


class ChannelOut(BaseModel):
    kind: str
    open_now: bool | None
    opens_at: datetime | None
    verified: bool
    url: str | None
    number: str | None


class OptionOut(BaseModel):
    service: str
    name: str
    reason: str
    channels: list[ChannelOut]


class NoticeOut(BaseModel):
    id: str  # not_now, sexual_violence, worried_friend, trusted_adult, ask_first (R13)
    text: str
    channels: list[ChannelOut]


class SchoolOut(BaseModel):
    code: str
    name: str
    example: bool
    role: str
    where_when: str
    url: str | None


class RecommendationOut(BaseModel):
    options: list[OptionOut]
    notices: list[NoticeOut]  # shown before the options, in this order
    at: datetime
    call_112_first: bool
    lang: str
    school: SchoolOut | None = None  # the school's own details, when `school` was given


def _channel(status: ChannelStatus, number: str | None) -> ChannelOut:
    return ChannelOut(
        kind=status.channel.kind.value,
        open_now=status.open_now,
        opens_at=status.opens_at,
        verified=status.channel.verified,
        url=status.channel.url,
        number=number,
    )


def _channels(service: models.Service, statuses: tuple[ChannelStatus, ...]) -> list[ChannelOut]:
    return [
        _channel(status, model.number)
        for model, status in zip(service.channels, statuses, strict=True)
    ]


def _notice(notice: Notice, site: Site, at: datetime, lang: str) -> NoticeOut:
    _ = site.renderer.gettext(lang)
    lines = list(notice_text(notice.id, _))
    if notice.id is NoticeId.NOT_NOW:
        lines.insert(
            0, not_now_when(notice.opens_at, notice.opens_verified, at, DAY_NAMES[lang], _)
        )
    services = site.content.services
    channels = [
        _channel(status, services[service_id].channels[index].number)
        for (service_id, index), status in zip(
            notice_channels(notice.id, site.content.catalogue), notice.channels, strict=True
        )
    ]
    return NoticeOut(id=notice.id.value, text=" ".join(lines), channels=channels)


@router.post("/recommendations", response_model=RecommendationOut)
async def recommendations(body: RecommendationRequest, site: SiteDep) -> RecommendationOut:
    """One to three places, best first, and the notices to show before them, for these answers
    at this moment (rules R1-R13 of the design)."""
    school = None
    if body.school is not None:
        found = site.content.schools.get(body.school)
        if found is None:
            error = {"type": "value_error", "loc": ("body", "school"), "input": body.school}
            raise RequestValidationError([{**error, "msg": "unknown school code"}])
        school = SchoolOut(
            **asdict(school_view(body.school, found, body.lang, site.renderer.gettext(body.lang)))
        )
    at = body.at or site.clock()
    if at.tzinfo is None:
        at = at.replace(tzinfo=AMSTERDAM)
    answers = Answers(body.danger, frozenset(body.topics), body.age, body.contact, body.goal)
    result = recommend(answers, site.content.catalogue, at)
    _ = site.renderer.gettext(body.lang)
    services = site.content.services
    return RecommendationOut(
        options=[
            OptionOut(
                service=o.service,
                name=text(services[o.service].name, body.lang),
                reason=reason(o, answers.contact, _),
                channels=_channels(services[o.service], o.channels),
            )
            for o in result.options
        ],
        notices=[_notice(n, site, at, body.lang) for n in result.notices],
        at=at,
        call_112_first=result.call_112_first,
        lang=body.lang,
        school=school,
    )


@router.get("/services")
async def services(site: SiteDep) -> dict[str, Any]:
    """Every place as open data: the content files, validated, with their sources. `provenance`
    names, for every claim a child relies on, its source and the date it was checked there, or
    null when it has none yet (then the claim is listed in needs_verification)."""
    return {
        "region": site.content.region.model_dump(mode="json"),
        "services": [_open_data(s) for s in site.content.services.values()],
        "schools": {
            code: school.model_dump(mode="json") for code, school in site.content.schools.items()
        },
    }


CSV_COLUMNS = ("service", "name", "claim", "value", "source", "checked_on", "state")


@router.get(
    "/services.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "One row per claim."}},
)
async def services_csv(site: SiteDep) -> Response:
    """The same open data as a flat table: one row per claim a child relies on (and the
    region's and schools' local facts), with its Dutch value, its source, the date it was checked
    and its state (`unverified`, `stale`: checked more than six months ago, or `checked`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(CSV_COLUMNS)
    today = site.clock().date()
    for fact in facts(site.content):
        writer.writerow(
            (
                fact.owner,
                fact.owner_name[DEFAULT],
                fact.claim,
                _csv_value(fact.value),
                fact.source or "",
                fact.checked_on.isoformat() if fact.checked_on else "",
                fact.state(today),
            )
        )
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")


def _csv_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return value[DEFAULT]
    return value


def _open_data(service: models.Service) -> dict[str, Any]:
    data = service.model_dump(mode="json")
    given = data["provenance"]
    data["provenance"] = {claim: given.get(claim) for claim in service.claims()}
    return data


@router.get(
    "/stats.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "month,name,count"}},
)
async def stats_csv(site: SiteDep) -> Response:
    """The anonymous counts per closed month (design.md section 11): `count` is "< 10" for a
    figure below 10, and for a second figure where the first could be worked out from others."""
    totals = await to_thread.run_sync(read_totals, site.settings.data_dir)
    return Response(
        published_csv(totals, site.clock().date()), media_type="text/csv; charset=utf-8"
    )
