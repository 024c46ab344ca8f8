"""The counts in the real server process with two workers (design.md section 11): N journeys at
once give exactly N after a clean stop, in one file per instance, with nothing else in it."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from app.stats import read_totals
from tests.server.test_server import start_healthy, stop

JOURNEYS = 60
ANSWERS = {"danger": "no", "topics": "bullying", "age": "8_11", "contact": "chat", "goal": "listen"}


def _journey(base: str) -> int:
    with httpx.Client(base_url=base, timeout=20) as client:
        assert client.get("/nl/stap").status_code == 200
        return client.post("/nl/stap", data={**ANSWERS, "step": "goal"}).status_code


def test_n_journeys_on_two_workers_give_exactly_n(tmp_path: Path) -> None:
    env = {"WHM_DATA_DIR": str(tmp_path), "WORKERS": "2", "WHM_INSTANCE": "ci"}
    process, base = start_healthy(env)
    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(_journey, [base] * JOURNEYS))
    output = stop(process)  # SIGTERM: each worker writes what it holds, then exits
    assert statuses == [200] * JOURNEYS
    assert output.count("Finished server process") == 2, output  # both workers stopped cleanly
    assert [p.name for p in tmp_path.iterdir()] == ["counts-ci.db"]
    totals = read_totals(tmp_path)
    by_name = {name: n for (_day, name), n in totals.items()}
    assert by_name["journey_started"] == JOURNEYS
    assert by_name["results_shown"] == JOURNEYS
    assert sum(n for name, n in by_name.items() if name.startswith("first_option:")) == JOURNEYS
    with sqlite3.connect(tmp_path / "counts-ci.db") as db:
        columns = [r[1] for r in db.execute("PRAGMA table_info(counts)")]
    assert columns == ["day", "name", "count"]
