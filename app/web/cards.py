"""View models for place cards: what a result card or an "Alle hulp" entry shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from babel import Locale
from babel.dates import format_date, format_time

from app.content import models
from app.content.loader import Content
from app.domain.answers import AGE_RANGES, AgeGroup, Contact
from app.domain.catalogue import ChannelKind
from app.domain.recommend import ChannelStatus, Option, channel_statuses
from app.web.i18n import DEFAULT
from app.web.wording import Gettext, reason

NO_UPPER_AGE = 120


@dataclass(frozen=True)
class ChannelView:
    kind: str
    label: str
    href: str | None
    action: str | None  # the text of the big button, if there is one
    state: str  # "open", "closed" or "unknown"
    status: str  # "Nu open", "Nu dicht. Open morgen om 11:00.", ...
    unverified_hours: bool


@dataclass(frozen=True)
class Card:
    id: str
    name: str
    summary: str
    reason: str | None
    channels: tuple[ChannelView, ...]
    badges: tuple[str, ...]
    ages: str
    what_happens: str
    tells_parents: str
    your_name: str
    starter: str
    starter_nl: str | None  # the Dutch first sentence, shown too on pages in other languages
    languages: str


def text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts[DEFAULT]


def result_cards(
    options: tuple[Option, ...],
    services: dict[str, models.Service],
    lang: str,
    now: datetime,
    age: AgeGroup | None,
    contact: Contact | None,
    _: Gettext,
) -> list[Card]:
    return [
        card(services[o.service], o.channels, lang, now, age, _, reason=reason(o, contact, _))
        for o in options
    ]


def overview_cards(content: Content, lang: str, now: datetime, _: Gettext) -> list[Card]:
    """Every place, in display order, with what is open at `now`."""
    catalogue = content.catalogue.services
    return [
        card(s, channel_statuses(catalogue[s.id], now), lang, now, None, _)
        for s in content.services.values()
    ]


def card(
    service: models.Service,
    statuses: tuple[ChannelStatus, ...],
    lang: str,
    now: datetime,
    age: AgeGroup | None,
    _: Gettext,
    reason: str | None = None,
) -> Card:
    unverified = set(service.needs_verification)
    badges = []
    if service.free:
        badges.append(_("Gratis (nog niet gecontroleerd)") if "free" in unverified else _("Gratis"))
    if service.anonymous:
        badges.append(_("Je hoeft je naam niet te zeggen"))
    starter = text(service.starter, lang)
    return Card(
        id=service.id,
        name=text(service.name, lang),
        summary=text(service.summary, lang),
        reason=reason,
        channels=tuple(
            _channel(model, status, lang, now, _)
            for model, status in zip(service.channels, statuses, strict=True)
        ),
        badges=tuple(badges),
        ages=_ages(service, age, "age" in unverified, _),
        what_happens=text(service.what_happens, lang),
        tells_parents=text(service.tells_parents, lang),
        your_name=text(service.your_name, lang),
        starter=starter,
        starter_nl=None if lang == DEFAULT else service.starter[DEFAULT],
        languages=", ".join(language_name(code, lang) for code in service.languages),
    )


@cache
def language_name(code: str, lang: str) -> str:
    """A language's name in the page's language ("Engels" on a Dutch page); Babel is slow."""
    return Locale.parse(code).get_language_name(lang) or code


def _channel(
    model: models.Channel, status: ChannelStatus, lang: str, now: datetime, _: Gettext
) -> ChannelView:
    kind = model.kind
    unverified_hours = "hours" in model.needs_verification
    label = text(model.label, lang) if model.label else _kind_label(kind, _)
    action = {
        ChannelKind.PHONE: _("Bel {number}").format(number=model.number),
        ChannelKind.CHAT: _("Chat via de website"),
        ChannelKind.APP: _("Naar de app"),
        ChannelKind.WEB: _("Naar de website"),
        ChannelKind.IN_PERSON: None,
    }[kind]
    href = model.url if kind is not ChannelKind.IN_PERSON else None
    if status.open_now is None:
        state = "unknown"
        status_text = {
            ChannelKind.IN_PERSON: _("Als je op school bent."),
            ChannelKind.APP: _("Je krijgt antwoord als iemand tijd heeft."),
        }.get(kind, _("Altijd te bekijken."))
    elif status.open_now:
        state = "open"
        hours = status.channel.hours
        status_text = _("Dag en nacht open.") if hours and hours.always else _("Nu open.")
    else:
        state = "closed"
        status_text = _opens(status.opens_at, now, lang, _)
    if unverified_hours:
        status_text += " " + _("Tijden nog niet gecontroleerd.")
    return ChannelView(kind.value, label, href, action, state, status_text, unverified_hours)


def _kind_label(kind: ChannelKind, _: Gettext) -> str:
    return {
        ChannelKind.PHONE: _("Bellen"),
        ChannelKind.CHAT: _("Chatten"),
        ChannelKind.APP: _("App"),
        ChannelKind.WEB: _("Website"),
        ChannelKind.IN_PERSON: _("Praten"),
    }[kind]


def _opens(opens_at: datetime | None, now: datetime, lang: str, _: Gettext) -> str:
    if opens_at is None:
        return _("Nu dicht.")
    local_now = now.astimezone(opens_at.tzinfo)
    clock = format_time(opens_at, "HH:mm", locale=lang)
    if opens_at.date() == local_now.date():
        return _("Nu dicht. Open vandaag om {time}.").format(time=clock)
    if opens_at.date() == local_now.date() + timedelta(days=1):
        return _("Nu dicht. Open morgen om {time}.").format(time=clock)
    day = format_date(opens_at, "EEEE", locale=lang)
    return _("Nu dicht. Open op {day} om {time}.").format(day=day, time=clock)


def _ages(service: models.Service, age: AgeGroup | None, unverified: bool, _: Gettext) -> str:
    low, high = service.age.min, service.age.max
    group_low, group_high = AGE_RANGES[age] if age else (0, NO_UPPER_AGE)
    if low == 0 and high == NO_UPPER_AGE:
        words = _("Voor iedereen.")
    elif age and low > group_low:
        words = _("Vanaf {age} jaar.").format(age=low)
    elif age and high < group_high:
        words = _("Tot en met {age} jaar.").format(age=high)
    elif high == NO_UPPER_AGE:
        words = _("Vanaf {age} jaar.").format(age=low)
    else:
        words = _("Van {low} tot en met {high} jaar.").format(low=low, high=high)
    return words + (" " + _("Leeftijd nog niet gecontroleerd.") if unverified else "")
