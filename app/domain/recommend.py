"""recommend(answers, catalogue, now): one to three places that fit, best first, and the notices
that go before them (rules R1-R13 of design.md section 4, revised 2026-12-01).

Priority decides order as well as membership. The rules that name a place are applied in their
priority order, and each appends what it places: 112 (R1), 113 (R2), Veilig Thuis (R1), the school
(R7), the place R1b asks for, Veilig Thuis and De Kindertelefoon in R5's order (R4), Villa Pinedo
(R6). What is left is filled, best score first, only by places that fit (R11): they serve a chosen
topic, or belong to the general set for the age when no topic is given (R9). Nothing is offered
because it happens to be open: when no fitting place is open, the not_now notice says when one
opens again (R13).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from operator import attrgetter

from app.domain.answers import (
    AGE_RANGES,
    VIOLENCE_TOPICS,
    AgeGroup,
    Answers,
    Contact,
    Danger,
    Goal,
    Topic,
)
from app.domain.catalogue import (
    ALLES_OKE,
    CHRIS,
    EMERGENCY_112,
    KINDERTELEFOON,
    SCHOOL_CONFIDANT,
    VEILIG_THUIS,
    VILLA_PINEDO,
    ZELFMOORDPREVENTIE_113,
    Catalogue,
    ChannelKind,
    Service,
)
from app.domain.notices import NoticeId, notice_channels
from app.domain.status import ChannelStatus, Statuses, channel_statuses

MAX_OPTIONS = 3
TOPICS = tuple(Topic)  # in the order the question lists them; iterating the enum is slow

# A small preference among places that help with many things: a tie-breaker when filling.
GENERAL_PREFERENCE: dict[str, float] = {
    KINDERTELEFOON: 0.9,
    VEILIG_THUIS: 0.8,
    SCHOOL_CONFIDANT: 0.7,
    CHRIS: 0.15,
    VILLA_PINEDO: 0.1,
    ALLES_OKE: 0.05,
}
# Places that are only ever offered by their own rule (R1, R2).
RULE_ONLY = frozenset({EMERGENCY_112, ZELFMOORDPREVENTIE_113})
ADULT = AgeGroup.AGE_18_PLUS

CONTACT_KINDS: dict[Contact, frozenset[ChannelKind]] = {
    Contact.CHAT: frozenset({ChannelKind.CHAT, ChannelKind.APP}),
    Contact.CALL: frozenset({ChannelKind.PHONE}),
    Contact.FACE_TO_FACE: frozenset({ChannelKind.IN_PERSON}),
    Contact.ANY: frozenset(),
}


class Reason(StrEnum):
    """Why an option is offered; the web layer words it in child language (R12)."""

    DANGER_NOW = "danger_now"
    DANGER_AFTER = "danger_after"
    DANGER_UNSURE = "danger_unsure"
    SUICIDE = "suicide"
    VIOLENCE_CHANGE = "violence_change"
    VIOLENCE_LISTEN = "violence_listen"
    DIVORCE = "divorce"
    FACE_TO_FACE = "face_to_face"
    TOPIC = "topic"
    CONTACT = "contact"
    GENERAL = "general"  # no topic chosen: a place that talks about anything (R9)
    SAFETY = "safety"  # no topic chosen: Veilig Thuis, for when home is not safe (R9)


@dataclass(frozen=True)
class Option:
    service: str
    reason: Reason
    topic: Topic | None
    channels: tuple[ChannelStatus, ...]

    @property
    def reachable_now(self) -> bool:
        return any(c.open_now is True for c in self.channels)

    @property
    def opens_at(self) -> datetime | None:
        moments = [c.opens_at for c in self.channels if c.opens_at is not None]
        return None if self.reachable_now or not moments else min(moments)


@dataclass(frozen=True)
class Notice:
    id: NoticeId
    channels: tuple[ChannelStatus, ...]
    opens_at: datetime | None = None  # not_now: when the first fitting option opens again
    opens_verified: bool = True  # not_now: whether the hours that say so have been checked


@dataclass(frozen=True)
class Recommendation:
    options: tuple[Option, ...]
    notices: tuple[Notice, ...]
    at: datetime
    call_112_first: bool  # R1/R1b: the results open with the 112 message


@dataclass(frozen=True)
class _Pick:
    service: str
    reason: Reason
    topic: Topic | None = None


def recommend(
    answers: Answers, catalogue: Catalogue, now: datetime, statuses: Statuses | None = None
) -> Recommendation:
    """`statuses`: statuses_at(catalogue, now), if already known; else worked out as needed."""
    eligible = catalogue.for_age(answers.age)
    known: dict[str, tuple[ChannelStatus, ...]] = dict(statuses or {})

    def status(service_id: str) -> tuple[ChannelStatus, ...]:
        if service_id not in known:
            known[service_id] = channel_statuses(catalogue[service_id], now)
        return known[service_id]

    def reachable(service_id: str) -> bool:
        return any(c.open_now is True for c in status(service_id))

    picks = _placed(answers, eligible)
    if len(picks) < MAX_OPTIONS:
        picks += _fitting(answers, eligible, picks, reachable)[: MAX_OPTIONS - len(picks)]
    options = tuple(Option(p.service, p.reason, p.topic, status(p.service)) for p in picks)
    notices = _notices(answers, options, catalogue, status)
    danger = answers.danger
    return Recommendation(options, notices, now, danger in (Danger.YES, Danger.UNSURE))


def _placed(answers: Answers, eligible: dict[str, Service]) -> list[_Pick]:
    """The places the rules name, in priority order, at most three (the earlier rule wins)."""
    danger = answers.danger or Danger.NO  # a skipped danger question counts as "no"
    topics = answers.topics
    picks: list[_Pick] = []
    placed: set[str] = set()

    def place(service_id: str, reason: Reason, topic: Topic | None = None) -> None:
        if len(picks) < MAX_OPTIONS and service_id in eligible and service_id not in placed:
            picks.append(_Pick(service_id, reason, topic))
            placed.add(service_id)

    if danger is Danger.YES:  # R1
        place(EMERGENCY_112, Reason.DANGER_NOW)
    if answers.suicide:  # R2
        place(ZELFMOORDPREVENTIE_113, Reason.SUICIDE, Topic.SUICIDE)
    if danger is Danger.YES:  # R1
        place(VEILIG_THUIS, Reason.DANGER_AFTER)
    face_to_face = answers.contact is Contact.FACE_TO_FACE
    if answers.age is AgeGroup.UNDER_8 or (  # R7
        face_to_face and danger is not Danger.YES and not answers.suicide and answers.age != ADULT
    ):
        first_topic = next((t for t in TOPICS if t in topics), None)
        if face_to_face:
            place(SCHOOL_CONFIDANT, Reason.FACE_TO_FACE)
        else:
            place(SCHOOL_CONFIDANT, Reason.TOPIC if first_topic else Reason.GENERAL, first_topic)
    if danger is Danger.UNSURE:  # R1b
        place(
            VEILIG_THUIS if answers.violence or not topics else KINDERTELEFOON, Reason.DANGER_UNSURE
        )
    if answers.violence:  # R4, in R5's order
        topic = next(t for t in TOPICS if t in topics & VIOLENCE_TOPICS)
        helper = (VEILIG_THUIS, Reason.VIOLENCE_CHANGE, topic)
        listener = (KINDERTELEFOON, Reason.VIOLENCE_LISTEN, topic)
        for pick in (helper, listener) if answers.goal is Goal.CHANGE else (listener, helper):
            place(*pick)
    if Topic.DIVORCE in topics and not answers.violence and not answers.suicide:  # R6
        if VILLA_PINEDO in eligible:
            if (
                answers.age is AgeGroup.AGE_8_11
            ):  # Villa Pinedo starts at 10: De Kindertelefoon first
                place(KINDERTELEFOON, Reason.TOPIC, Topic.DIVORCE)
            place(VILLA_PINEDO, Reason.DIVORCE, Topic.DIVORCE)
    return picks


def general_set(age: AgeGroup | None) -> frozenset[str]:
    """R9: the places for a child who gave no topic - one that talks about anything and fits the
    age, Veilig Thuis, and the school (under 18)."""
    if age is not None and AGE_RANGES[age][0] >= AGE_RANGES[ADULT][0]:
        return frozenset({ALLES_OKE, VEILIG_THUIS})
    return frozenset({KINDERTELEFOON, VEILIG_THUIS, SCHOOL_CONFIDANT})


def _fitting(
    answers: Answers,
    eligible: dict[str, Service],
    picks: list[_Pick],
    reachable: Callable[[str], bool],
) -> list[_Pick]:
    """R11: every other place that fits, best first, with the reason it would be offered for."""
    taken = {p.service for p in picks}
    wanted_kinds = CONTACT_KINDS[answers.contact] if answers.contact else frozenset()
    general = general_set(answers.age) if not answers.topics else frozenset()
    scored = []
    for position, service in enumerate(eligible.values()):
        if service.id in taken or service.id in RULE_ONLY:
            continue
        common = service.topics & answers.topics
        if not common and service.id not in general:
            continue
        hits = [t for t in TOPICS if t in common] if common else []
        contact_fits = bool(wanted_kinds & service.kinds)
        score = len(hits) + GENERAL_PREFERENCE.get(service.id, 0.0) + 3.0 * contact_fits
        if answers.goal is Goal.CHANGE and service.can_act:
            score += 2.0
        if answers.goal is Goal.LISTEN and not service.can_act:
            score += 2.0
        if reachable(service.id):
            score += 0.5
        if hits:
            pick = _Pick(service.id, Reason.TOPIC, hits[0])
        elif contact_fits:
            pick = _Pick(service.id, Reason.CONTACT)
        else:
            pick = _Pick(
                service.id, Reason.SAFETY if service.id == VEILIG_THUIS else Reason.GENERAL
            )
        scored.append((-score, position, pick))
    scored.sort(key=lambda item: item[:2])
    return [pick for _, _, pick in scored]


def _notices(
    answers: Answers,
    options: tuple[Option, ...],
    catalogue: Catalogue,
    status: Callable[[str], tuple[ChannelStatus, ...]],
) -> tuple[Notice, ...]:
    """R13, in this order: not_now, sexual_violence, worried_friend, trusted_adult, ask_first."""
    shown: list[tuple[NoticeId, ChannelStatus | None]] = []
    # not_now: some option has known hours and none is open now. A channel that is open has
    # known hours, and only a closed channel with known hours has an opening time.
    statuses = [c for o in options for c in o.channels]
    if any(c.open_now is False for c in statuses) and not any(c.open_now for c in statuses):
        opening = (c for c in statuses if c.opens_at is not None)
        first = min(opening, key=attrgetter("opens_at"), default=None)
        shown.append((NoticeId.NOT_NOW, first))
    if Topic.TOUCH in answers.topics:
        shown.append((NoticeId.SEXUAL_VIOLENCE, None))
    if Topic.FRIEND in answers.topics:
        shown.append((NoticeId.WORRIED_FRIEND, None))
    if answers.age is AgeGroup.UNDER_8:
        shown.append((NoticeId.TRUSTED_ADULT, None))
    if any(o.service == SCHOOL_CONFIDANT for o in options):
        shown.append((NoticeId.ASK_FIRST, None))
    return tuple(
        Notice(
            notice,
            tuple(status(service)[index] for service, index in notice_channels(notice, catalogue)),
            first.opens_at if first else None,
            first.channel.hours_verified if first else True,
        )
        for notice, first in shown
    )
