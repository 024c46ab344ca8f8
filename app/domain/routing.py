"""The routing table (design.md section 10): what recommend() gives for every topic x age group x
goal (contact `any`, danger `no`) at given moments. Generated, never written by hand: the adults'
page /{lang}/volwassenen/routering and `python -m app routes` both print it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import product

from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from app.domain.catalogue import Catalogue
from app.domain.hours import AMSTERDAM
from app.domain.recommend import Recommendation, recommend

WEDNESDAY, SUNDAY = 2, 6


@dataclass(frozen=True)
class Row:
    topic: Topic
    age: AgeGroup
    goal: Goal
    at: datetime
    recommendation: Recommendation

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(option.service for option in self.recommendation.options)

    @property
    def notices(self) -> tuple[str, ...]:
        return tuple(notice.id.value for notice in self.recommendation.notices)


def week_moments(now: datetime) -> tuple[datetime, datetime]:
    """Wednesday 15:00 and Sunday 03:00 of the week (Monday to Sunday) that holds `now`, in
    Amsterdam: a school afternoon, and the middle of a weekend night."""
    today = now.astimezone(AMSTERDAM).date()
    monday = today - timedelta(days=today.weekday())
    return (
        datetime.combine(monday + timedelta(days=WEDNESDAY), time(15, 0), AMSTERDAM),
        datetime.combine(monday + timedelta(days=SUNDAY), time(3, 0), AMSTERDAM),
    )


def routing_table(catalogue: Catalogue, moments: Iterable[datetime]) -> list[Row]:
    """One row per topic x age group x goal x moment, in that order (contact any, danger no)."""
    rows = []
    for topic, age, goal in product(Topic, AgeGroup, Goal):
        answers = Answers(Danger.NO, frozenset({topic}), age, Contact.ANY, goal)
        for at in moments:
            rows.append(Row(topic, age, goal, at, recommend(answers, catalogue, at)))
    return rows


COLUMNS = ("topic", "age", "goal", "at", "options", "notices", "call_112_first")


def _cells(row: Row) -> tuple[str, ...]:
    return (
        row.topic.value,
        row.age.value,
        row.goal.value,
        row.at.isoformat(),
        " ".join(row.options),
        " ".join(row.notices),
        "yes" if row.recommendation.call_112_first else "no",
    )


def as_csv(rows: Iterable[Row]) -> str:
    """The table as CSV (RFC 4180); options and notices are ids, best first, space-separated."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return out.getvalue()


def as_markdown(rows: Iterable[Row]) -> str:
    """The table as Markdown, one line per row (ids, as in the API)."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"
