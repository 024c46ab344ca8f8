"""The form protocol over HTTP, without JavaScript (plain forms) and with htmx (fragments)."""

from __future__ import annotations

import logging
import random
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic, parse_answers
from app.domain.recommend import recommend
from app.web.app import fastapi_of
from tests.conftest import WEDNESDAY_AFTERNOON, CheckingClient
from tests.support.formdriver import heading, notices, services, submit, walk
from tests.support.rules import Seen, violations

ANSWERS_ALL = {
    "danger": "no",
    "topics": "home_fights",
    "age": "12_15",
    "contact": "chat",
    "goal": "listen",
}


def test_worked_example_of_the_design(client: CheckingClient) -> None:
    response = client.post(
        "/nl/stap",
        content="danger=no&topics=home_fights&age=8_11&contact=chat&goal=listen",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert services(response.text)[0] == "kindertelefoon"


def test_danger_yes_answers_with_the_emergency_page(client: CheckingClient) -> None:
    response = client.post("/nl/stap", data={"danger": "yes"})
    assert response.status_code == 200
    assert services(response.text)[0] == "emergency_112"
    assert "veilig_thuis" in services(response.text)
    assert heading(response.text) == "Bel nu 112"
    # and it still offers the other questions
    follow = submit(client, response.text, ("nav", "next"))
    assert heading(follow.text) == "Waar gaat het over?"


def test_the_112_strip_never_carries_data_service(client: CheckingClient) -> None:
    response = client.post("/nl/stap", data={"danger": "yes"})
    soup = BeautifulSoup(response.text, "html5lib")
    for link in soup.select('a[href="tel:112"]'):
        assert link.find_parent(attrs={"data-service": True}) in (
            None,
            soup.select_one('[data-service="emergency_112"]'),
        )
    assert soup.select_one(".top [data-service]") is None


def test_question_pages_carry_the_protocol(client: CheckingClient) -> None:
    page = client.get("/nl/stap")
    soup = BeautifulSoup(page.text, "html5lib")
    form = soup.find("form")
    assert form["method"] == "post" and form["action"] == "/nl/stap"
    assert {b["value"] for b in form.find_all("button", attrs={"name": "danger"})} == {
        "yes",
        "no",
        "unsure",
    }
    assert {b["value"] for b in form.find_all("button", attrs={"name": "nav"})} == {"skip", "back"}
    topics = submit(client, page.text, ("danger", "no"))
    soup = BeautifulSoup(topics.text, "html5lib")
    assert [i["value"] for i in soup.find_all("input", attrs={"name": "danger"})] == ["no"]
    assert {i["value"] for i in soup.find_all("input", attrs={"type": "checkbox"})} == {
        t.value for t in Topic
    }
    assert {b["value"] for b in soup.find_all("button", attrs={"name": "nav"})} == {
        "next",
        "skip",
        "back",
    }


def test_skip_sends_an_empty_value(client: CheckingClient) -> None:
    topics = submit(client, client.get("/nl/stap").text, ("danger", "no"))
    age = submit(client, topics.text, ("nav", "skip"), ticks=("sad",))  # ticks are ignored
    soup = BeautifulSoup(age.text, "html5lib")
    assert [i["value"] for i in soup.find_all("input", attrs={"name": "topics"})] == [""]
    assert heading(age.text) == "Hoe oud ben je?"


def test_back_shows_the_previous_question_with_its_choice(client: CheckingClient) -> None:
    topics = submit(client, client.get("/nl/stap").text, ("danger", "no"))
    age = submit(client, topics.text, ("nav", "next"), ticks=("sad", "bullying"))
    again = submit(client, age.text, ("nav", "back"))
    soup = BeautifulSoup(again.text, "html5lib")
    checked = {
        i["value"]
        for i in soup.find_all("input", attrs={"type": "checkbox"})
        if i.has_attr("checked")
    }
    assert checked == {"sad", "bullying"}
    assert heading(again.text) == "Waar gaat het over?"
    danger = submit(client, again.text, ("nav", "back"))
    assert (
        "chosen"
        in BeautifulSoup(danger.text, "html5lib").find("button", attrs={"value": "no"})["class"]
    )
    start = submit(client, danger.text, ("nav", "back"))
    assert heading(start.text) == "Wie helpt mij?"


def test_next_without_a_choice_asks_kindly_again(client: CheckingClient) -> None:
    topics = submit(client, client.get("/nl/stap").text, ("danger", "no"))
    again = submit(client, topics.text, ("nav", "next"))
    assert heading(again.text) == "Waar gaat het over?"
    assert "Kies iets. Of kies Sla over." in again.text


def test_back_from_results_changes_the_last_answer(client: CheckingClient) -> None:
    results = walk(
        client,
        {
            "danger": "no",
            "topics": ["divorce"],
            "age": "12_15",
            "contact": "chat",
            "goal": "listen",
        },
    )
    assert "villa_pinedo" in services(results.text)[:2]
    goal = submit(client, results.text, ("nav", "back"))
    assert heading(goal.text) == "Wat wil je het liefst?"


@pytest.mark.parametrize(
    "bad",
    ["age=99", "danger=maybe", "topics=cats", "danger=no&danger=yes", "nav=jump", "step=nowhere"],
)
def test_unknown_values_get_a_friendly_422(client: CheckingClient, bad: str) -> None:
    response = client.post(
        "/nl/stap", content=bad, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status_code == 422
    assert "Dat ging niet goed" in response.text
    assert "tel:112" in response.text


def test_htmx_gets_fragments_of_the_same_journey(htmx: CheckingClient) -> None:
    response = htmx.post(
        "/nl/stap",
        data={
            "danger": "no",
            "topics": "bullying",
            "age": "8_11",
            "contact": "call",
            "goal": "listen",
        },
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert services(response.text)[0] == "kindertelefoon"
    error = htmx.post("/nl/stap", data={"age": "99"})
    assert error.status_code == 422 and "<html" not in error.text


def _random_answers(rng: random.Random) -> dict[str, object]:
    def maybe(values: list[str]) -> str | None:
        return rng.choice([*values, None])

    topics = [t.value for t in Topic if rng.random() < 0.25]
    return {
        "danger": maybe([d.value for d in Danger]),
        "topics": topics,
        "age": maybe([a.value for a in AgeGroup]),
        "contact": maybe([c.value for c in Contact]),
        "goal": maybe([g.value for g in Goal]),
    }


def test_random_journeys_through_the_forms_follow_the_rules(
    client: CheckingClient, content: Content
) -> None:
    """Answers never seen before, clicked through the plain forms, give what recommend() gives."""
    rng = random.Random(20261124)
    for _ in range(40):
        chosen = _random_answers(rng)
        response = walk(client, chosen)
        given = {q: ((v,) if isinstance(v, str) else tuple(v or ())) for q, v in chosen.items()}
        answers: Answers = parse_answers(given)
        expected = recommend(answers, content.catalogue, WEDNESDAY_AFTERNOON)
        shown = services(response.text)
        assert shown == [o.service for o in expected.options], chosen
        seen = [
            Seen(o.service, tuple(c.open_now for c in o.channels), "shown")
            for o in expected.options
        ]
        ids = [n.id.value for n in expected.notices]
        assert ids == [n["id"] for n in notices(response.text)], chosen
        assert not violations(answers, seen, ids, content.catalogue, expected.call_112_first)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"danger=no&" + b"x" * 5000, "application/x-www-form-urlencoded"),  # too large
        (b"danger=\xff\xfe", "application/x-www-form-urlencoded"),  # not UTF-8
        (b'{"danger": "no"}', "application/json"),  # not a form
        (
            b"--b\r\nContent-Disposition: form-data; name=danger\r\n\r\nno\r\n--b--",
            "multipart/form-data; boundary=b",
        ),
    ],
    ids=["too-large", "not-utf8", "json", "multipart"],
)
def test_anything_but_our_small_form_is_a_friendly_422(
    client: CheckingClient, body: bytes, content_type: str
) -> None:
    response = client.post("/nl/stap", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 422
    assert 'href="tel:112"' in response.text


def test_an_error_while_answering_shows_the_friendly_500(
    client: CheckingClient, asgi_app: object, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    """POST /{lang}/stap is answered in front of FastAPI (middleware/shortcut.py): its errors
    must still end as every other error does: the helplines, one log line, no message."""
    site = fastapi_of(asgi_app).state.site

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("secret answer home_fights")

    monkeypatch.setattr(site.answer_pages, "render", broken)
    with caplog.at_level(logging.ERROR, logger="app.errors"):
        response = client.post("/ar/stap", data=ANSWERS_ALL)
    assert response.status_code == 500
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["cache-control"] == "no-store"
    page = BeautifulSoup(response.text, "html.parser")
    assert page.html is not None and page.html["lang"] == "ar"
    assert page.find("a", href="tel:112") is not None
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert [r.getMessage() for r in caplog.records] == [
        f"unhandled RuntimeError at {Path(__file__).resolve()}:{broken.__code__.co_firstlineno + 1}"
    ]
