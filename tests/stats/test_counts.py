"""app/stats.py (design.md section 11): only daily totals, the names of section 11 and no
others, written in batches, fail-open, and published per closed month with small figures
suppressed."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.domain.hours import AMSTERDAM
from app.stats import Counts, Figure, allowed_names, cutoff, published, published_csv, read_totals

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM)
NAMES = allowed_names(["kindertelefoon", "veilig_thuis", "chris"], ["not_now"], ["de-regenboog"])


def counts(data_dir: Path, instance: str = "test") -> Counts:
    return Counts(data_dir, instance, NAMES)


def rows(path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT day, name, count FROM counts"))


def test_the_schema_is_exactly_day_name_count(tmp_path: Path) -> None:
    c = counts(tmp_path)
    c.add("journey_started", NOW)
    assert c.flush()
    with sqlite3.connect(c.path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        columns = [(r[1], r[2], r[5]) for r in db.execute("PRAGMA table_info(counts)")]
    assert tables == ["counts"]
    assert columns == [("day", "TEXT", 1), ("name", "TEXT", 2), ("count", "INTEGER", 0)]


def test_only_the_names_of_section_11_are_counted(tmp_path: Path) -> None:
    c = counts(tmp_path)
    for name in ("topics:sad", "age:8_11", "journey_started:1", "first_option:onbekend", ""):
        with pytest.raises(ValueError, match="not a counted name"):
            c.add(name, NOW)
    assert c.pending == 0


def test_a_day_is_the_amsterdam_date_and_a_school_only_its_month(tmp_path: Path) -> None:
    c = counts(tmp_path)
    late = datetime(2026, 11, 25, 23, 30, tzinfo=AMSTERDAM)
    c.add("results_shown", late)
    c.add("results_shown", late.astimezone(UTC))  # 22:30 UTC: still the 25th in Amsterdam
    c.add("school:de-regenboog", late)
    assert c.flush(date(2026, 11, 25))
    assert rows(c.path) == [
        ("2026-11-01", "school:de-regenboog", 1),
        ("2026-11-25", "results_shown", 2),
    ]


def test_counting_costs_a_request_nothing_on_disk_until_a_flush(tmp_path: Path) -> None:
    c = counts(tmp_path)
    for _ in range(1000):
        c.add("journey_started", NOW)
    assert not c.path.exists() and c.pending == 1000
    assert c.flush()
    c.add("journey_started", NOW)
    assert c.flush()
    assert rows(c.path) == [("2026-11-25", "journey_started", 1001)]


def test_two_writers_sharing_one_file_stay_exact(tmp_path: Path) -> None:
    """Two workers of one instance: each flushes its own memory into the same file."""
    writers = [counts(tmp_path), counts(tmp_path)]
    for i in range(500):
        writers[i % 2].add("results_shown", NOW)

    def flush(c: Counts) -> None:
        assert c.flush()

    threads = [threading.Thread(target=flush, args=(c,)) for c in writers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert rows(writers[0].path) == [("2026-11-25", "results_shown", 500)]


def test_readers_sum_every_instances_file(tmp_path: Path) -> None:
    for instance, n in (("a", 3), ("b", 4)):
        c = counts(tmp_path, instance)
        for _ in range(n):
            c.add("quick_exit", NOW)
        assert c.flush()
    (tmp_path / "counts-empty.db").touch()  # an instance that never wrote
    assert read_totals(tmp_path) == {("2026-11-25", "quick_exit"): 7}


def test_rows_older_than_24_months_are_deleted(tmp_path: Path) -> None:
    assert cutoff(date(2026, 11, 25)) == "2024-11-01"
    c = counts(tmp_path)
    c.add("journey_started", datetime(2024, 10, 31, 12, tzinfo=AMSTERDAM))
    c.add("journey_started", datetime(2024, 11, 1, 12, tzinfo=AMSTERDAM))
    assert c.flush(date(2026, 11, 25))
    assert rows(c.path) == [("2024-11-01", "journey_started", 1)]


# -- fail-open: every fault keeps the numbers, logs one line, and counting resumes ------------


def _fails_then_resumes(
    c: Counts, caplog: pytest.LogCaptureFixture, repair: object, before: int = 0
) -> None:
    caplog.set_level(logging.WARNING, logger="app.stats")
    c.add("journey_started", NOW)
    assert not c.flush()
    c.add("journey_started", NOW)
    assert not c.flush()  # still failing: no second log line
    assert c.pending == 2
    paused = [r for r in caplog.records if "counting paused" in r.getMessage()]
    assert len(paused) == 1
    assert str(c.path) not in caplog.text and "journey_started" not in caplog.text
    repair()  # type: ignore[operator]
    assert c.flush()
    assert rows(c.path) == [("2026-11-25", "journey_started", before + 2)]
    assert "counting resumed" in caplog.text


def test_a_missing_folder_is_made(tmp_path: Path) -> None:
    c = counts(tmp_path / "not" / "yet")
    c.add("journey_started", NOW)
    assert c.flush() and rows(c.path) == [("2026-11-25", "journey_started", 1)]


def test_a_folder_that_cannot_be_made(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    c = counts(blocker)

    def repair() -> None:
        blocker.unlink()

    _fails_then_resumes(c, caplog, repair)


def test_a_file_that_is_not_sqlite(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    c = counts(tmp_path)
    c.path.write_bytes(b"this is not a database, it is a text file " * 100)

    def repair() -> None:
        c.path.unlink()

    _fails_then_resumes(c, caplog, repair)


def test_a_locked_database(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    c = counts(tmp_path)
    c.add("journey_started", NOW)
    assert c.flush()  # the file exists now, with 1
    holder = sqlite3.connect(c.path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds it longer than the busy timeout

    def repair() -> None:
        holder.execute("ROLLBACK")
        holder.close()

    _fails_then_resumes(c, caplog, repair, before=1)


def test_a_read_only_file() -> None:
    """A database file the server may not write. Root may write any file, so the check runs in a
    forked child that, when the tests run as root (CI does), first becomes the user nobody."""
    data = Path(tempfile.mkdtemp(prefix="counts-ro-"))  # not under pytest's root-only folder
    try:
        c = counts(data)
        c.add("journey_started", NOW)
        assert c.flush()
        os.chmod(c.path, 0o444)
        os.chmod(data, 0o755)
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into pytest
            result = {}
            try:
                if os.geteuid() == 0:
                    os.setgid(65534)
                    os.setuid(65534)
                lines: list[str] = []
                handler = logging.Handler()
                handler.emit = lambda record: lines.append(record.getMessage())  # type: ignore[method-assign]
                logging.getLogger("app.stats").addHandler(handler)
                child = counts(data)
                child.add("journey_started", NOW)
                child.add("journey_started", NOW)
                result = {"first": child.flush(), "second": child.flush(), "pending": child.pending,
                          "paused": sum("counting paused" in line for line in lines)}  # fmt: skip
            finally:
                os.write(write, json.dumps(result).encode())
                os._exit(0)
        os.close(write)
        with os.fdopen(read) as pipe:
            result = json.loads(pipe.read())
        os.waitpid(pid, 0)
        assert result == {"first": False, "second": False, "pending": 2, "paused": 1}
        assert rows(c.path) == [("2026-11-25", "journey_started", 1)]  # unchanged
    finally:
        shutil.rmtree(data)


# -- published: closed months, suppression -----------------------------------------------------


def test_only_closed_months_are_published() -> None:
    totals = {("2026-10-31", "quick_exit"): 12, ("2026-11-01", "quick_exit"): 50}
    assert published(totals, date(2026, 11, 25)) == [Figure("2026-10", "quick_exit", 12)]


def test_a_figure_below_10_is_suppressed_and_10_is_shown() -> None:
    totals = {("2026-10-03", "quick_exit"): 9, ("2026-10-04", "journey_started"): 10}
    shown = {f.name: f.shown() for f in published(totals, date(2026, 11, 1))}
    assert shown == {"quick_exit": "< 10", "journey_started": "10"}


def test_a_suppressed_part_cannot_be_worked_out_from_the_total() -> None:
    """results_shown is the sum of its first_option parts: one hidden part would be the total
    minus the others, so a second part is hidden too (the smallest other)."""
    totals = {
        ("2026-10-01", "results_shown"): 40,
        ("2026-10-01", "first_option:kindertelefoon"): 25,
        ("2026-10-01", "first_option:veilig_thuis"): 10,
        ("2026-10-01", "first_option:chris"): 5,
    }
    shown = {f.name: f.shown() for f in published(totals, date(2026, 11, 1))}
    assert shown == {
        "results_shown": "40",
        "first_option:kindertelefoon": "25",
        "first_option:veilig_thuis": "< 10",  # 10, hidden with the 5
        "first_option:chris": "< 10",
    }
    only = {("2026-10-01", "results_shown"): 12, ("2026-10-01", "first_option:chris"): 12}
    only[("2026-10-02", "first_option:chris")] = -5  # 7 in all: the only part, below 10
    shown = {f.name: f.shown() for f in published(only, date(2026, 11, 1))}
    assert shown == {"results_shown": "< 10", "first_option:chris": "< 10"}


def test_the_csv_has_month_name_count() -> None:
    totals = {("2026-10-03", "quick_exit"): 9, ("2026-10-04", "journey_started"): 10}
    assert published_csv(totals, date(2026, 11, 1)).splitlines() == [
        "month,name,count",
        "2026-10,journey_started,10",
        "2026-10,quick_exit,< 10",
    ]


def test_the_cli_sums_the_folders_it_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Replicas on their own volumes: `python -m app stats DIR...` sums them all."""
    from app.__main__ import main

    for replica in ("a", "b"):
        c = counts(tmp_path / replica, replica)
        for _ in range(6):
            c.add("journey_started", datetime(2026, 10, 5, 12, tzinfo=AMSTERDAM))
        assert c.flush()
    assert main(["stats", str(tmp_path / "a"), str(tmp_path / "b")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "month,name,count" and "2026-10,journey_started,12" in lines
    assert main(["stats", str(tmp_path / "a")]) == 0
    assert "2026-10,journey_started,< 10" in capsys.readouterr().out
    assert main(["stats", str(tmp_path / "nope")]) == 2
