"""recommend() against R1-R13 (revised 2026-12-01) over every combination of answers, at six
moments that matter."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.hours import AMSTERDAM
from app.domain.recommend import Recommendation, recommend
from app.domain.status import statuses_at
from tests.support.rules import Seen, violations

MOMENTS = {
    # Everything with daytime hours open (De Kindertelefoon, Chris, the Veilig Thuis chat).
    "weekday 14:00": datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM),
    # De Kindertelefoon and the Veilig Thuis chat closed; Chris and Alles Oké still open.
    "weekday 21:30": datetime(2026, 11, 25, 21, 30, tzinfo=AMSTERDAM),
    # Only the lines that answer day and night are open.
    "sunday 03:00": datetime(2026, 11, 29, 3, 0, tzinfo=AMSTERDAM),
    # A public holiday (Christmas, a Friday): the content has no holiday exceptions yet.
    "christmas 14:00": datetime(2026, 12, 25, 14, 0, tzinfo=AMSTERDAM),
    # The DST nights: 03:30 just after the spring gap, 02:30 in the second pass of autumn.
    "spring dst 03:30": datetime(2026, 3, 29, 1, 30, tzinfo=UTC).astimezone(AMSTERDAM),
    "autumn dst 02:30": datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone(AMSTERDAM),
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
    return [
        Seen(o.service, tuple(c.open_now for c in o.channels), o.reason.value)
        for o in result.options
    ]


def problems(answers: Answers, result: Recommendation, content: Content) -> list[str]:
    notices = [n.id.value for n in result.notices]
    return violations(answers, seen(result), notices, content.catalogue, result.call_112_first)


def test_every_combination_is_counted() -> None:
    # 4 danger x 2^9 topic sets x 6 ages x 5 contacts x 4 goals (None = skipped)
    assert len(every_answer()) == 4 * 512 * 6 * 5 * 4 == 245_760


@pytest.mark.parametrize("moment", MOMENTS.values(), ids=MOMENTS.keys())
def test_rules_hold_for_every_combination(content: Content, moment: datetime) -> None:
    failures: dict[str, list[Answers]] = {}
    statuses = statuses_at(content.catalogue, moment)
    for answers in every_answer():
        result = recommend(answers, content.catalogue, moment, statuses)
        for problem in problems(answers, result, content):
            failures.setdefault(problem.split(":")[0], []).append(answers)
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
    for answers in every_answer()[::41]:
        assert recommend(answers, content.catalogue, moment, statuses) == recommend(
            answers, content.catalogue, moment
        ), answers


def test_deterministic(content: Content) -> None:  # R10
    moment = MOMENTS["weekday 14:00"]
    for answers in every_answer()[::997]:
        first = recommend(answers, content.catalogue, moment)
        assert recommend(answers, content.catalogue, moment) == first


def ids(answers: Answers, content: Content, moment: str = "weekday 14:00") -> list[str]:
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


def test_every_moment_of_the_matrix_is_counted() -> None:
    assert len(MOMENTS) * len(every_answer()) == 6 * 245_760 == 1_474_560


def notice_ids(answers: Answers, content: Content, moment: str = "weekday 14:00") -> list[str]:
    result = recommend(answers, content.catalogue, MOMENTS[moment])
    return [n.id.value for n in result.notices]


def test_a_sad_child_at_night_is_not_sent_to_veilig_thuis(content: Content) -> None:  # R11
    answers = Answers(Danger.NO, frozenset({Topic.SAD}), AgeGroup.AGE_12_15, Contact.CHAT)
    result = recommend(answers, content.catalogue, MOMENTS["sunday 03:00"])
    assert "veilig_thuis" not in [o.service for o in result.options]
    assert result.options[0].service == "kindertelefoon"
    assert result.options[0].opens_at == datetime(2026, 11, 29, 11, 0, tzinfo=AMSTERDAM)
    assert [n.id.value for n in result.notices] == ["not_now", "ask_first"]  # the school: 3rd
    assert result.notices[0].opens_at == datetime(2026, 11, 29, 11, 0, tzinfo=AMSTERDAM)
    # Kan het niet wachten? 112 and 113, both day and night.
    urls = [c.channel.url for c in result.notices[0].channels]
    assert urls == ["tel:112", "tel:08000113"]
    assert all(c.open_now for c in result.notices[0].channels)


@pytest.mark.parametrize("topic", [Topic.SAD, Topic.BULLYING, Topic.DIVORCE, Topic.FRIEND])
def test_veilig_thuis_only_for_violence_or_danger(content: Content, topic: Topic) -> None:
    for moment in MOMENTS:
        for age in (None, *AgeGroup):
            answers = Answers(Danger.NO, frozenset({topic}), age)
            assert "veilig_thuis" not in ids(answers, content, moment), (answers, moment)


def test_unsure_with_bullying_gets_kindertelefoon_not_veilig_thuis(content: Content) -> None:
    answers = Answers(Danger.UNSURE, frozenset({Topic.BULLYING}), AgeGroup.AGE_12_15)
    result = recommend(answers, content.catalogue, MOMENTS["weekday 14:00"])
    assert result.call_112_first
    assert result.options[0].service == "kindertelefoon"
    assert "veilig_thuis" not in [o.service for o in result.options]


def test_a_bullied_seven_year_old_gets_school_and_a_trusted_adult(content: Content) -> None:
    answers = Answers(Danger.NO, frozenset({Topic.BULLYING}), AgeGroup.UNDER_8, Contact.CHAT)
    assert ids(answers, content) == ["school_confidant"]  # R8: nothing that does not fit
    assert notice_ids(answers, content) == ["trusted_adult", "ask_first"]


def test_a_nine_year_old_whose_parents_divorce_gets_kindertelefoon_first(content: Content) -> None:
    answers = Answers(Danger.NO, frozenset({Topic.DIVORCE}), AgeGroup.AGE_8_11)
    assert ids(answers, content)[:2] == ["kindertelefoon", "villa_pinedo"]
    older = Answers(Danger.NO, frozenset({Topic.DIVORCE}), AgeGroup.AGE_12_15)
    assert ids(older, content)[0] == "villa_pinedo"


def test_eighteen_plus_means_eighteen_to_twenty_four(content: Content) -> None:  # R3
    from app.domain.answers import AGE_RANGES

    assert AGE_RANGES[AgeGroup.AGE_18_PLUS] == (18, 24)
    answers = Answers(Danger.NO, frozenset(), AgeGroup.AGE_18_PLUS)
    assert set(ids(answers, content)) == {"alles_oke", "veilig_thuis"}  # R9


def test_touch_shows_the_sexual_violence_notice(content: Content) -> None:  # R13
    answers = Answers(Danger.NO, frozenset({Topic.TOUCH}), AgeGroup.AGE_12_15, Contact.CALL)
    result = recommend(answers, content.catalogue, MOMENTS["sunday 03:00"])
    notice = next(n for n in result.notices if n.id.value == "sexual_violence")
    assert [c.channel.url for c in notice.channels] == ["tel:08000188", "https://www.helpwanted.nl"]
    assert notice.channels[0].open_now is True  # the Centrum Seksueel Geweld, day and night
    assert "centrum_seksueel_geweld" not in [o.service for o in result.options]


def test_a_worried_friend_hears_of_113_and_veilig_thuis(content: Content) -> None:  # R13
    answers = Answers(Danger.NO, frozenset({Topic.FRIEND}), AgeGroup.AGE_12_15)
    result = recommend(answers, content.catalogue, MOMENTS["sunday 03:00"])
    notice = next(n for n in result.notices if n.id.value == "worried_friend")
    assert [c.channel.url for c in notice.channels] == ["tel:08000113", "tel:08002000"]
    assert "zelfmoordpreventie_113" not in [o.service for o in result.options]


def test_notices_come_in_their_order(content: Content) -> None:  # R13
    answers = Answers(
        Danger.NO,
        frozenset({Topic.TOUCH, Topic.FRIEND}),
        AgeGroup.UNDER_8,
        Contact.FACE_TO_FACE,
    )
    # touch puts Veilig Thuis among the options, and its phone is open day and night: no not_now.
    assert notice_ids(answers, content, "sunday 03:00") == [
        "sexual_violence",
        "worried_friend",
        "trusted_adult",
        "ask_first",
    ]
    worried = Answers(Danger.NO, frozenset({Topic.FRIEND, Topic.SAD}), AgeGroup.AGE_12_15)
    assert notice_ids(worried, content, "sunday 03:00") == [
        "not_now",
        "worried_friend",
        "ask_first",
    ]


def test_unknown_hours_neither_open_nor_closed(content: Content) -> None:  # R11
    # The school alone (hours unknown) does not make "nothing is open now".
    answers = Answers(Danger.NO, frozenset({Topic.BULLYING}), AgeGroup.UNDER_8)
    result = recommend(answers, content.catalogue, MOMENTS["sunday 03:00"])
    assert [c.open_now for c in result.options[0].channels] == [None]
    assert "not_now" not in [n.id.value for n in result.notices]


def test_reasons_repeat_only_what_was_chosen(content: Content) -> None:  # R12
    from app.domain.recommend import Reason

    for answers in every_answer()[::41]:
        for option in recommend(answers, content.catalogue, MOMENTS["weekday 14:00"]).options:
            if option.topic is not None:
                assert option.topic in answers.topics, (answers, option)
            if option.reason is Reason.SUICIDE:
                assert answers.suicide
            if option.reason in (Reason.FACE_TO_FACE, Reason.CONTACT):
                assert answers.contact is not None
            if option.reason is Reason.DANGER_UNSURE:
                assert answers.danger is Danger.UNSURE


def test_checker_catches_broken_results(content: Content) -> None:
    """The rule checker itself must be able to fail."""
    catalogue = content.catalogue
    danger = Answers(Danger.YES, frozenset({Topic.SUICIDE}))
    wrong = [Seen("kindertelefoon", (True,), "x"), Seen("chris", (True,), "")]
    found = violations(danger, wrong, [], catalogue, call_112_first=False)
    assert {p.split(":")[0] for p in found} >= {"R1", "R2", "R12", "R1/R1b"}
    young = Answers(age=AgeGroup.UNDER_8)
    assert any(
        p.startswith("R3")
        for p in violations(young, [Seen("kindertelefoon", (True,), "x")], [], catalogue, False)
    )
    sad = Answers(Danger.NO, frozenset({Topic.SAD}), AgeGroup.AGE_12_15)
    night = [Seen("kindertelefoon", (False, False), "x"), Seen("veilig_thuis", (True,), "x")]
    found = violations(sad, night, [], catalogue, False)
    assert any(p.startswith("R11") for p in found)
    closed = [Seen("kindertelefoon", (False, False), "x")]
    assert any(p.startswith("R13") for p in violations(sad, closed, [], catalogue, False))
    unknown = [Seen("school_confidant", (None,), "x")]
    assert not [
        p for p in violations(sad, unknown, ["ask_first"], catalogue, False) if p.startswith("R13")
    ]
    nine = Answers(Danger.NO, frozenset({Topic.DIVORCE}), AgeGroup.AGE_8_11)
    flipped = [Seen("villa_pinedo", (None,), "x"), Seen("kindertelefoon", (True,), "x")]
    assert any(p.startswith("R6") for p in violations(nine, flipped, [], catalogue, False))
