"""What recommend() needs to know about each place: topics, ages, channels, whether it can act.

Texts (names, explanations) are not here: they belong to the content layer, per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

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

    def serves_age(self, age: AgeGroup | None) -> bool:
        """Eligible when the age group and the service's range overlap; no age filters nothing."""
        if age is None:
            return True
        low, high = AGE_RANGES[age]
        return self.min_age <= high and low <= self.max_age


@dataclass(frozen=True)
class Catalogue:
    services: Mapping[str, Service]  # in a stable order

    def __getitem__(self, service_id: str) -> Service:
        return self.services[service_id]
