"""The answer ids of the journey (a contract: design.md section 3) and the Answers value."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Danger(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Topic(StrEnum):
    HOME_FIGHTS = "home_fights"
    HURT = "hurt"
    TOUCH = "touch"
    DIVORCE = "divorce"
    BULLYING = "bullying"
    SAD = "sad"
    SUICIDE = "suicide"
    FRIEND = "friend"
    OTHER = "other"


class AgeGroup(StrEnum):
    UNDER_8 = "under_8"
    AGE_8_11 = "8_11"
    AGE_12_15 = "12_15"
    AGE_16_17 = "16_17"
    AGE_18_PLUS = "18_plus"


class Contact(StrEnum):
    CHAT = "chat"
    CALL = "call"
    FACE_TO_FACE = "face_to_face"
    ANY = "any"


class Goal(StrEnum):
    LISTEN = "listen"
    CHANGE = "change"
    UNSURE = "unsure"


# Inclusive ages of each age group. "18 of ouder" means 18-24: the app is for young people, and an
# older visitor sees the age line on every card (design.md R3).
AGE_RANGES: dict[AgeGroup, tuple[int, int]] = {
    AgeGroup.UNDER_8: (0, 7),
    AgeGroup.AGE_8_11: (8, 11),
    AgeGroup.AGE_12_15: (12, 15),
    AgeGroup.AGE_16_17: (16, 17),
    AgeGroup.AGE_18_PLUS: (18, 24),
}

VIOLENCE_TOPICS = frozenset({Topic.HOME_FIGHTS, Topic.HURT, Topic.TOUCH})

# The questions in the order the journey asks them, with the ids each one accepts.
QUESTIONS: tuple[str, ...] = ("danger", "topics", "age", "contact", "goal")
CHOICES: dict[str, type[StrEnum]] = {
    "danger": Danger,
    "topics": Topic,
    "age": AgeGroup,
    "contact": Contact,
    "goal": Goal,
}
MULTIPLE = frozenset({"topics"})
# Each question's answers by id: a dict lookup is 5x faster than calling the enum.
_BY_ID: dict[str, dict[str, StrEnum]] = {
    q: {e.value: e for e in enum} for q, enum in CHOICES.items()
}


@dataclass(frozen=True)
class Answers:
    """What the child told us. None (or no topics) means skipped or not asked."""

    danger: Danger | None = None
    topics: frozenset[Topic] = field(default_factory=frozenset)
    age: AgeGroup | None = None
    contact: Contact | None = None
    goal: Goal | None = None

    @property
    def in_danger(self) -> bool:
        return self.danger is Danger.YES

    @property
    def suicide(self) -> bool:
        return Topic.SUICIDE in self.topics

    @property
    def violence(self) -> bool:
        return bool(self.topics & VIOLENCE_TOPICS)


class InvalidAnswer(ValueError):
    """A value that is not an answer id of its question (or a second value for a single choice)."""

    def __init__(self, question: str, value: str) -> None:
        super().__init__(f"{question}: not an answer id")
        self.question = question
        self.value = value


def parse_answers(given: dict[str, tuple[str, ...]]) -> Answers:
    """Answers from question -> answer ids (empty tuple: skipped). Raises InvalidAnswer."""
    values: dict[str, object] = {}
    for question in QUESTIONS:
        ids = given.get(question, ())
        by_id = _BY_ID[question]
        try:
            parsed = [by_id[v] for v in ids]
        except KeyError:
            bad = next(v for v in ids if v not in by_id)
            raise InvalidAnswer(question, bad) from None
        if question in MULTIPLE:
            values[question] = frozenset(parsed)
        elif len(parsed) > 1:
            raise InvalidAnswer(question, ids[1])
        else:
            values[question] = parsed[0] if parsed else None
    return Answers(**values)  # type: ignore[arg-type]
