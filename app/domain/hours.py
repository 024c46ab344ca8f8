"""Opening hours: weekly slots, dated exceptions, one IANA time zone (DST included).

A slot is [start, end) in minutes after local midnight. A slot whose end is not after its start
runs past midnight into the next day ("22:00-02:00"); "00:00-24:00" is the whole day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DAY = 24 * 60
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True, order=True)
class Slot:
    start: int  # minutes after midnight, 0..1439
    end: int  # minutes after midnight, 1..1440; <= start means "until the next day"

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    @classmethod
    def parse(cls, text: str) -> Slot:
        """'HH:MM-HH:MM' -> Slot. Raises ValueError with a readable message."""
        try:
            start_text, end_text = (part.strip() for part in text.split("-"))
            start, end = _minutes(start_text), _minutes(end_text)
        except ValueError:
            raise ValueError(f"'{text}' is not a time slot like '09:00-17:00'") from None
        if start == DAY:
            raise ValueError(f"'{text}': a slot cannot start at 24:00")
        if start == end:
            raise ValueError(f"'{text}': start and end are the same; use 00:00-24:00 for all day")
        return cls(start, end)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    if len(hours) != 2 or len(minutes) != 2:
        raise ValueError(text)
    value = int(hours) * 60 + int(minutes)
    if not (0 <= int(minutes) < 60 and 0 <= value <= DAY):
        raise ValueError(text)
    return value


@dataclass(frozen=True)
class OpeningHours:
    weekly: tuple[tuple[Slot, ...], ...]  # seven entries, Monday first
    exceptions: Mapping[date, tuple[Slot, ...]] = field(default_factory=dict)
    tz: ZoneInfo = AMSTERDAM

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError("weekly needs seven days")

    @property
    def always(self) -> bool:
        """Open day and night, every day, with no exceptions."""
        return not self.exceptions and all(
            any(s.start == 0 and s.end == DAY for s in day) for day in self.weekly
        )

    def slots_on(self, day: date) -> tuple[Slot, ...]:
        if day in self.exceptions:
            return self.exceptions[day]
        return self.weekly[day.weekday()]

    def is_open(self, at: datetime) -> bool:
        local = _local(at, self.tz)
        minute = local.hour * 60 + local.minute
        today = local.date()
        for slot in self.slots_on(today):
            if slot.start <= minute < (DAY if slot.overnight else slot.end):
                return True
        return any(
            slot.overnight and minute < slot.end for slot in self.slots_on(today - timedelta(1))
        )

    def next_opening(self, at: datetime) -> datetime | None:
        """The first moment after `at` at which a slot starts (None if none within two weeks)."""
        local = _local(at, self.tz)
        minute = local.hour * 60 + local.minute
        for offset in range(LOOKAHEAD_DAYS + 1):
            day = local.date() + timedelta(offset)
            for slot in sorted(self.slots_on(day)):
                if offset == 0 and slot.start <= minute:
                    continue  # started already today (a start in the DST gap moves later, not past)
                start = wall_time(day, slot.start, self.tz)
                if start > local:
                    return start
        return None


def wall_time(day: date, minute: int, tz: ZoneInfo) -> datetime:
    """The real moment of a local wall-clock time.

    A time inside the spring DST gap does not exist: the slot then starts when the gap ends (the
    first moment whose wall clock is past it), which is also when is_open() first says True.
    """
    naive = datetime.combine(day, time(minute // 60, minute % 60))
    moment = naive.replace(tzinfo=tz)
    if moment.utcoffset() == moment.replace(fold=1).utcoffset():
        return moment  # neither in the spring gap nor in the autumn fold: the common case
    if moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive:
        return moment
    candidate = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)  # the earlier reading
    while candidate.astimezone(tz).replace(tzinfo=None) < naive:
        candidate += timedelta(minutes=1)
    return candidate.astimezone(tz)


def _local(at: datetime, tz: ZoneInfo) -> datetime:
    if at.tzinfo is None:
        raise ValueError("moments must carry a time zone")
    return at.astimezone(tz)
