"""What recommend() needs to know about each place: topics, ages, channels, whether it can act.

Texts (names, explanations) are not here: they belong to the content layer, per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from app.domain.answers import AGE_RANGES, AgeGroup, Topic
from app.domain.hours import OpeningHours

# Service ids named by the rules (design.md section 6; a contract).
EMERGENCY_112 = "emergency_112"
KINDERTELEFOON = "kindertelefoon"
VEILIG_THUIS = "veilig_thuis"
CHRIS = "chris"
VILLA_PINEDO = "villa_pinedo"
SCHOOL_CONFIDANT = "school_confidant"
ZELFMOORDPREVENTIE_113 = "zelfmoordpreventie_113"
ALLES_OKE = "alles_oke"
CENTRUM_SEKSUEEL_GEWELD = "centrum_seksueel_geweld"
HELPWANTED = "helpwanted"

REQUIRED_SERVICES = frozenset(
    {
        EMERGENCY_112,
        KINDERTELEFOON,
        VEILIG_THUIS,
        CHRIS,
        VILLA_PINEDO,
        SCHOOL_CONFIDANT,
        ZELFMOORDPREVENTIE_113,
        CENTRUM_SEKSUEEL_GEWELD,  # reached through the sexual_violence notice (R13)
        HELPWANTED,
    }
)


class ChannelKind(StrEnum):
    CHAT = "chat"
    PHONE = "phone"
    APP = "app"
    IN_PERSON = "in_person"
    WEB = "web"


@dataclass(frozen=True)
class Channel:
    kind: ChannelKind
    url: str | None  # https: or tel:
    hours: OpeningHours | None  # None: no known hours (an app, a person at school)
    verified: bool  # False while any fact of this channel still needs checking
    hours_verified: bool = True  # False while its opening hours still need checking


@dataclass(frozen=True)
class Service:
    id: str
    topics: frozenset[Topic]
    min_age: int
    max_age: int
    channels: tuple[Channel, ...]
    can_act: bool

    @cached_property
    def kinds(self) -> frozenset[ChannelKind]:
        return frozenset(c.kind for c in self.channels)

    def serves_age(self, age: AgeGroup | None) -> bool:
        """Eligible when the age group and the service's range overlap; no age filters nothing."""
        if age is None:
            return True
        low, high = AGE_RANGES[age]
        return self.min_age <= high and low <= self.max_age


@dataclass(frozen=True)
class Catalogue:
    services: Mapping[str, Service]  # in a stable order
    _by_age: dict[AgeGroup | None, dict[str, Service]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # What is worked out once from the catalogue (it never changes): never anything a child sent.
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __getitem__(self, service_id: str) -> Service:
        return self.services[service_id]

    def for_age(self, age: AgeGroup | None) -> dict[str, Service]:
        """The places whose age range overlaps the age group (R3), in the stable order. Worked
        out once per age group: the catalogue never changes."""
        found = self._by_age.get(age)
        if found is None:
            found = {s.id: s for s in self.services.values() if s.serves_age(age)}
            self._by_age[age] = found
        return found
