"""security.md §D: nothing a visitor sends stays on the server - tested, not promised.

The real server process is started the way `make run` starts it (`make serve`), with the
test-only app that adds a route failing on purpose (tests/support/serverapp.py). Sentinel values go
in as user agents, forwarded addresses, cookies, referrers, paths, query strings and answers -
valid and invalid - through every route, the errors included. Then the server is stopped and no
sentinel may appear in what it printed or in any file it wrote.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.content.loader import load_content
from app.domain.answers import AgeGroup, Contact, Goal, Topic
from app.domain.notices import NoticeId
from app.stats import allowed_names, read_totals
from tests.conftest import ROOT
from tests.server.test_server import start, stop
from tests.support.serverapp import BOOM_PATH

SENTINEL = f"SENTINEL{secrets.token_hex(6)}"
FORWARDED_FOR = "203.0.113.77"  # TEST-NET-3: never a real visitor
# Answer ids that no log line would contain by accident (short words like "no" might).
DISTINCT_ANSWERS = [
    *(t.value for t in Topic if len(t.value) > 4),
    *(a.value for a in AgeGroup),
    Contact.FACE_TO_FACE.value,
    Goal.CHANGE.value,
]


def _files_changed_since(roots: list[Path], since: float) -> Iterator[Path]:
    for root in roots:
        for path in root.rglob("*"):
            if ".git" in path.parts or not path.is_file():
                continue
            try:
                if path.stat().st_mtime >= since:
                    yield path
            except FileNotFoundError:  # a file that came and went
                continue


@pytest.fixture(scope="module")
def sentinel_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    data_dir = tmp_path_factory.mktemp("data")
    tmp_dir = tmp_path_factory.mktemp("tmp")
    began = time.time() - 1  # mtime granularity
    process, base = start(
        {
            "APP": "tests.support.serverapp:app",
            "WHM_DATA_DIR": str(data_dir),
            "TMPDIR": str(tmp_dir),
        }
    )
    headers = {
        "User-Agent": f"{SENTINEL}-UA",
        "X-Forwarded-For": FORWARDED_FOR,
        "X-Real-IP": FORWARDED_FOR,
        "Forwarded": f"for={FORWARDED_FOR};proto=https",
        "Referer": f"https://example.org/{SENTINEL}-referer",
        "Cookie": f"id={SENTINEL}-cookie",
        "Accept-Language": "nl",
    }
    statuses: dict[str, int] = {}
    with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
        deadline = time.monotonic() + 15
        while True:
            try:
                client.get("/healthz")
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {stop(process)}")
                time.sleep(0.1)
        static = client.get("/nl/").text.split('href="/static/', 1)[1].split('"', 1)[0]
        q = f"?q={SENTINEL}-query"
        gets = [
            "/", "/nl", "/nl/", "/nl/stap", "/nl/overzicht", "/nl/tips", "/nl/over", "/uit",
            "/healthz", "/openapi.json", "/api/v1/services", "/.well-known/security.txt",
            f"/static/{static}", f"/static/{SENTINEL}.css", f"/{SENTINEL}", f"/nl/{SENTINEL}",
            f"/{SENTINEL}/", BOOM_PATH, "/nl/volwassenen", "/nl/volwassenen/routering",
            "/nl/volwassenen/bronnen", "/nl/cijfers", "/api/v1/stats.csv",
            "/api/v1/services.csv", f"/nl/school/{SENTINEL}",
        ]  # fmt: skip
        for path in gets:
            statuses[f"GET {path}"] = client.get(path + q).status_code
            htmx = client.get(path, headers={"HX-Request": "true"})
            statuses[f"GET {path} htmx"] = htmx.status_code
        answers = {"danger": "no", "topics": ["home_fights", "touch", "divorce", "bullying"],
                   "age": "12_15", "contact": "face_to_face", "goal": "change"}  # fmt: skip
        for danger in ("yes", "no", "unsure"):
            form = {**answers, "danger": danger}
            statuses[f"POST form {danger}"] = client.post("/nl/stap", data=form).status_code
            statuses[f"POST api {danger}"] = client.post(
                "/api/v1/recommendations", json={**answers, "danger": danger}
            ).status_code
        bad_forms = [
            {"danger": SENTINEL},
            {"danger": "no", "topics": [SENTINEL, "home_fights"]},
            {"danger": "no", "age": SENTINEL},
            {"step": SENTINEL, "nav": SENTINEL},
            {SENTINEL: SENTINEL},
        ]
        for i, form in enumerate(bad_forms):
            statuses[f"POST bad form {i}"] = client.post("/nl/stap", data=form).status_code
            statuses[f"POST bad form {i} htmx"] = client.post(
                "/nl/stap", data=form, headers={"HX-Request": "true"}
            ).status_code
            statuses[f"POST bad api {i}"] = client.post(
                "/api/v1/recommendations", json=form
            ).status_code
        statuses["POST bad json"] = client.post(
            "/api/v1/recommendations",
            content=f'{{"danger": "{SENTINEL}"'.encode(),
            headers={"Content-Type": "application/json"},
        ).status_code
        statuses["POST api at"] = client.post(
            "/api/v1/recommendations", json={"at": SENTINEL}
        ).status_code
        statuses["POST feedback"] = client.post(
            "/nl/feedback", data={**answers, "step": "results", "knows_where": "yes"}
        ).status_code
        statuses["POST bad feedback"] = client.post(
            "/nl/feedback", data={"knows_where": SENTINEL, "school": SENTINEL}
        ).status_code
        statuses["POST school"] = client.post("/nl/stap", data={"school": SENTINEL}).status_code
        statuses["POST trial"] = client.post(
            "/nl/volwassenen/routering", data={"at": SENTINEL, "topics": SENTINEL}
        ).status_code
        statuses["DELETE"] = client.delete(f"/nl/stap{q}").status_code
        statuses["POST huge"] = client.post(
            "/nl/stap", content=(SENTINEL * 20000).encode()
        ).status_code
    output = stop(process)
    yield {
        "output": output,
        "statuses": statuses,
        "files": list(_files_changed_since([ROOT, data_dir, tmp_dir], began)),
        "data_dir": data_dir,
    }


def test_every_path_was_exercised(sentinel_run: dict[str, object]) -> None:
    statuses = sentinel_run["statuses"]
    assert isinstance(statuses, dict)
    assert statuses[f"GET {BOOM_PATH}"] == 500
    assert statuses["GET /nl/"] == 200 and statuses["GET /uit"] == 303
    assert statuses[f"GET /{SENTINEL}"] == 404
    assert statuses["POST form no"] == 200 and statuses["POST api no"] == 200
    assert statuses["POST bad form 0"] == 422 and statuses["POST bad api 0"] == 422
    assert statuses["POST bad json"] == 422 and statuses["DELETE"] == 405
    assert statuses["POST feedback"] == 200 and statuses["POST bad feedback"] == 422
    assert statuses["POST school"] == 422 and statuses["POST trial"] == 422


def test_output_is_captured(sentinel_run: dict[str, object]) -> None:
    """The check below could pass by reading nothing: prove the server's output is here."""
    output = str(sentinel_run["output"])
    assert "Uvicorn running on" in output
    assert "unhandled BoomError" in output  # the forced 500 is logged, by type and place only


def test_no_sentinel_in_the_output(sentinel_run: dict[str, object]) -> None:
    output = str(sentinel_run["output"])
    for secret in (SENTINEL, FORWARDED_FOR, *DISTINCT_ANSWERS):
        assert secret not in output, f"{secret!r} in the server output:\n{output}"


def test_no_sentinel_in_any_file_written(sentinel_run: dict[str, object]) -> None:
    files = sentinel_run["files"]
    assert isinstance(files, list)
    for path in files:
        data = path.read_bytes()
        for secret in (SENTINEL, FORWARDED_FOR):
            assert secret.encode() not in data, f"{secret!r} in {path}"
    data_dir = sentinel_run["data_dir"]
    assert isinstance(data_dir, Path)
    written = sorted(p.name for p in data_dir.iterdir())
    assert len(written) == 1 and written[0].startswith("counts-"), written  # the counts only
    names = {name for _day, name in read_totals(data_dir)}
    assert "knows_where:yes" in names and "journey_started" in names  # the check read something
    content = load_content(ROOT / "content", "wassenaar")
    allowed = allowed_names(content.services, (n.value for n in NoticeId), content.schools)
    assert names <= allowed


def test_the_app_never_reads_the_client_address() -> None:
    """uvicorn puts the address in the ASGI scope; no code of ours may look at it."""
    for path in (ROOT / "app").rglob("*.py"):
        source = path.read_text()
        for needle in (".client", '"client"', "'client'", "forwarded", "x-real-ip"):
            assert needle not in source.lower(), f"{needle} in {path}"
