"""Opening hours: several slots, midnight, overnight slots, exceptions, daylight saving time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.domain.hours import AMSTERDAM, OpeningHours, Slot

EVERY_DAY = (Slot.parse("15:00-17:00"), Slot.parse("19:00-22:00"))


def hours(*slots: str, exceptions: dict[date, tuple[Slot, ...]] | None = None) -> OpeningHours:
    day = tuple(Slot.parse(s) for s in slots)
    return OpeningHours(tuple(day for _ in range(7)), exceptions or {})


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMSTERDAM)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("9:00-17:00", "not a time slot"),
        ("09:00-25:00", "not a time slot"),
        ("09:60-10:00", "not a time slot"),
        ("24:00-01:00", "cannot start at 24:00"),
        ("10:00-10:00", "the same"),
        ("nine to five", "not a time slot"),
    ],
)
def test_bad_slots_are_refused_with_a_readable_message(text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        Slot.parse(text)


def test_several_slots_a_day() -> None:
    h = hours("15:00-17:00", "19:00-22:00")
    assert h.is_open(at("2026-11-25T15:00"))
    assert not h.is_open(at("2026-11-25T17:00"))  # the end is exclusive
    assert not h.is_open(at("2026-11-25T18:30"))
    assert h.next_opening(at("2026-11-25T18:30")) == at("2026-11-25T19:00")
    assert h.is_open(at("2026-11-25T21:59"))
    assert h.next_opening(at("2026-11-25T22:00")) == at("2026-11-26T15:00")


def test_whole_day_and_midnight() -> None:
    h = hours("00:00-24:00")
    assert h.always
    assert h.is_open(at("2026-11-25T00:00"))
    assert h.is_open(at("2026-11-25T23:59"))


def test_overnight_slot_belongs_to_the_day_it_starts() -> None:
    weekly = tuple((Slot.parse("22:00-02:00"),) if d == 4 else () for d in range(7))  # Friday night
    h = OpeningHours(weekly)
    assert h.is_open(at("2026-11-27T23:30"))  # Friday
    assert h.is_open(at("2026-11-28T01:59"))  # Saturday, after midnight
    assert not h.is_open(at("2026-11-28T02:00"))
    assert not h.is_open(at("2026-11-27T01:00"))  # Friday early morning: Thursday had no slot
    assert h.next_opening(at("2026-11-28T03:00")) == at("2026-12-04T22:00")


def test_dated_exception_closes_a_day() -> None:
    christmas = date(2026, 12, 25)
    h = hours("09:00-17:00", exceptions={christmas: ()})
    assert not h.is_open(at("2026-12-25T10:00"))
    assert h.next_opening(at("2026-12-25T10:00")) == at("2026-12-26T09:00")
    assert not h.always


def test_dated_exception_with_other_hours() -> None:
    h = hours("09:00-17:00", exceptions={date(2026, 12, 24): (Slot.parse("09:00-12:00"),)})
    assert not h.is_open(at("2026-12-24T13:00"))
    assert h.is_open(at("2026-12-23T13:00"))


def test_summer_time_starts() -> None:
    # 29 March 2026: clocks go from 02:00 to 03:00 in Amsterdam.
    h = hours("02:30-04:00")
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 CET
    opening = h.next_opening(before)
    assert opening is not None
    assert opening.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST
    assert h.is_open(datetime(2026, 3, 29, 1, 30, tzinfo=UTC))  # 03:30 CEST


def test_winter_time_starts() -> None:
    # 25 October 2026: clocks go from 03:00 back to 02:00; 11:00-21:00 is still 11:00-21:00 local.
    h = hours("11:00-21:00")
    assert h.is_open(datetime(2026, 10, 25, 10, 0, tzinfo=UTC))  # 11:00 CET
    assert not h.is_open(datetime(2026, 10, 25, 9, 30, tzinfo=UTC))  # 10:30 CET
    assert h.is_open(datetime(2026, 10, 24, 9, 30, tzinfo=UTC))  # 11:30 CEST the day before


def test_times_without_a_zone_are_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        hours("09:00-17:00").is_open(datetime(2026, 11, 25, 10, 0))


def test_no_opening_within_two_weeks() -> None:
    assert OpeningHours(tuple(() for _ in range(7))).next_opening(at("2026-11-25T10:00")) is None
