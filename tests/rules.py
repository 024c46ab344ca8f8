"""The rules R1-R12 of design.md section 4 as a checker: violations(answers, result, catalogue).

Used over every combination of answers (tests/test_recommend.py) and through the API and the
HTML forms (tests/test_api.py, tests/test_journey_pages.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.answers import AGE_RANGES, Answers, Contact, Danger, Goal, Topic
from app.domain.catalogue import (
    EMERGENCY_112,
    KINDERTELEFOON,
    SCHOOL_CONFIDANT,
    VEILIG_THUIS,
    VILLA_PINEDO,
    ZELFMOORDPREVENTIE_113,
    Catalogue,
)


@dataclass(frozen=True)
class Seen:
    """What a client sees of one option: its id, whether it is open now, and its reason."""

    service: str
    reachable_now: bool  # any channel with open_now true
    reason: str


def violations(
    answers: Answers, options: list[Seen], catalogue: Catalogue, call_112_first: bool
) -> list[str]:
    ids = [o.service for o in options]
    found: list[str] = []
    danger = answers.danger or Danger.NO

    def top(n: int) -> list[str]:
        return ids[:n]

    def age_allows(service_id: str) -> bool:
        return catalogue[service_id].serves_age(answers.age)

    # R8
    if not 2 <= len(ids) <= 3:
        found.append(f"R8: {len(ids)} options")
    if len(set(ids)) != len(ids):
        found.append("R8: an option twice")
    # R1
    if danger is Danger.YES:
        if top(1) != [EMERGENCY_112]:
            found.append("R1: 112 is not first")
        if VEILIG_THUIS not in ids:
            found.append("R1: Veilig Thuis missing")
        if not call_112_first:
            found.append("R1: no 112 message first")
    elif EMERGENCY_112 in ids:
        found.append("R1: 112 offered as an option without danger=yes")
    # R2
    if answers.suicide:
        expected = 1 if danger is Danger.YES else 0
        if len(ids) <= expected or ids[expected] != ZELFMOORDPREVENTIE_113:
            found.append("R2: 113 not first (after 112)")
    # R3
    for service_id in ids:
        if not age_allows(service_id):
            found.append(f"R3: {service_id} outside the age range")
    # R1b
    if danger is Danger.UNSURE:
        if VEILIG_THUIS not in ids:
            found.append("R1b: Veilig Thuis missing")
        if not call_112_first:
            found.append("R1b: no 112 message first")
    if answers.danger in (None, Danger.NO) and call_112_first:
        found.append("R1b: 112 message without danger")
    # R4 (yields to R1 and R2 when they fill the places: danger + suicide + violence)
    violence = answers.violence
    if violence and not (danger is Danger.YES and answers.suicide):
        for service_id in (VEILIG_THUIS, KINDERTELEFOON):
            if age_allows(service_id) and service_id not in top(3):
                found.append(f"R4: {service_id} not in the top three")
    # R5
    if violence and VEILIG_THUIS in ids and KINDERTELEFOON in ids:
        vt, kt = ids.index(VEILIG_THUIS), ids.index(KINDERTELEFOON)
        if answers.goal is Goal.CHANGE and vt > kt:
            found.append("R5: change but De Kindertelefoon above Veilig Thuis")
        if answers.goal is Goal.LISTEN and kt > vt:
            found.append("R5: listen but Veilig Thuis above De Kindertelefoon")
    # R6
    if Topic.DIVORCE in answers.topics and not violence and not answers.suicide:
        if age_allows(VILLA_PINEDO) and VILLA_PINEDO not in top(2):
            found.append("R6: Villa Pinedo not in the top two")
    # R7
    if (
        answers.contact is Contact.FACE_TO_FACE
        and danger is not Danger.YES
        and not answers.suicide
        and (answers.age is None or AGE_RANGES[answers.age][0] < 18)
    ) and top(1) != [SCHOOL_CONFIDANT]:
        found.append("R7: the school confidant is not first")
    # R9
    if answers == Answers() and set(ids) != {KINDERTELEFOON, VEILIG_THUIS, SCHOOL_CONFIDANT}:
        found.append(f"R9: {ids} for all skipped")
    # R11
    if options and not options[0].reachable_now:
        others = [o for o in options[1:] if o.service != EMERGENCY_112 and o.reachable_now]
        if not others:
            found.append("R11: best closed and no other place reachable now")
    # R12
    for option in options:
        if not option.reason.strip():
            found.append(f"R12: no reason for {option.service}")
    return found
