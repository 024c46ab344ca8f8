"""The routing table (design.md section 10) is recommend() itself, for every topic x age x goal."""

from __future__ import annotations

import csv
import io
from datetime import datetime

from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.hours import AMSTERDAM
from app.domain.recommend import recommend
from app.domain.routing import COLUMNS, as_csv, as_markdown, routing_table, week_moments
from tests.conftest import WEDNESDAY_AFTERNOON


def test_the_moments_are_wednesday_afternoon_and_sunday_night_of_the_same_week() -> None:
    for now in (
        datetime(2026, 11, 23, 0, 0, tzinfo=AMSTERDAM),  # Monday
        WEDNESDAY_AFTERNOON,
        datetime(2026, 11, 29, 23, 59, tzinfo=AMSTERDAM),  # Sunday
    ):
        assert week_moments(now) == (
            datetime(2026, 11, 25, 15, 0, tzinfo=AMSTERDAM),
            datetime(2026, 11, 29, 3, 0, tzinfo=AMSTERDAM),
        )


def test_the_table_holds_every_topic_age_and_goal_at_each_moment(content: Content) -> None:
    moments = week_moments(WEDNESDAY_AFTERNOON)
    rows = routing_table(content.catalogue, moments)
    assert len(rows) == len(Topic) * len(AgeGroup) * len(Goal) * 2
    for row in rows:
        answers = Answers(Danger.NO, frozenset({row.topic}), row.age, Contact.ANY, row.goal)
        assert row.recommendation == recommend(answers, content.catalogue, row.at)


def test_the_table_shows_what_changes_at_night(content: Content) -> None:
    """A sad 12-year-old: De Kindertelefoon on Wednesday afternoon; on Sunday at 03:00 it is
    closed, so the not_now notice opens the page (R11, R13)."""
    wednesday, sunday = week_moments(WEDNESDAY_AFTERNOON)
    rows = {
        (r.topic, r.age, r.goal, r.at): r
        for r in routing_table(content.catalogue, (wednesday, sunday))
    }
    day = rows[(Topic.SAD, AgeGroup.AGE_12_15, Goal.LISTEN, wednesday)]
    night = rows[(Topic.SAD, AgeGroup.AGE_12_15, Goal.LISTEN, sunday)]
    assert day.options[0] == "kindertelefoon" and "not_now" not in day.notices
    assert night.notices[0] == "not_now"
    touch = rows[(Topic.TOUCH, AgeGroup.AGE_8_11, Goal.CHANGE, wednesday)]
    assert "sexual_violence" in touch.notices


def test_csv_and_markdown_carry_every_row(content: Content) -> None:
    rows = routing_table(content.catalogue, week_moments(WEDNESDAY_AFTERNOON))
    parsed = list(csv.reader(io.StringIO(as_csv(rows))))
    assert tuple(parsed[0]) == COLUMNS and len(parsed) == len(rows) + 1
    first = parsed[1]
    assert first[:3] == [rows[0].topic.value, rows[0].age.value, rows[0].goal.value]
    assert first[4].split() == list(rows[0].options)
    markdown = as_markdown(rows).splitlines()
    assert len(markdown) == len(rows) + 2 and markdown[0].startswith("| topic | age |")
