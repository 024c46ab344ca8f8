"""What a poster says, in one language: every text a Dutch msgid (Babel finds the `_("...")`
calls here), the facts taken from the content.

Short and safe in a school corridor: no topic that shames, nothing that names what a child
might be going through; 112 and De Kindertelefoon as the way out for a child without a phone.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import get_day_names

from app.content import models
from app.content.loader import Content
from app.domain.catalogue import KINDERTELEFOON, ChannelKind
from app.languages import DEFAULT, LANGUAGES
from app.web.i18n import translations

# The hours the sentence "(De Kindertelefoon, elke dag van 11 tot 21 uur, gratis)." says (the
# web pages' sentence, already translated); other hours are written out from the content.
USUAL_HOURS = ["11:00-21:00"]


@dataclass(frozen=True)
class SchoolTexts:
    heading: str  # "Op <school>"
    ask: str  # "Vraag naar de vertrouwenspersoon."
    where_when: str
    lang: str  # the language of where_when: Dutch until the school's text is translated
    dir: str
    note: str | None  # "Dit is nog niet gecontroleerd." after an unverified where_when


@dataclass(frozen=True)
class PosterTexts:
    lang: str
    dir: str  # "ltr" or "rtl"
    example: str | None  # a fictional school: a line that says so, so nobody hangs it
    heading: str
    lead: str
    anonymous: str
    url: str  # what the QR code holds, printed under it so it can be typed
    school: SchoolTexts | None
    fallback_heading: str
    fallback_lead: str
    call_112: str
    when_112: str
    call_kindertelefoon: str
    when_kindertelefoon: str


def poster_texts(content: Content, lang: str, school: str | None, url: str) -> PosterTexts:
    """Every text of one poster (the same on A4 and A3)."""
    _ = translations(lang).gettext
    found = content.schools[school] if school is not None else None
    example = found is not None and found.example
    call_kindertelefoon, when_kindertelefoon = _kindertelefoon(content, lang)
    return PosterTexts(
        lang=lang,
        dir=LANGUAGES[lang].direction,
        example=_("Voorbeeld: deze school bestaat niet.") if example else None,
        heading=_("Zit je ergens mee?"),
        lead=_(
            "Scan de code met je telefoon. Beantwoord een paar vragen. "
            "Dan zie je wie je kan helpen."
        ),
        anonymous=_("Je hoeft je naam niet te zeggen"),
        url=url,
        school=_school_texts(found, lang) if found is not None else None,
        fallback_heading=_("Geen telefoon bij je?"),
        fallback_lead=_(
            "Praat met een volwassene die je vertrouwt. Of bel vanaf een andere telefoon:"
        ),
        call_112=_("Bel 112"),
        when_112=_("als je nu in gevaar bent."),
        call_kindertelefoon=call_kindertelefoon,
        when_kindertelefoon=when_kindertelefoon,
    )


def _school_texts(school: models.School, lang: str) -> SchoolTexts:
    _ = translations(lang).gettext
    unverified = set(school.needs_verification)
    check = _("Dit is nog niet gecontroleerd.")
    role = school.role.get(lang) or school.role[DEFAULT]
    written_in = lang if lang in school.where_when else DEFAULT
    # The same msgids as the school's web page (app/web/templates/components/school.html).
    ask = _("Vraag naar %(role)s.") % {"role": role}
    return SchoolTexts(
        heading=_("Op %(school)s") % {"school": school.name},
        ask=f"{ask} {check}" if "role" in unverified else ask,
        where_when=school.where_when[written_in],
        lang=written_in,
        dir=LANGUAGES[written_in].direction,
        note=check if "where_when" in unverified else None,
    )


def _kindertelefoon(content: Content, lang: str) -> tuple[str, str]:
    """The call ("Bel <number>") and when, as the content says (marked while unchecked)."""
    _ = translations(lang).gettext
    service = content.services[KINDERTELEFOON]
    phone = next(c for c in service.channels if c.kind is ChannelKind.PHONE)
    call = _("Bel {number}").format(number=phone.number)
    hours = phone.hours
    if hours is not None and hours.daily == USUAL_HOURS and service.free:
        when = _("(De Kindertelefoon, elke dag van 11 tot 21 uur, gratis).")
    elif hours is None:  # no known hours: only the name
        when = f"({service.name.get(lang) or service.name[DEFAULT]})"
    elif service.free:
        when = _("(De Kindertelefoon, {hours}, gratis).").format(hours=_hours(hours, lang))
    else:
        when = _("(De Kindertelefoon, {hours}).").format(hours=_hours(hours, lang))
    if "hours" in phone.needs_verification:
        when += " " + _("Tijden nog niet gecontroleerd.")
    if "number" in phone.needs_verification:
        when += " " + _("Nummer nog niet gecontroleerd.")
    return call, when


def _hours(hours: models.Hours, lang: str) -> str:
    """Hours as written in the content: every day ("elke dag 11:00-21:00"), or per run of days
    with the same hours ("ma - vr 09:00-17:00; za 10:00-14:00"); closed days are left out."""
    _ = translations(lang).gettext
    if hours.daily is not None:
        return _("elke dag {hours}").format(hours=", ".join(hours.daily))
    weekly = hours.weekly or {}
    days = [weekly.get(day, []) for day in models.WEEKDAYS]
    names = get_day_names("abbreviated", locale=lang)
    runs: list[str] = []
    start = 0
    for end in range(1, 8):
        if end == 7 or days[end] != days[start]:
            if days[start]:
                first, last = names[start], names[end - 1]
                span = first if start == end - 1 else f"{first} - {last}"
                runs.append(f"{span} {', '.join(days[start])}")
            start = end
    return "; ".join(runs)
