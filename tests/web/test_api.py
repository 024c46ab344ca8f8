"""The JSON API (design.md section 6): shape, rules through the API, a clear 422."""

from __future__ import annotations

import random

import pytest

from app.content.loader import Content
from app.domain.answers import AgeGroup, Answers, Contact, Danger, Goal, Topic
from tests.conftest import CheckingClient
from tests.support.rules import Seen, violations

URL = "/api/v1/recommendations"


def test_shape_of_a_recommendation(client: CheckingClient) -> None:
    body = {
        "danger": "no",
        "topics": ["home_fights"],
        "age": "8_11",
        "contact": "chat",
        "goal": "listen",
        "at": "2026-11-25T14:00:00+01:00",
    }
    response = client.post(URL, json=body)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    data = response.json()
    assert data["options"][0]["service"] == "kindertelefoon"
    for option in data["options"]:
        assert set(option) >= {"service", "reason", "channels"}
        assert option["reason"].startswith("Omdat")
        for channel in option["channels"]:
            assert set(channel) >= {"kind", "open_now", "opens_at", "verified", "url"}
            assert channel["kind"] in {"chat", "phone", "app", "in_person", "web"}
    kindertelefoon = data["options"][0]["channels"]
    assert all(c["verified"] is True for c in kindertelefoon)  # 11-21, services.md section 12
    assert [n["id"] for n in data["notices"]] == ["ask_first"]  # the school is the third option


def test_all_optional_and_empty_is_skipped(client: CheckingClient) -> None:
    for body in ({}, {"danger": None, "topics": None}, {"danger": "", "age": "", "topics": []}):
        data = client.post(URL, json=body).json()
        assert {o["service"] for o in data["options"]} == {
            "kindertelefoon",
            "veilig_thuis",
            "school_confidant",
        }


def test_at_without_offset_is_amsterdam_time(client: CheckingClient) -> None:
    body = {"topics": ["bullying"], "age": "12_15", "at": "2026-11-29T03:30"}
    data = client.post(URL, json=body).json()
    assert data["at"] == "2026-11-29T03:30:00+01:00"
    first = data["options"][0]
    assert first["service"] == "kindertelefoon"
    assert first["channels"][0]["open_now"] is False
    assert first["channels"][0]["opens_at"] == "2026-11-29T11:00:00+01:00"
    assert data["notices"][0]["id"] == "not_now"  # R11, R13: nothing fitting is open now


def test_danger_yes_puts_112_first(client: CheckingClient) -> None:
    data = client.post(URL, json={"danger": "yes"}).json()
    assert data["options"][0]["service"] == "emergency_112"
    assert data["call_112_first"] is True


@pytest.mark.parametrize(
    "body",
    [
        {"age": "99"},
        {"danger": "maybe"},
        {"topics": ["cats"]},
        {"topics": "home_fights"},
        {"danger": 1},
        {"goal": ["listen"]},
        {"at": "yesterday"},
        {"at": "2026-13-45T99:00"},
        {"lang": "fr"},
        {"favourite_colour": "blue"},
    ],
)
def test_bad_input_is_a_clear_422(client: CheckingClient, body: dict[str, object]) -> None:
    response = client.post(URL, json=body)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b"null", b'"text"', b""])
def test_malformed_bodies_are_a_422_never_a_500(client: CheckingClient, raw: bytes) -> None:
    response = client.post(URL, content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_services_as_open_data(client: CheckingClient, content: Content) -> None:
    data = client.get("/api/v1/services").json()
    ids = [s["id"] for s in data["services"]]
    assert set(ids) == set(content.services)
    for service in data["services"]:
        assert service["sources"] and service["verified_on"]
    assert data["region"]["site_title"] == "Jeugd Wassenaar"


def test_openapi_documents_the_api(client: CheckingClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/recommendations" in spec["paths"]
    assert "/api/v1/services" in spec["paths"]
    assert client.get("/docs").status_code == 404  # no CDN-loaded docs page


def test_random_answers_through_the_api_follow_the_rules(
    client: CheckingClient, content: Content
) -> None:
    rng = random.Random(7)
    moments = [
        "2026-11-25T14:00",
        "2026-11-29T03:30",
        "2026-11-28T21:30",
        "2026-03-29T02:30",
        "2026-12-25T10:59",
        "2026-10-25T02:30+01:00",
    ]
    for _ in range(400):
        answers = Answers(
            rng.choice([None, *Danger]),
            frozenset(t for t in Topic if rng.random() < 0.2),
            rng.choice([None, *AgeGroup]),
            rng.choice([None, *Contact]),
            rng.choice([None, *Goal]),
        )
        body = {
            "danger": answers.danger,
            "topics": sorted(answers.topics),
            "age": answers.age,
            "contact": answers.contact,
            "goal": answers.goal,
            "at": rng.choice(moments),
        }
        data = client.post(URL, json=body).json()
        seen = [
            Seen(o["service"], tuple(c["open_now"] for c in o["channels"]), o["reason"])
            for o in data["options"]
        ]
        notices = [n["id"] for n in data["notices"]]
        found = violations(answers, seen, notices, content.catalogue, data["call_112_first"])
        assert not found, (body, found)


def test_the_api_speaks_every_language(client: CheckingClient) -> None:
    from app.web.i18n import LANGUAGES

    spec = client.get("/openapi.json").json()
    lang = spec["components"]["schemas"]["RecommendationRequest"]["properties"]["lang"]
    assert lang["enum"] == list(LANGUAGES)
    for lang in LANGUAGES:
        body = client.post("/api/v1/recommendations", json={"lang": lang}).json()
        assert body["lang"] == lang
        assert body["options"][0]["reason"]
