"""View models for the adults' pages (design.md section 10): the routing table, a trial of any
answers at any moment, and the checklist of facts and sources."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from app.content.facts import Fact, checklist
from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Goal, Topic
from app.domain.notices import NoticeId
from app.domain.recommend import Recommendation
from app.domain.routing import Row
from app.domain.status import channel_statuses
from app.web.i18n.wording import Gettext, not_now_when, notice_text, question, reason, topic_label
from app.web.rendering.cards import DAY_NAMES, kind_label, status_line, text


def notice_label(notice: NoticeId, _: Gettext) -> str:
    """A notice's short name for adults (the child sees its whole text)."""
    return {
        NoticeId.NOT_NOW: _("Melding: nu niet bereikbaar"),
        NoticeId.SEXUAL_VIOLENCE: _("Melding: Centrum Seksueel Geweld en Helpwanted"),
        NoticeId.WORRIED_FRIEND: _("Melding: zorgen om een ander (113, Veilig Thuis)"),
        NoticeId.TRUSTED_ADULT: _("Melding: vertel het een volwassene"),
        NoticeId.ASK_FIRST: _("Melding: je mag eerst vragen"),
    }[notice]


def choice_labels(question_id: str, _: Gettext) -> dict[str, str]:
    return {choice.id: choice.label for choice in question(question_id, _).choices}


@dataclass(frozen=True)
class Cell:
    options: tuple[str, ...]  # place names, best first
    notices: tuple[str, ...]  # notice labels


@dataclass(frozen=True)
class TableRow:
    age: str
    goal: str
    cells: tuple[Cell, ...]  # one per moment


@dataclass(frozen=True)
class TopicTable:
    topic: str
    rows: tuple[TableRow, ...]


def _cell(recommendation: Recommendation, content: Content, lang: str, _: Gettext) -> Cell:
    services = content.services
    return Cell(
        tuple(text(services[o.service].name, lang) for o in recommendation.options),
        tuple(notice_label(n.id, _) for n in recommendation.notices),
    )


def routing_view(
    rows: Iterable[Row], moments: tuple[datetime, ...], content: Content, lang: str, _: Gettext
) -> list[TopicTable]:
    """The rows of routing_table(), one table per topic, one column per moment."""
    by_key = {(r.topic, r.age, r.goal, r.at): r for r in rows}
    ages, goals = choice_labels("age", _), choice_labels("goal", _)
    tables = []
    for topic in Topic:
        table_rows = []
        for age in AgeGroup:
            for goal in Goal:
                cells = tuple(
                    _cell(by_key[(topic, age, goal, at)].recommendation, content, lang, _)
                    for at in moments
                )
                table_rows.append(TableRow(ages[age.value], goals[goal.value], cells))
        tables.append(TopicTable(topic_label(topic, _), tuple(table_rows)))
    return tables


@dataclass(frozen=True)
class TriedOption:
    name: str
    reason: str
    channels: tuple[str, ...]  # each channel's label and state line at that moment


@dataclass(frozen=True)
class Trial:
    at: datetime
    call_112_first: bool
    notices: tuple[tuple[str, tuple[str, ...]], ...]  # label, paragraphs
    options: tuple[TriedOption, ...]


def trial_view(
    recommendation: Recommendation, answers: Answers, content: Content, lang: str, _: Gettext
) -> Trial:
    """What a child with these answers sees at `recommendation.at`, in words."""
    at = recommendation.at
    notices = []
    for notice in recommendation.notices:
        lines = list(notice_text(notice.id, _))
        if notice.id is NoticeId.NOT_NOW:
            first = not_now_when(notice.opens_at, notice.opens_verified, at, DAY_NAMES[lang], _)
            lines.insert(0, first)
        notices.append((notice_label(notice.id, _), tuple(lines)))
    options = []
    for option in recommendation.options:
        service = content.services[option.service]
        statuses = channel_statuses(content.catalogue.services[service.id], at)
        channels = []
        for model, status in zip(service.channels, statuses, strict=True):
            label = text(model.label, lang) if model.label else kind_label(model.kind, _)
            if model.number:
                label = f"{label} {model.number}"
            channels.append(f"{label}: {status_line(model, status, lang, at, _)[1]}")
        options.append(
            TriedOption(
                text(service.name, lang), reason(option, answers.contact, _), tuple(channels)
            )
        )
    return Trial(at, recommendation.call_112_first, tuple(notices), tuple(options))


@dataclass(frozen=True)
class FactView:
    owner: str
    claim: str
    value: str
    source: str | None
    checked_on: date | None
    state: str  # unverified, stale or checked


def claim_label(claim: str, _: Gettext) -> str:
    names = {
        "tells_parents": _("Vertellen ze het aan je ouders?"),
        "your_name": _("Moet je je naam zeggen?"),
        "free": _("Gratis"),
        "anonymous": _("Anoniem"),
        "age": _("Leeftijd"),
        "local_help": _("Lokale hulp"),
        "role": _("Wie je op school kunt vragen"),
        "where_when": _("Waar en wanneer"),
        "url": _("Website"),
    }
    if claim in names:
        return names[claim]
    _channels, index, field = claim.split(".")
    kind = {"number": _("telefoonnummer"), "url": _("adres"), "hours": _("tijden")}[field]
    return _("Kanaal {number}: {fact}").format(number=int(index) + 1, fact=kind)


def facts_view(found: list[Fact], today: date, lang: str, _: Gettext) -> list[FactView]:
    """The checklist, unverified claims first, then stale ones."""
    views = []
    for fact in checklist(found, today):
        value = fact.value
        if isinstance(value, bool):
            shown = _("Ja") if value else _("Nee")
        elif isinstance(value, dict):
            shown = text(value, lang)
        else:
            shown = value
        views.append(
            FactView(
                owner=text(fact.owner_name, lang),
                claim=claim_label(fact.claim, _),
                value=shown,
                source=fact.source,
                checked_on=fact.checked_on,
                state=fact.state(today),
            )
        )
    return views
