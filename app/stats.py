"""Anonymous daily counts (design.md section 11). This module is the only writer.

One table, `counts(day, name, count)`, in `counts-<instance>.db` in the data folder: `day` is the
date in Amsterdam (for a school, the first day of its month), `name` one of the names below.
Nothing else is kept: no time of day, no request id, no combination of answers.

Counting costs a request nothing on disk: `add()` raises a number in memory; `Counts.run()` (the
app's lifespan) writes the numbers every few seconds, and once more on a clean shutdown. Each
write is one transaction that adds to what is there, so workers that share a file (one instance)
stay exact, and instances that keep their own file are summed by every reader.

Fail-open: when the database is missing, locked, read-only, full or not SQLite at all, the numbers
stay in memory and are written once it is back; a child's page never changes. The log says so once
(and once when counting resumes), with no request data.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import sqlite_utils
from anyio import to_thread

from app.domain.hours import AMSTERDAM

log = logging.getLogger("app.stats")

JOURNEY_STARTED = "journey_started"
RESULTS_SHOWN = "results_shown"
EMERGENCY_SHOWN = "emergency_shown"
QUICK_EXIT = "quick_exit"
KNOWS_WHERE = ("knows_where:yes", "knows_where:no")
FIRST_OPTION, NOTICE, SCHOOL = "first_option:", "notice:", "school:"  # + a service, notice, school

FLUSH_SECONDS = 5.0
KEEP_MONTHS = 24
BUSY_MS = 2000  # how long a write waits for another worker's transaction
SCHEMA = {"day": str, "name": str, "count": int}


def allowed_names(
    services: Iterable[str], notices: Iterable[str], schools: Iterable[str]
) -> frozenset[str]:
    """Every name that may be counted (design.md section 11), and no other."""
    return frozenset(
        [JOURNEY_STARTED, RESULTS_SHOWN, EMERGENCY_SHOWN, QUICK_EXIT, *KNOWS_WHERE]
        + [FIRST_OPTION + s for s in services]
        + [NOTICE + n for n in notices]
        + [SCHOOL + code for code in schools]
    )


def day_of(name: str, now: datetime) -> str:
    """The `day` a count is kept under: the Amsterdam date, or its month's first day for a school
    (a daily school row next to other daily rows could point at one pupil)."""
    today = now.astimezone(AMSTERDAM).date()
    return (today.replace(day=1) if name.startswith(SCHOOL) else today).isoformat()


def cutoff(today: date) -> str:
    """The first day that is kept: rows before the month 24 months back are deleted."""
    months = today.year * 12 + today.month - 1 - KEEP_MONTHS
    return date(months // 12, months % 12 + 1, 1).isoformat()


class Counts:
    """The counts of one process: kept in memory, written in batches to `path`."""

    def __init__(
        self, data_dir: Path, instance: str, allowed: frozenset[str], enabled: bool = True
    ) -> None:
        self.path = data_dir / f"counts-{instance}.db"
        self.allowed = allowed
        self.enabled = enabled
        self._pending: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()  # add() runs on the event loop; a flush may be a thread
        self._failing = False

    def add(self, name: str, now: datetime) -> None:
        """Count one event now: in memory only (no disk, no lock, no await)."""
        if not self.enabled:
            return
        if name not in self.allowed:
            raise ValueError(f"not a counted name: {name!r}")
        key = (day_of(name, now), name)
        with self._lock:
            self._pending[key] += 1

    @property
    def pending(self) -> int:
        return sum(self._pending.values())

    def flush(self, today: date | None = None) -> bool:
        """Write what is pending (blocking). False when the database failed: the numbers are kept
        for the next flush."""
        batch = self._take()
        return not batch or self._put_back(batch, self._write(batch, today or _today()))

    async def flush_async(self) -> bool:
        """As flush(), with the disk work in a worker thread."""
        batch = self._take()
        if not batch:
            return True
        return self._put_back(batch, await to_thread.run_sync(self._write, batch, _today()))

    def _take(self) -> Counter[tuple[str, str]]:
        with self._lock:
            batch, self._pending = self._pending, Counter()
        return batch

    def _put_back(self, batch: Counter[tuple[str, str]], written: bool) -> bool:
        if not written:
            with self._lock:
                self._pending.update(batch)  # nothing lost: written with the next batch
        return written

    async def run(self, interval: float = FLUSH_SECONDS) -> None:
        """Write every `interval` seconds until cancelled; then write what is left."""
        try:
            while True:
                await asyncio.sleep(interval)
                await self.flush_async()
        finally:
            self.flush()  # the clean shutdown: cancelled by the lifespan's end

    def _write(self, batch: Mapping[tuple[str, str], int], today: date) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
            try:
                # One transaction for the table, the batch and the clean-up: BEGIN IMMEDIATE waits
                # (up to the busy timeout) for another worker's write, and sqlite-utils' statements
                # join the open transaction instead of committing on their own.
                connection.execute("BEGIN IMMEDIATE")
                try:
                    db = sqlite_utils.Database(connection)
                    db.table("counts").create(SCHEMA, pk=("day", "name"), if_not_exists=True)
                    connection.executemany(
                        "INSERT INTO counts (day, name, count) VALUES (?, ?, ?) "
                        "ON CONFLICT (day, name) DO UPDATE SET count = count + excluded.count",
                        [(day, name, n) for (day, name), n in batch.items()],
                    )
                    connection.execute("DELETE FROM counts WHERE day < ?", (cutoff(today),))
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            finally:
                connection.close()
        except (sqlite3.Error, OSError) as exc:
            if not self._failing:
                self._failing = True
                # The kind of failure only: never a path a request chose, never request data.
                log.warning(
                    "counting paused: the counts database cannot be written (%s)",
                    type(exc).__name__,
                )
            return False
        if self._failing:
            self._failing = False
            log.warning("counting resumed: the counts database is written again")
        return True


def _today() -> date:
    return datetime.now(AMSTERDAM).date()


def read_totals(*data_dirs: Path) -> dict[tuple[str, str], int]:
    """(day, name) -> count, summed over every counts*.db in the data folder(s): replicas that
    each keep their own volume are summed by naming all their folders. A file that cannot be read
    is left out (and logged), so a reader never fails."""
    totals: Counter[tuple[str, str]] = Counter()
    paths = {path.resolve() for folder in data_dirs for path in folder.glob("counts*.db")}
    for path in sorted(paths):
        try:
            connection = sqlite3.connect(
                f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000
            )
            try:
                db = sqlite_utils.Database(connection)
                if "counts" in db.table_names():
                    for row in db.query("SELECT day, name, count FROM counts"):
                        totals[(row["day"], row["name"])] += row["count"]
            finally:
                connection.close()
        except sqlite3.Error as exc:
            log.warning("a counts file cannot be read and is left out (%s)", type(exc).__name__)
    return dict(totals)


@dataclass(frozen=True)
class Figure:
    month: str  # "2026-11"
    name: str
    count: int | None  # None: suppressed (below 10, or it would give a suppressed one away)

    def shown(self) -> str:
        return "< 10" if self.count is None else str(self.count)


SMALLEST = 10
# A total and the parts it is the sum of: every results page has exactly one first option.
GROUPS = {RESULTS_SHOWN: FIRST_OPTION}


def published(totals: Mapping[tuple[str, str], int], today: date) -> list[Figure]:
    """Totals per closed month (never the running one), figures below 10 suppressed, and a
    second figure suppressed where a total minus its parts would give a suppressed one away."""
    month_now = today.isoformat()[:7]
    by_month: Counter[tuple[str, str]] = Counter()
    for (day, name), count in totals.items():
        if day[:7] < month_now:
            by_month[(day[:7], name)] += count
    shown = {key: (count if count >= SMALLEST else None) for key, count in by_month.items()}
    for month in {month for month, _ in by_month}:
        for total, prefix in GROUPS.items():
            parts = sorted(k for k in by_month if k[0] == month and k[1].startswith(prefix))
            group = [(month, total), *parts]
            hidden = [k for k in group if k in shown and shown[k] is None]
            if len(hidden) == 1:
                # One hidden figure in a group can be worked out from the others: hide the
                # smallest other part too (or the total, when there is no other part).
                others = sorted((by_month[k], k) for k in group[1:] if shown.get(k) is not None)
                if others:
                    shown[others[0][1]] = None
                elif shown.get((month, total)) is not None:
                    shown[(month, total)] = None
    return [Figure(month, name, shown[(month, name)]) for month, name in sorted(shown)]


def published_csv(totals: Mapping[tuple[str, str], int], today: date) -> str:
    """The published figures as CSV (RFC 4180): month,name,count ("< 10" when suppressed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("month", "name", "count"))
    writer.writerows((f.month, f.name, f.shown()) for f in published(totals, today))
    return out.getvalue()
