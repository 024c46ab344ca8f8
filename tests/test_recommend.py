"""recommend() against R1-R12 over every combination of answers, at moments that matter."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest

from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.hours import AMSTERDAM
from app.domain.recommend import Recommendation, recommend, statuses_at
from tests.rules import Seen, violations

MOMENTS = {
    # De Kindertelefoon and Chris open, Veilig Thuis chat open.
    "wednesday 14:00": datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM),
    # Everything with office or evening hours closed: only 24/7 lines are open.
    "sunday 03:30": datetime(2026, 11, 29, 3, 30, tzinfo=AMSTERDAM),
}


def all_topic_sets() -> list[frozenset[Topic]]:
    topics = list(Topic)
    return [
        frozenset(combo)
        for size in range(len(topics) + 1)
        for combo in itertools.combinations(topics, size)
    ]


def every_answer() -> list[Answers]:
    return [
        Answers(danger, topics, age, contact, goal)
        for danger in (None, *Danger)
        for topics in all_topic_sets()
        for age in (None, *AgeGroup)
        for contact in (None, *Contact)
        for goal in (None, *Goal)
    ]


def seen(result: Recommendation) -> list[Seen]:
    return [Seen(o.service, o.reachable_now, o.reason.value) for o in result.options]


def test_every_combination_is_counted() -> None:
    # 4 danger x 2^9 topic sets x 6 ages x 5 contacts x 4 goals (None = skipped)
    assert len(every_answer()) == 4 * 512 * 6 * 5 * 4 == 245_760


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_rules_hold_for_every_combination(content: Content, moment: datetime) -> None:
    failures: dict[str, list[Answers]] = {}
    for answers in every_answer():
        result = recommend(answers, content.catalogue, moment)
        for problem in violations(answers, seen(result), content.catalogue, result.call_112_first):
            failures.setdefault(problem, []).append(answers)
    summary = {problem: (len(cases), cases[0]) for problem, cases in failures.items()}
    assert not summary, summary


@pytest.mark.parametrize(
    "moment",
    [
        *MOMENTS.values(),
        datetime(2026, 11, 25, 8, 59, 59, tzinfo=AMSTERDAM),  # a second before a chat opens
        datetime(2026, 11, 28, 22, 0, tzinfo=AMSTERDAM),  # Saturday night: open again Monday
    ],
)
def test_statuses_worked_out_beforehand_change_nothing(content: Content, moment: datetime) -> None:
    """The web layer works out every place's statuses once a minute and passes them in."""
    statuses = statuses_at(content.catalogue, moment)
    for answers in every_answer()[::13]:
        assert recommend(answers, content.catalogue, moment, statuses) == recommend(
            answers, content.catalogue, moment
        ), answers


def test_deterministic(content: Content) -> None:  # R10
    moment = MOMENTS["wednesday 14:00"]
    for answers in every_answer()[::997]:
        first = recommend(answers, content.catalogue, moment)
        assert recommend(answers, content.catalogue, moment) == first


def ids(answers: Answers, content: Content, moment: str = "wednesday 14:00") -> list[str]:
    return [o.service for o in recommend(answers, content.catalogue, MOMENTS[moment]).options]


def test_design_worked_example(content: Content) -> None:
    answers = Answers(
        Danger.NO, frozenset({Topic.HOME_FIGHTS}), AgeGroup.AGE_8_11, Contact.CHAT, Goal.LISTEN
    )
    assert ids(answers, content)[0] == "kindertelefoon"


def test_danger_suicide_and_violence_gives_112_113_veilig_thuis(content: Content) -> None:
    answers = Answers(Danger.YES, frozenset({Topic.SUICIDE, Topic.HURT}))
    assert ids(answers, content) == ["emergency_112", "zelfmoordpreventie_113", "veilig_thuis"]


def test_all_skipped_is_general(content: Content) -> None:  # R9
    assert set(ids(Answers(), content)) == {"kindertelefoon", "veilig_thuis", "school_confidant"}


def test_goal_orders_veilig_thuis_and_kindertelefoon(content: Content) -> None:  # R5
    change = Answers(
        Danger.NO, frozenset({Topic.HOME_FIGHTS}), AgeGroup.AGE_12_15, goal=Goal.CHANGE
    )
    listen = Answers(
        Danger.NO, frozenset({Topic.HOME_FIGHTS}), AgeGroup.AGE_12_15, goal=Goal.LISTEN
    )
    assert ids(change, content)[:2] == ["veilig_thuis", "kindertelefoon"]
    assert ids(listen, content)[:2] == ["kindertelefoon", "veilig_thuis"]


def test_young_child_never_gets_kindertelefoon(content: Content) -> None:  # R3
    answers = Answers(Danger.NO, frozenset({Topic.BULLYING}), AgeGroup.UNDER_8)
    assert "kindertelefoon" not in ids(answers, content)


def test_villa_pinedo_overlaps_age_8_11(content: Content) -> None:  # R3 + R6
    answers = Answers(Danger.NO, frozenset({Topic.DIVORCE}), AgeGroup.AGE_8_11)
    assert "villa_pinedo" in ids(answers, content)[:2]


def test_closed_best_option_comes_with_an_open_one(content: Content) -> None:  # R11
    answers = Answers(Danger.NO, frozenset({Topic.BULLYING}), AgeGroup.AGE_8_11, Contact.CHAT)
    result = recommend(answers, content.catalogue, MOMENTS["sunday 03:30"])
    assert result.options[0].service == "kindertelefoon"
    assert not result.options[0].reachable_now
    assert result.options[0].opens_at == datetime(2026, 11, 29, 11, 0, tzinfo=AMSTERDAM)
    assert any(o.reachable_now for o in result.options[1:])


def test_checker_catches_broken_results(content: Content) -> None:
    """The rule checker itself must be able to fail."""
    danger = Answers(Danger.YES, frozenset({Topic.SUICIDE}))
    wrong = [Seen("kindertelefoon", True, "x"), Seen("chris", True, "")]
    problems = violations(danger, wrong, content.catalogue, call_112_first=False)
    assert {p.split(":")[0] for p in problems} == {"R1", "R2", "R12"}
    young = Answers(age=AgeGroup.UNDER_8)
    assert any(
        p.startswith("R3")
        for p in violations(
            young,
            [Seen("kindertelefoon", True, "x"), Seen("veilig_thuis", True, "x")],
            content.catalogue,
            False,
        )
    )
    closed = [Seen("kindertelefoon", False, "x"), Seen("school_confidant", False, "x")]
    assert any(p.startswith("R11") for p in violations(Answers(), closed, content.catalogue, False))
