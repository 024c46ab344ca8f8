"""View models for place cards: what a result card or an "Alle hulp" entry shows."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache

from babel import Locale
from babel.dates import format_date

from app.content import models
from app.content.loader import Content
from app.domain.answers import AGE_RANGES, AgeGroup, Contact
from app.domain.catalogue import ChannelKind
from app.domain.recommend import Option
from app.domain.status import ChannelStatus, channel_statuses
from app.web.i18n import DEFAULT, LANGUAGES
from app.web.i18n.wording import Gettext, opening_day, reason
from app.web.rendering.schools import SchoolView
from app.web.rendering.stencil import hole

NO_UPPER_AGE = 120

# Monday to Sunday in each language, made once: Babel takes 0.02 ms a name. 1 January 2024 was a
# Monday.
DAY_NAMES = {
    lang: tuple(format_date(date(2024, 1, 1 + day), "EEEE", locale=lang) for day in range(7))
    for lang in LANGUAGES
}


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
    school: SchoolView | None = None  # the school-confidant card of a school's pupils


def text(texts: dict[str, str], lang: str) -> str:
    return texts.get(lang) or texts[DEFAULT]


def stencil_view(card: Card, with_reason: bool) -> tuple[Card, set[str]]:
    """The card with a hole for every text an answer or the hour changes (see stencil.py), and
    the names of those holes: the keys `option_texts` gives."""
    holes = {"ages"} | ({"reason"} if with_reason else set())
    channels = []
    for i, channel in enumerate(card.channels):
        channels.append(replace(channel, state=hole(f"state{i}"), status=hole(f"status{i}")))
        holes |= {f"state{i}", f"status{i}"}
    view = replace(
        card,
        reason=hole("reason") if with_reason else None,
        ages=hole("ages"),
        channels=tuple(channels),
    )
    return view, holes


def option_texts(
    option: Option,
    service: models.Service,
    lines: tuple[tuple[str, str], ...],
    age: AgeGroup | None,
    contact: Contact | None,
    _: Gettext,
) -> dict[str, str]:
    """The values for the holes of `stencil_view`: what this child sees on this card now.
    `lines`: each channel's state and status line now (board.Board.lines)."""
    texts = {
        "reason": reason(option, contact, _),
        "ages": _ages(service, age, "age" in service.needs_verification, _),
    }
    for i, (state, line) in enumerate(lines):
        texts[f"state{i}"], texts[f"status{i}"] = state, line
    return texts


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
    check = " " + _("Dit is nog niet gecontroleerd.")

    def marked(field: str, words: str) -> str:
        """`words`, said to rest on a claim nobody has checked yet when it does."""
        return words + check if field in unverified else words

    badges = []
    if service.free:
        badges.append(_("Gratis (nog niet gecontroleerd)") if "free" in unverified else _("Gratis"))
    if service.anonymous:
        badges.append(
            _("Je hoeft je naam niet te zeggen (nog niet gecontroleerd)")
            if "anonymous" in unverified
            else _("Je hoeft je naam niet te zeggen")
        )
    starter = text(service.starter, lang)
    languages = ", ".join(language_name(code, lang) for code in service.languages)
    summary = text(service.summary, lang)
    if "name" in unverified:
        summary += " " + _("Deze naam is nog niet gecontroleerd.")
    return Card(
        id=service.id,
        name=text(service.name, lang),
        summary=summary,
        reason=reason,
        channels=tuple(
            _channel(model, status, lang, now, _)
            for model, status in zip(service.channels, statuses, strict=True)
        ),
        badges=tuple(badges),
        ages=_ages(service, age, "age" in unverified, _),
        what_happens=text(service.what_happens, lang),
        tells_parents=marked("tells_parents", text(service.tells_parents, lang)),
        your_name=marked("your_name", text(service.your_name, lang)),
        starter=starter,
        starter_nl=None if lang == DEFAULT else service.starter[DEFAULT],
        languages=(
            _("{languages} (nog niet gecontroleerd)").format(languages=languages)
            if "languages" in unverified
            else languages
        ),
    )


@cache
def language_name(code: str, lang: str) -> str:
    """A language's name in the page's language ("Engels" on a Dutch page); Babel is slow."""
    return Locale.parse(code).get_language_name(lang) or code


def _channel(
    model: models.Channel, status: ChannelStatus, lang: str, now: datetime, _: Gettext
) -> ChannelView:
    kind = model.kind
    label = text(model.label, lang) if model.label else kind_label(kind, _)
    action = {
        ChannelKind.PHONE: _("Bel {number}").format(number=model.number),
        ChannelKind.CHAT: _("Chat via de website"),
        ChannelKind.APP: _("Naar de app"),
        ChannelKind.WEB: _("Naar de website"),
        ChannelKind.IN_PERSON: None,
    }[kind]
    href = model.url if kind is not ChannelKind.IN_PERSON else None
    state, status_text = status_line(model, status, lang, now, _)
    unverified_hours = "hours" in model.needs_verification
    return ChannelView(kind.value, label, href, action, state, status_text, unverified_hours)


def status_line(
    model: models.Channel, status: ChannelStatus, lang: str, now: datetime, _: Gettext
) -> tuple[str, str]:
    """The channel's state ("open", "closed" or "unknown") and the line that says it."""
    kind = model.kind
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
    if "hours" in model.needs_verification:
        status_text += " " + _("Tijden nog niet gecontroleerd.")
    if "number" in model.needs_verification:
        status_text += " " + _("Nummer nog niet gecontroleerd.")
    if "url" in model.needs_verification:
        status_text += " " + _("Adres nog niet gecontroleerd.")
    return state, status_text


def kind_label(kind: ChannelKind, _: Gettext) -> str:
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
    clock = f"{opens_at:%H:%M}"  # what Babel's "HH:mm" gives in every language, 6x faster
    day = opening_day(opens_at, now)
    if day == "today":
        return _("Nu dicht. Open vandaag om {time}.").format(time=clock)
    if day == "tomorrow":
        return _("Nu dicht. Open morgen om {time}.").format(time=clock)
    day = DAY_NAMES[lang][opens_at.weekday()]
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
