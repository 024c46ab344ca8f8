"""Defects from the adversarial run of issue 15 (checkout 2e1660f), each shown to fail first:
boundary dates, a body that is not UTF-8, HEAD, 405 without Allow, and what the schema says
about `at`. "Never a 5xx" is the promise."""

from __future__ import annotations

from typing import Any

import pytest

from app.web.middleware.security import SECURITY_HEADERS
from tests.conftest import CheckingClient


@pytest.mark.parametrize(
    "at", ["9999-12-31T23:59:59", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00",
           "1899-06-01T12:00:00", "2101-01-01T00:00:00"],
)  # fmt: skip
def test_a_moment_outside_the_years_we_know_is_a_422_not_a_500(
    client: CheckingClient, at: str
) -> None:
    response = client.post("/api/v1/recommendations", json={"at": at, "topics": ["sad"]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "at"]


@pytest.mark.parametrize("at", ["2000-01-01T00:00:00", "2100-12-31T23:59:00+01:00"])
def test_the_first_and_last_moments_we_know_work(client: CheckingClient, at: str) -> None:
    assert client.post("/api/v1/recommendations", json={"at": at}).status_code == 200


def test_an_empty_at_is_skipped_like_every_other_field(client: CheckingClient) -> None:
    empty = client.post("/api/v1/recommendations", json={"at": "", "topics": ["sad"]})
    assert empty.status_code == 200
    assert empty.json()["at"].startswith("2026-11-25T14:00")  # the clock's now


@pytest.mark.parametrize("at", [0, 1700000000, 1.5, True])
def test_a_number_is_not_a_moment(client: CheckingClient, at: Any) -> None:
    """The schema says an ISO 8601 string: the API holds to it (no Unix timestamps)."""
    assert client.post("/api/v1/recommendations", json={"at": at}).status_code == 422


def test_the_schema_says_what_the_api_does_with_at(client: CheckingClient) -> None:
    schema = client.get("/openapi.json").json()
    at = schema["components"]["schemas"]["RecommendationRequest"]["properties"]["at"]
    kinds = at.get("anyOf", [at])
    strings = [k for k in kinds if k.get("type") == "string"]
    assert strings and all(k.get("format") in ("date-time", None) for k in strings)
    assert not any(k.get("type") in ("integer", "number") for k in kinds)
    assert '""' in at["description"] and "2000" in at["description"] and "2100" in at["description"]


def test_a_body_that_is_not_utf8_is_a_422(client: CheckingClient) -> None:
    response = client.post(
        "/api/v1/recommendations",
        content=b'{"danger": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "path", ["/nl/", "/nl/stap", "/nl/overzicht", "/nl/volwassenen", "/healthz", "/api/v1/services"]
)
def test_head_answers_like_get_without_a_body(client: CheckingClient, path: str) -> None:
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    for name in (*SECURITY_HEADERS, "content-type", "cache-control"):
        assert head.headers.get(name) == get.headers.get(name), name


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("DELETE", "/nl/stap", {"GET", "HEAD", "POST"}),
        ("PUT", "/api/v1/recommendations", {"POST"}),
        ("POST", "/nl/overzicht", {"GET", "HEAD"}),
        ("DELETE", "/api/v1/services", {"GET", "HEAD"}),
    ],
)
def test_a_405_says_what_is_allowed(
    client: CheckingClient, method: str, path: str, allow: set[str]
) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} == allow
