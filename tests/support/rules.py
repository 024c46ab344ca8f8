"""The rules of design.md section 4 (revised 2026-12-01) as a checker.

`violations(answers, options, notices, catalogue, call_112_first)` lists every rule a result breaks.
It is written from the design's text, not from app.domain.recommend: the age groups and the general
set are spelled out here again, so that a change in the domain cannot quietly change the check.
Used over every combination of answers at several moments (tests/domain/test_recommend.py), and
through the API and the HTML forms (tests/web/test_api.py, test_journey_pages.py, test_notices.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.answers import Answers, Contact, Danger, Goal, Topic
from app.domain.catalogue import Catalogue

E112 = "emergency_112"
E113 = "zelfmoordpreventie_113"
KT = "kindertelefoon"
VT = "veilig_thuis"
VP = "villa_pinedo"
SCHOOL = "school_confidant"
ALLES_OKE = "alles_oke"
VIOLENCE = frozenset({Topic.HOME_FIGHTS, Topic.HURT, Topic.TOUCH})
# R3: the inclusive ages of each answer; 18_plus is 18-24 (the app is for young people).
AGES = {
    "under_8": (0, 7),
    "8_11": (8, 11),
    "12_15": (12, 15),
    "16_17": (16, 17),
    "18_plus": (18, 24),
}
NOTICE_ORDER = ("not_now", "sexual_violence", "worried_friend", "trusted_adult", "ask_first")


@dataclass(frozen=True)
class Seen:
    """What a client sees of one option: its id, each channel's open_now, and its reason."""

    service: str
    states: tuple[bool | None, ...]  # per channel: open now, closed now, or no known hours
    reason: str

    @property
    def reachable_now(self) -> bool:
        return any(state is True for state in self.states)


def expected_notices(answers: Answers, options: list[Seen]) -> list[str]:
    """R13: which notices, in their order."""
    notices = []
    timed = [o for o in options if any(s is not None for s in o.states)]
    if timed and not any(o.reachable_now for o in timed):
        notices.append("not_now")
    if Topic.TOUCH in answers.topics:
        notices.append("sexual_violence")
    if Topic.FRIEND in answers.topics:
        notices.append("worried_friend")
    if answers.age is not None and answers.age.value == "under_8":
        notices.append("trusted_adult")
    if any(o.service == SCHOOL for o in options):
        notices.append("ask_first")
    return notices


_ALLOWED: dict[tuple[int, str | None], frozenset[str]] = {}


def _allowed(catalogue: Catalogue, age: str | None) -> frozenset[str]:
    """R3: the places whose age range overlaps the age answer (None: every place)."""
    key = (id(catalogue), age)
    if key not in _ALLOWED:
        low, high = AGES[age] if age is not None else (0, 200)
        _ALLOWED[key] = frozenset(
            s.id for s in catalogue.services.values() if s.min_age <= high and low <= s.max_age
        )
    return _ALLOWED[key]


def violations(
    answers: Answers,
    options: list[Seen],
    notices: list[str],
    catalogue: Catalogue,
    call_112_first: bool,
) -> list[str]:
    ids = [o.service for o in options]
    found: list[str] = []
    danger = answers.danger or Danger.NO  # a skipped danger question counts as "no"
    topics = answers.topics
    violence = bool(topics & VIOLENCE)
    suicide = Topic.SUICIDE in topics
    age = answers.age.value if answers.age is not None else None

    allowed = _allowed(catalogue, age)

    def allows(service_id: str) -> bool:  # R3
        return service_id in allowed

    # R8: one to three, each once
    if not 1 <= len(ids) <= 3:
        found.append(f"R8: {len(ids)} options")
    if len(set(ids)) != len(ids):
        found.append("R8: an option twice")
    # R1
    if danger is Danger.YES:
        if ids[:1] != [E112]:
            found.append("R1: 112 is not first")
        if VT not in ids:
            found.append("R1: Veilig Thuis missing")
    elif E112 in ids:
        found.append("R1: 112 offered without danger=yes")
    if (danger in (Danger.YES, Danger.UNSURE)) != call_112_first:
        found.append("R1/R1b: the 112 message is shown when it should not be, or missing")
    # R2
    if suicide:
        at = 1 if danger is Danger.YES else 0
        if len(ids) <= at or ids[at] != E113:
            found.append("R2: 113 not first (after 112)")
    elif E113 in ids:
        found.append("R2: 113 offered without the suicide topic")
    # R3
    for service_id in ids:
        if not allows(service_id):
            found.append(f"R3: {service_id} outside the age range")
    # The places the danger rules and R7 put first, in priority order (R1, R2, R7, R1b).
    first: list[str] = []
    if danger is Danger.YES:
        first += [E112]
    if suicide:
        first += [E113]
    if danger is Danger.YES:
        first += [VT]
    r7 = (
        answers.contact is Contact.FACE_TO_FACE
        and danger is not Danger.YES
        and not suicide
        and age != "18_plus"
    ) or age == "under_8"
    if r7 and allows(SCHOOL) and len(first) < 3:
        if ids[len(first) : len(first) + 1] != [SCHOOL]:
            found.append("R7: the school confidant is not the first option (after R1/R2)")
        first.append(SCHOOL)
    # R1b
    if danger is Danger.UNSURE:
        wanted = VT if violence or not topics else KT
        if allows(wanted) and wanted not in first:
            if len(first) < 3 and wanted not in ids:
                found.append(f"R1b: {wanted} missing")
            first.append(wanted)
    # R4 and R5: Veilig Thuis and De Kindertelefoon with a violence topic
    if violence:
        wanted = [s for s in (VT, KT) if allows(s) and s not in first]
        room = 3 - len(first)
        for service_id in wanted[:room]:
            if service_id not in ids:
                found.append(f"R4: {service_id} missing")
        if VT in ids and KT in ids and VT not in first and KT not in first:
            vt, kt = ids.index(VT), ids.index(KT)
            if answers.goal is Goal.CHANGE and vt > kt:
                found.append("R5: change, but De Kindertelefoon above Veilig Thuis")
            if answers.goal is Goal.LISTEN and kt > vt:
                found.append("R5: listen, but Veilig Thuis above De Kindertelefoon")
        first += [s for s in wanted if s in ids]
    # R6: Villa Pinedo for divorce (first after the places above; for 8-11 right after KT)
    if Topic.DIVORCE in topics and not violence and not suicide and allows(VP):
        sequence = [KT, VP] if age == "8_11" else [VP]
        head = [s for s in sequence if s not in first][: max(0, 3 - len(first))]
        rest = [s for s in ids if s not in first]
        if rest[: len(head)] != head:
            found.append(f"R6: expected {head} after {first}, got {ids}")
    # R9: no topic - the general set for the age
    if not topics:
        general = {VT}
        if age is None or AGES[age][1] < 18:
            general |= {KT, SCHOOL}
        else:
            general |= {ALLES_OKE}
        general = {s for s in general if allows(s)}
        allowed = general | {E112}
        if set(ids) - allowed:
            found.append(f"R9: {sorted(set(ids) - allowed)} outside the general set")
        if len(ids) < 3 and not general <= set(ids):
            found.append(f"R9: {sorted(general - set(ids))} missing from the general set")
    # R11: only places that fit. Veilig Thuis is for violence and abuse.
    for service_id in ids:
        if service_id in (E112, E113):
            continue
        serves = bool(catalogue[service_id].topics & topics)
        by_danger = service_id == VT and danger in (Danger.YES, Danger.UNSURE)
        by_danger |= service_id == KT and danger is Danger.UNSURE
        if not (serves or not topics or by_danger):
            found.append(f"R11: {service_id} serves none of the chosen topics")
    if VT in ids and topics and not violence and danger is Danger.NO:
        found.append("R11: Veilig Thuis offered without violence or danger")
    # R12
    for option in options:
        if not option.reason.strip():
            found.append(f"R12: no reason for {option.service}")
    # R13
    expected = expected_notices(answers, options)
    if notices != expected:
        found.append(f"R13: notices {notices}, expected {expected}")
    return found
