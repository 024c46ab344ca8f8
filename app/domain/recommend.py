"""recommend(answers, catalogue, now): two or three places, best first (rules R1-R12, design.md s4).

The rules that name a place are applied first, in priority order, as *required* options (at most
three: where rules compete for places the earlier rule wins). Required options are then put in
the order the rules ask for (112, then 113, then the school for face-to-face, then Villa Pinedo,
then Veilig Thuis and De Kindertelefoon as the goal says). Free places are filled by a transparent
score (topic, contact, goal, open now). Finally R11: if the best option cannot be reached now, a
place that can is guaranteed among the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.answers import VIOLENCE_TOPICS, Answers, Contact, Danger, Goal, Topic
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
    Channel,
    ChannelKind,
    Service,
)

MAX_OPTIONS = 3
TOPICS = tuple(Topic)  # in the order the question lists them; iterating the enum is slow

# A small preference among places that help with many things (a tie-breaker, and R9). The gap
# between the first three and the rest is larger than the "open now" bonus (0.5), so that with
# every question skipped the answer is always De Kindertelefoon, Veilig Thuis and the school.
GENERAL_PREFERENCE: dict[str, float] = {
    KINDERTELEFOON: 0.9,
    VEILIG_THUIS: 0.8,
    SCHOOL_CONFIDANT: 0.7,
    CHRIS: 0.15,
    VILLA_PINEDO: 0.1,
    ALLES_OKE: 0.05,
}
# Places that fill a free spot even when they serve none of the chosen topics.
GENERALISTS = frozenset({KINDERTELEFOON, VEILIG_THUIS, SCHOOL_CONFIDANT, ALLES_OKE})
# Places that are only ever offered by their own rule (R1, R2).
RULE_ONLY = frozenset({EMERGENCY_112, ZELFMOORDPREVENTIE_113})

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
    GENERAL = "general"
    OPEN_NOW = "open_now"


@dataclass(frozen=True)
class ChannelStatus:
    channel: Channel
    open_now: bool | None  # None: no known hours
    opens_at: datetime | None  # the next opening when closed now


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
class Recommendation:
    options: tuple[Option, ...]
    at: datetime
    call_112_first: bool  # R1/R1b: the results open with the 112 message


@dataclass(frozen=True)
class _Pick:
    service: str
    reason: Reason
    topic: Topic | None = None
    required: bool = False


def channel_statuses(service: Service, now: datetime) -> tuple[ChannelStatus, ...]:
    statuses = []
    for channel in service.channels:
        if channel.hours is None:
            statuses.append(ChannelStatus(channel, None, None))
            continue
        is_open = channel.hours.is_open(now)
        opens_at = None if is_open else channel.hours.next_opening(now)
        statuses.append(ChannelStatus(channel, is_open, opens_at))
    return tuple(statuses)


Statuses = Mapping[str, tuple[ChannelStatus, ...]]  # service id -> its channels' statuses


def statuses_at(catalogue: Catalogue, now: datetime) -> dict[str, tuple[ChannelStatus, ...]]:
    """Every place's channel statuses at `now` (the same for every moment of a minute)."""
    return {s.id: channel_statuses(s, now) for s in catalogue.services.values()}


def recommend(
    answers: Answers, catalogue: Catalogue, now: datetime, statuses: Statuses | None = None
) -> Recommendation:
    """`statuses`: statuses_at(catalogue, now), if already known; else worked out as needed."""
    eligible = {s.id: s for s in catalogue.services.values() if s.serves_age(answers.age)}
    known: dict[str, tuple[ChannelStatus, ...]] = dict(statuses or {})

    def status(service_id: str) -> tuple[ChannelStatus, ...]:
        if service_id not in known:
            known[service_id] = channel_statuses(eligible[service_id], now)
        return known[service_id]

    def reachable(service_id: str) -> bool:
        return any(c.open_now is True for c in status(service_id))

    picks = _ordered(_required(answers, eligible), answers)
    ranked = _ranked_candidates(answers, eligible, picks, reachable)
    for service_id, reason, topic in ranked:
        if len(picks) >= MAX_OPTIONS:
            break
        if topic is not None or service_id in GENERALISTS:
            picks.append(_Pick(service_id, reason, topic))
    _ensure_reachable(picks, ranked, reachable)

    options = tuple(
        Option(p.service, p.reason, p.topic, status(p.service)) for p in picks[:MAX_OPTIONS]
    )
    danger = answers.danger
    return Recommendation(options, now, danger in (Danger.YES, Danger.UNSURE))


def _required(answers: Answers, eligible: dict[str, Service]) -> list[_Pick]:
    """The places the rules name, in rule priority order, cut to three (the earlier rule wins)."""
    danger = answers.danger or Danger.NO  # a skipped danger question counts as "no"
    picks: list[_Pick] = []

    def need(service_id: str, reason: Reason, topic: Topic | None = None) -> None:
        if service_id in eligible and all(p.service != service_id for p in picks):
            picks.append(_Pick(service_id, reason, topic, required=True))

    if danger is Danger.YES:  # R1
        need(EMERGENCY_112, Reason.DANGER_NOW)
    if answers.suicide:  # R2
        need(ZELFMOORDPREVENTIE_113, Reason.SUICIDE, Topic.SUICIDE)
    if danger is Danger.YES:  # R1
        need(VEILIG_THUIS, Reason.DANGER_AFTER)
    if danger is Danger.UNSURE:  # R1b
        need(VEILIG_THUIS, Reason.DANGER_UNSURE)
    if answers.violence:  # R4
        topic = next(t for t in TOPICS if t in answers.topics & VIOLENCE_TOPICS)
        need(VEILIG_THUIS, Reason.VIOLENCE_CHANGE, topic)
        need(KINDERTELEFOON, Reason.VIOLENCE_LISTEN, topic)
    if Topic.DIVORCE in answers.topics and not answers.violence and not answers.suicide:  # R6
        need(VILLA_PINEDO, Reason.DIVORCE, Topic.DIVORCE)
    if answers.contact is Contact.FACE_TO_FACE and danger is not Danger.YES:  # R7
        if not answers.suicide:
            need(SCHOOL_CONFIDANT, Reason.FACE_TO_FACE)
    return picks[:MAX_OPTIONS]


def _ordered(picks: list[_Pick], answers: Answers) -> list[_Pick]:
    """Required places in the order the rules ask for (R1, R2, R7, R6, R5)."""
    helper_first = answers.goal is Goal.CHANGE or (
        answers.goal is not Goal.LISTEN and answers.danger in (Danger.YES, Danger.UNSURE)
    )
    order = {
        EMERGENCY_112: 0,
        ZELFMOORDPREVENTIE_113: 1,
        VEILIG_THUIS: 4 if helper_first else 5,
        KINDERTELEFOON: 5 if helper_first else 4,
    }

    def position(pick: _Pick) -> int:
        if pick.reason is Reason.FACE_TO_FACE:
            return 2
        if pick.reason is Reason.DIVORCE:
            return 3
        return order.get(pick.service, 6)

    return sorted(picks, key=position)  # sorted() is stable: equal positions keep rule order


def _ranked_candidates(
    answers: Answers,
    eligible: dict[str, Service],
    picks: list[_Pick],
    reachable: Callable[[str], bool],
) -> list[tuple[str, Reason, Topic | None]]:
    """Every other eligible place, best first, with the reason it would be offered for."""
    taken = {p.service for p in picks}
    wanted_kinds = CONTACT_KINDS[answers.contact] if answers.contact else frozenset()
    scored = []
    for position, service in enumerate(eligible.values()):
        if service.id in taken or service.id in RULE_ONLY:
            continue
        hits = [t for t in TOPICS if t in answers.topics and t in service.topics]
        contact_fits = any(c.kind in wanted_kinds for c in service.channels)
        score = 10.0 * bool(hits) + len(hits) + GENERAL_PREFERENCE.get(service.id, 0.0)
        score += 3.0 * contact_fits
        if answers.goal is Goal.CHANGE and service.can_act:
            score += 2.0
        if answers.goal is Goal.LISTEN and not service.can_act:
            score += 2.0
        if reachable(service.id):
            score += 0.5
        if hits:
            reason, topic = Reason.TOPIC, hits[0]
        else:
            reason, topic = (Reason.CONTACT if contact_fits else Reason.GENERAL), None
        scored.append((-score, position, service.id, reason, topic))
    scored.sort()
    return [(service_id, reason, topic) for _, _, service_id, reason, topic in scored]


def _ensure_reachable(
    picks: list[_Pick],
    ranked: list[tuple[str, Reason, Topic | None]],
    reachable: Callable[[str], bool],
) -> None:
    """R11: if the best place is closed now, another place (not 112) can be reached right now."""
    if not picks or reachable(picks[0].service):
        return
    if any(reachable(p.service) for p in picks[1:] if p.service != EMERGENCY_112):
        return
    chosen = {p.service for p in picks}
    extra = next((s for s, _, _ in ranked if s not in chosen and reachable(s)), None)
    if extra is None:
        return
    replacement = _Pick(extra, Reason.OPEN_NOW)
    if len(picks) < MAX_OPTIONS:
        picks.append(replacement)
        return
    for index in range(len(picks) - 1, 0, -1):
        if not picks[index].required:
            picks[index] = replacement
            return
