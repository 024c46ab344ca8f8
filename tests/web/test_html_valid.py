"""Valid HTML: the Nu Html Checker (vnu.jar, from the npm registry) finds no error on any page.

Every page kind, in Dutch and in Arabic (right to left), as a full document: the start, the
questions, the results with notices, the emergency page, all help, the tips, about, the offline
card and the friendly errors. htmx attributes are written data-hx-* (security.md B) because the
checker rejects hx-*. Java comes from Debian's packages (`make java`), vnu.jar from
package.json (`make build`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.web.app import fastapi_of
from tests.conftest import ROOT, CheckingClient
from tests.web.test_counting import seed_counts

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
RESULTS = {
    "danger": "no",
    "topics": ["touch", "friend"],
    "age": "under_8",
    "contact": "face_to_face",
    "goal": "",
}


def pages(client: CheckingClient, lang: str) -> dict[str, str]:
    found = {
        name: client.get(f"/{lang}/{path}").text
        for name, path in {
            "start": "",
            "first question": "stap",
            "all help": "overzicht",
            "tips": "tips",
            "about": "over",
            "offline card": "offline",
            "school": "school/de-regenboog",
            "for adults": "volwassenen",
            "routing table": "volwassenen/routering",
            "sources": "volwassenen/bronnen",
            "posters": "volwassenen/posters",
            "link kit": "volwassenen/link",
            "accessibility": "volwassenen/toegankelijkheid",
            "figures": "cijfers",
        }.items()
    }
    found["thanks"] = client.post(
        f"/{lang}/feedback", data={**RESULTS, "step": "results", "knows_where": "yes"}
    ).text
    trial = {"topics": ["sad", "touch"], "age": "8_11", "at": "2027-01-01T03:00"}
    found["routing trial"] = client.post(f"/{lang}/volwassenen/routering", data=trial).text
    found["school results"] = client.post(
        f"/{lang}/stap", data={**RESULTS, "school": "het-duin-college"}
    ).text
    found["topics question"] = client.post(f"/{lang}/stap", data={"danger": "no"}).text
    found["results with notices"] = client.post(f"/{lang}/stap", data=RESULTS).text
    found["emergency"] = client.post(f"/{lang}/stap", data={"danger": "yes"}).text
    missing = client.get(f"/{lang}/niet-hier")
    assert missing.status_code == 404
    found["404"] = missing.text
    invalid = client.post(f"/{lang}/stap", data={"age": "99"})
    assert invalid.status_code == 422
    found["422"] = invalid.text
    return found


def test_every_page_kind_is_valid_html(sample_client: CheckingClient, tmp_path: Path) -> None:
    """In the sample region, which has schools; otherwise every page is the same. With counts of
    closed months, so that /cijfers draws its chart."""
    client = sample_client
    seed_counts(fastapi_of(client.app).state.site.settings.data_dir)
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make java` (Debian's default-jre-headless)")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run `make build` (npm ci installs vnu-jar)")
    files = {}
    for lang in ("nl", "ar"):
        for name, html in pages(client, lang).items():
            assert html.lower().startswith("<!doctype html>"), (lang, name)
            path = tmp_path / f"{lang}-{name.replace(' ', '-')}.html"
            path.write_text(html, encoding="utf-8")
            files[str(path)] = f"{lang} {name}"
    assert len(files) == 44
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
    assert result.returncode == 0, result.stderr[:2000]
