"""R13 notices, through the HTML forms without JavaScript and through the API (design.md s4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from app.domain.hours import AMSTERDAM
from app.web.app import fastapi_of
from tests.conftest import CheckingClient
from tests.support.formdriver import before_the_options, notices, walk

SUNDAY_NIGHT = datetime(2026, 11, 29, 3, 0, tzinfo=AMSTERDAM)
SATURDAY_LATE = datetime(2026, 11, 28, 22, 30, tzinfo=AMSTERDAM)


@pytest.fixture
def at_night(asgi_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastapi_of(asgi_app).state.site, "clock", lambda: SUNDAY_NIGHT)


def test_not_now_says_when_it_opens_and_what_cannot_wait(
    client: CheckingClient, at_night: None
) -> None:
    page = walk(client, {"danger": "no", "topics": ["sad"], "age": "12_15", "contact": "chat"})
    found = notices(page.text)
    assert [n["id"] for n in found] == ["not_now", "ask_first"]
    assert "vandaag om 11:00" in found[0]["text"]
    assert found[0]["links"] == ["tel:112", "tel:08000113"]
    assert before_the_options(page.text)


def test_not_now_names_the_weekday_when_it_opens_later(
    client: CheckingClient, asgi_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastapi_of(asgi_app).state.site, "clock", lambda: SATURDAY_LATE)
    page = walk(client, {"danger": "no", "topics": ["sad"], "age": "12_15", "contact": "chat"})
    text = notices(page.text)[0]["text"]
    assert "morgen om 11:00" in text  # Sunday 11:00, the next day


def test_sexual_violence_notice(client: CheckingClient) -> None:
    page = walk(client, {"danger": "no", "topics": ["touch"], "age": "12_15"})
    found = notices(page.text)
    assert [n["id"] for n in found][:1] == ["sexual_violence"]
    assert found[0]["links"] == ["tel:08000188", "https://www.helpwanted.nl"]
    assert "7 dagen" in found[0]["text"]
    assert before_the_options(page.text)


def test_worried_friend_notice(client: CheckingClient) -> None:
    page = walk(client, {"danger": "no", "topics": ["friend"], "age": "12_15"})
    found = notices(page.text)
    assert found[0]["id"] == "worried_friend"
    assert found[0]["links"] == ["tel:08000113", "tel:08002000"]


def test_trusted_adult_notice(client: CheckingClient) -> None:
    page = walk(client, {"danger": "no", "topics": ["bullying"], "age": "under_8"})
    found = notices(page.text)
    assert [n["id"] for n in found] == ["trusted_adult", "ask_first"]
    assert found[0]["links"] == []


def test_ask_first_notice(client: CheckingClient) -> None:
    page = walk(
        client, {"danger": "no", "topics": ["bullying"], "age": "12_15", "contact": "face_to_face"}
    )
    found = notices(page.text)
    assert [n["id"] for n in found] == ["ask_first"]
    assert "Je mag eerst vragen: moet je dit doorvertellen?" in found[0]["text"]


def test_no_notice_when_none_applies(client: CheckingClient) -> None:
    page = walk(
        client, {"danger": "no", "topics": ["home_fights"], "age": "12_15", "contact": "chat"}
    )
    assert notices(page.text) == []


def test_htmx_fragment_carries_the_same_notices(htmx: CheckingClient) -> None:
    response = htmx.post(
        "/nl/stap",
        data={"danger": "no", "topics": "touch", "age": "12_15", "contact": "", "goal": ""},
    )
    assert [n["id"] for n in notices(response.text)][:1] == ["sexual_violence"]


def test_the_api_gives_notices_in_the_same_order(client: CheckingClient) -> None:
    body = {
        "topics": ["touch", "friend"],
        "age": "under_8",
        "contact": "face_to_face",
        "at": "2026-11-29T03:00:00+01:00",
        "lang": "en",
    }
    data = client.post("/api/v1/recommendations", json=body).json()
    assert [n["id"] for n in data["notices"]] == [
        "sexual_violence",
        "worried_friend",
        "trusted_adult",
        "ask_first",
    ]
    for notice in data["notices"]:
        assert notice["text"]
        for channel in notice["channels"]:
            assert set(channel) == {"kind", "url", "number", "open_now", "opens_at", "verified"}
    csg = data["notices"][0]["channels"][0]
    assert csg["number"] == "0800-0188" and csg["open_now"] is True
    assert data["notices"][2]["channels"] == []
    night = {"topics": ["friend", "sad"], "age": "12_15", "at": "2026-11-29T03:00:00+01:00"}
    data = client.post("/api/v1/recommendations", json=night).json()
    assert [n["id"] for n in data["notices"]] == ["not_now", "worried_friend", "ask_first"]
    assert "11:00" in data["notices"][0]["text"]
    assert [c["number"] for c in data["notices"][0]["channels"]] == ["112", "0800-0113"]


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_notices_in_every_language(client: CheckingClient, lang: str) -> None:
    body = {
        "topics": ["touch", "friend"],
        "age": "under_8",
        "contact": "face_to_face",
        "lang": lang,
    }
    data = client.post("/api/v1/recommendations", json=body).json()
    texts = [n["text"] for n in data["notices"]]
    assert len(texts) == 4 and all(texts)
    if lang != "nl":
        dutch = client.post("/api/v1/recommendations", json={**body, "lang": "nl"}).json()
        assert texts != [n["text"] for n in dutch["notices"]]
