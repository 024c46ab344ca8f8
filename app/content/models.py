"""Strict models for the hand-edited YAML in content/ (unknown keys are errors)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from app import languages
from app.domain.answers import Topic
from app.domain.catalogue import ChannelKind
from app.domain.hours import Slot

LANGUAGES = tuple(languages.LANGUAGES)  # every text has all of them
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SERVICE_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _texts(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language {', '.join(unknown)} (use {', '.join(LANGUAGES)})")
    if "nl" not in value:
        raise ValueError("needs a Dutch text (nl)")
    for lang, text in value.items():
        if not text.strip():
            raise ValueError(f"the {lang} text is empty")
    return value


def _slot(value: str) -> str:
    Slot.parse(value)  # raises ValueError with a readable message
    return value


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise ValueError("must start with https://")
    return value


Texts = Annotated[dict[str, str], AfterValidator(_texts)]
SlotText = Annotated[str, AfterValidator(_slot)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class DatedException(Strict):
    date: date
    slots: list[SlotText] = Field(default_factory=list)  # empty: closed all day
    note: str | None = None


class Hours(Strict):
    """Opening hours: either `daily` (the same every day) or `weekly` (all seven days listed)."""

    timezone: str = "Europe/Amsterdam"
    daily: list[SlotText] | None = None
    weekly: dict[str, list[SlotText]] | None = None
    exceptions: list[DatedException] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_schedule(self) -> Hours:
        if (self.daily is None) == (self.weekly is None):
            raise ValueError("give either daily or weekly hours")
        if self.weekly is not None:
            unknown = sorted(set(self.weekly) - set(WEEKDAYS))
            if unknown:
                raise ValueError(f"unknown day {', '.join(unknown)} (use {', '.join(WEEKDAYS)})")
            missing = [d for d in WEEKDAYS if d not in self.weekly]
            if missing:
                raise ValueError(f"weekly misses {', '.join(missing)} (use [] for closed)")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{self.timezone}'") from None
        days = [e.date for e in self.exceptions]
        if len(days) != len(set(days)):
            raise ValueError("an exception date is listed twice")
        return self


ChannelFact = Literal["hours", "url", "number"]


class Channel(Strict):
    kind: ChannelKind
    label: Texts | None = None  # e.g. "Chat"; defaults to the kind's own label
    number: str | None = None  # phone number as shown, e.g. "0800-0432"
    url: str | None = None  # https:// or tel:
    hours: Hours | None = None  # none: no known hours (an app, a person at school)
    needs_verification: list[ChannelFact] = Field(default_factory=list)
    note: str | None = None  # for editors; never shown

    @model_validator(mode="after")
    def _consistent(self) -> Channel:
        if self.kind is ChannelKind.PHONE:
            if not self.number or not self.url or not self.url.startswith("tel:"):
                raise ValueError("a phone channel needs a number and a tel: url")
            if re.sub(r"\D", "", self.number) != re.sub(r"\D", "", self.url):
                raise ValueError(f"number {self.number} and url {self.url} differ")
        elif self.kind is ChannelKind.IN_PERSON:
            if self.url is not None:
                _https(self.url)
        else:
            if self.url is None:
                raise ValueError(f"a {self.kind} channel needs an https:// url")
            _https(self.url)
            if self.number is not None:
                raise ValueError("only a phone channel has a number")
        return self


class Age(Strict):
    min: int = Field(ge=0, le=120)
    max: int = Field(ge=0, le=120)

    @model_validator(mode="after")
    def _ordered(self) -> Age:
        if self.min > self.max:
            raise ValueError("min is above max")
        return self


def _web(value: str) -> str:
    if not value.startswith(("https://", "http://")):
        raise ValueError("must start with https:// or http://")
    return value


def _contact(value: str) -> str:
    if not value.startswith(("mailto:", "https://")):
        raise ValueError("must start with mailto: or https://")
    return value


class Source(Strict):
    # A source may be an old http:// page; links a child can tap must be https:// (Channel).
    url: Annotated[str, AfterValidator(_web)] | Literal["seed letter"]
    date: str  # as the source gives it: "2023-10", "undated (about 2020)"
    about: str


ServiceFact = Literal[
    "age", "free", "anonymous", "languages", "tells_parents", "your_name", "can_act", "name"
]
# The claims a child relies on, each with its own source (design.md section 5): these, and per
# channel "channels.<i>.number" (a phone), "channels.<i>.url" (any other link) and
# "channels.<i>.hours" (known hours).
SERVICE_CLAIMS = ("tells_parents", "your_name", "free", "anonymous", "age")


class Provenance(Strict):
    """Where one claim comes from: a URL listed under `sources`, and when it was checked there."""

    source: Annotated[str, AfterValidator(_web)] | Literal["seed letter"]
    checked_on: date


class Service(Strict):
    id: str = Field(pattern=SERVICE_ID.pattern)
    name: Texts
    summary: Texts  # one line: what they do
    # The topics it is an option for (R11). Empty: never an option, only listed in "Alle hulp"
    # and linked from a notice (the Centrum Seksueel Geweld, Helpwanted).
    topics: list[Topic]
    age: Age
    channels: list[Channel] = Field(min_length=1)
    languages: list[str] = Field(min_length=1)  # languages spoken, e.g. ["nl", "en"]
    free: bool
    anonymous: bool
    can_act: bool  # can do something about the situation (investigate, arrange help)
    tells_parents: Texts  # "Vertellen ze het aan je ouders?"
    your_name: Texts  # "Moet je je naam zeggen?"
    what_happens: Texts  # what happens when you contact them
    starter: Texts  # a first sentence the child can use
    needs_verification: list[ServiceFact] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    provenance: dict[str, Provenance] = Field(default_factory=dict)  # claim -> its source
    verified_on: date
    notes: str | None = None  # for editors; never shown

    def claims(self) -> list[str]:
        """The names of every claim a child relies on, as `provenance` and the API name them."""
        names = list(SERVICE_CLAIMS)
        for i, channel in enumerate(self.channels):
            if channel.number:
                names.append(f"channels.{i}.number")
            elif channel.url:
                names.append(f"channels.{i}.url")
            if channel.hours:
                names.append(f"channels.{i}.hours")
        return names

    def unverified_claims(self) -> set[str]:
        """Every fact listed in needs_verification, with channel facts as "channels.<i>.<fact>"."""
        facts: set[str] = set(self.needs_verification)
        for i, channel in enumerate(self.channels):
            facts |= {f"channels.{i}.{fact}" for fact in channel.needs_verification}
        return facts

    def provenance_errors(self) -> list[str]:
        """Provenance naming a claim this file does not make, or a source it does not list."""
        claims = set(self.claims())
        listed = {source.url for source in self.sources}
        errors = []
        for claim, where in self.provenance.items():
            if claim not in claims:
                known = ", ".join(sorted(claims))
                errors.append(f"provenance.{claim}: not a claim of this file (use {known})")
            elif where.source not in listed:
                errors.append(f"provenance.{claim}.source: not among the sources of this file")
        return errors


class Region(Strict):
    id: str = Field(pattern=SERVICE_ID.pattern)
    name: str  # the municipality, e.g. "Wassenaar"
    site_title: str  # the discreet <title> and installed name; never a topic or a helpline
    short_name: str = Field(max_length=15)  # the home-screen name
    local_help: Texts | None = None  # a short, local note shown on the overview page
    needs_verification: list[Literal["local_help"]] = Field(default_factory=list)
    # Where people report an accessibility problem (the accessibility statement): a
    # "mailto:" address or an https:// page of the municipality. Unset: `check` warns.
    accessibility_contact: Annotated[str, AfterValidator(_contact)] | None = None
    sources: list[Source] = Field(default_factory=list)
    verified_on: date


SCHOOL_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# Never a staff member's personal data on a school page (design.md section 10): no e-mail
# address and no phone number in a school's texts; a pupil asks at school.
_PERSONAL = re.compile(r"@|\d[\d \-]{7,}\d")


def _no_personal_data(value: dict[str, str]) -> dict[str, str]:
    for lang, text in value.items():
        if _PERSONAL.search(text):
            raise ValueError(
                f"the {lang} text has an e-mail address or a phone number; a school page names a "
                "role, a place and a time, never a staff member's own details"
            )
    return value


SchoolTexts = Annotated[Texts, AfterValidator(_no_personal_data)]


class School(Strict):
    """One school in a region (regions/<region>/schools/<code>.yaml): how its pupils reach the
    school's confidential adviser. The code is the file name and appears in the school's URL."""

    name: str  # the school's public name
    example: bool = False  # a fictional school (the sample region): its page says so
    role: SchoolTexts  # who to ask, as a role ("de vertrouwenspersoon"), never a person's name
    where_when: SchoolTexts  # where and when a pupil finds that person
    url: Annotated[str, AfterValidator(_https)] | None = None  # the school's own page about it
    needs_verification: list[Literal["role", "where_when", "url"]] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    verified_on: date
