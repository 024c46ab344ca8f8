"""security.md §A: the exact headers on every response - pages, fragments, API, static, errors.

One parametrised test over a request for every route the app has (a test fails when a route is
added without a row here), plus a 404, 405, 422, a forced 500 and the exit hop.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.content.loader import Content
from app.settings import Settings
from app.web.app import create_fastapi, middleware
from app.web.errors import all_routes
from app.web.middleware.security import CSP, PERMISSIONS_POLICY
from app.web.rendering.static import IMMUTABLE
from tests.conftest import WEDNESDAY_AFTERNOON
from tests.support.pagecheck import check_response
from tests.support.serverapp import BOOM_PATH, add_boom_route

EXACT = {
    "content-security-policy": CSP,
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
NEVER = ("set-cookie", "server", "x-powered-by", "access-control-allow-origin")
ANSWERS = {
    "danger": "no",
    "topics": "home_fights",
    "age": "12_15",
    "contact": "chat",
    "goal": "listen",
}
BROTLI = {"accept-encoding": "br"}
API_ANSWERS = {**ANSWERS, "topics": ["home_fights"]}
SECURITY_SETTINGS = {
    "security_contact": "mailto:security@example.org",
    "security_expires": date(2027, 6, 30),
}


# (route path, method) -> one request for it: (path, extra kwargs, HX-Request?, status, cache)
ROUTES: dict[tuple[str, str], list[tuple[str, dict[str, Any], bool, int, str]]] = {
    ("/openapi.json", "GET"): [("/openapi.json", {}, False, 200, "no-store")],
    ("/healthz", "GET"): [("/healthz", {}, False, 200, "no-store")],
    ("/", "GET"): [("/", {}, False, 302, "no-store")],
    ("/uit", "GET"): [("/uit", {}, False, 303, "no-store")],
    ("/.well-known/security.txt", "GET"): [
        ("/.well-known/security.txt", {}, False, 200, "no-store")
    ],
    ("/static/{path:path}", "GET"): [
        ("STATIC:css/app.css", {}, False, 200, IMMUTABLE),
        ("STATIC:js/app.js", {"headers": {"accept-encoding": "gzip"}}, False, 200, IMMUTABLE),
        ("STATIC:vendor/htmx.min.js", {"headers": BROTLI}, False, 200, IMMUTABLE),
        ("STATIC:icons/icon-192.png", {}, False, 200, IMMUTABLE),
        ("/static/nothing.123456789012.css", {}, False, 404, "no-store"),
    ],
    ("/sw.js", "GET"): [("/sw.js", {}, False, 200, "no-cache")],
    ("/{lang}/app.webmanifest", "GET"): [
        ("/nl/app.webmanifest", {}, False, 200, "no-cache"),
        ("/ar/app.webmanifest", {"headers": {"accept-encoding": "br"}}, False, 200, "no-cache"),
    ],
    ("/{lang}/offline", "GET"): [
        ("/uk/offline", {"headers": {"accept-encoding": "gzip, br"}}, False, 200, "no-store")
    ],
    ("/api/v1/recommendations", "POST"): [
        ("/api/v1/recommendations", {"json": API_ANSWERS}, False, 200, "no-store"),
        ("/api/v1/recommendations", {"json": {"danger": "maybe"}}, False, 422, "no-store"),
        ("/api/v1/recommendations", {"content": b"{not json"}, False, 422, "no-store"),
    ],
    ("/api/v1/services", "GET"): [("/api/v1/services", {}, False, 200, "no-store")],
    ("/{lang}/stap", "GET"): [
        ("/nl/stap", {}, False, 200, "no-store"),
        ("/nl/stap", {}, True, 200, "no-store"),
    ],
    ("/{lang}/stap", "POST"): [
        ("/nl/stap", {"data": ANSWERS}, False, 200, "no-store"),
        ("/nl/stap", {"data": ANSWERS}, True, 200, "no-store"),
        ("/nl/stap", {"data": {"danger": "yes"}}, True, 200, "no-store"),
        ("/nl/stap", {"data": {"danger": "maybe"}}, False, 422, "no-store"),
        ("/nl/stap", {"data": {"danger": "maybe"}}, True, 422, "no-store"),
    ],
    ("/{lang}", "GET"): [("/nl", {}, False, 302, "no-store")],
    ("/{lang}/", "GET"): [
        ("/nl/", {}, False, 200, "no-store"),
        ("/nl/", {}, True, 200, "no-store"),
        ("/ar/", {"headers": {"accept-encoding": "gzip, deflate, br"}}, False, 200, "no-store"),
        ("/xx/", {}, False, 404, "no-store"),
    ],
    ("/{lang}/overzicht", "GET"): [("/nl/overzicht", {}, False, 200, "no-store")],
    ("/{lang}/tips", "GET"): [("/nl/tips", {}, False, 200, "no-store")],
    ("/{lang}/over", "GET"): [("/nl/over", {}, False, 200, "no-store")],
    ("/{lang}/school/{code}", "GET"): [
        ("/nl/school/de-regenboog", {}, False, 200, "no-store"),
        ("/nl/school/de-regenboog", {}, True, 200, "no-store"),
        ("/pl/school/bestaat-niet", {}, False, 404, "no-store"),
    ],
    ("/{lang}/volwassenen", "GET"): [("/nl/volwassenen", {}, False, 200, "no-store")],
    ("/{lang}/volwassenen/routering", "GET"): [
        ("/nl/volwassenen/routering", {}, False, 200, "no-store"),
        ("/ar/volwassenen/routering", {"headers": BROTLI}, False, 200, "no-store"),
    ],
    ("/{lang}/volwassenen/routering", "POST"): [
        (
            "/nl/volwassenen/routering",
            {"data": {**ANSWERS, "at": "2027-01-01T03:00"}},
            False,
            200,
            "no-store",
        ),
        ("/nl/volwassenen/routering", {"data": {"at": "9999-12-31T23:59"}}, False, 422, "no-store"),
    ],
    ("/{lang}/volwassenen/bronnen", "GET"): [
        ("/tr/volwassenen/bronnen", {}, False, 200, "no-store")
    ],
    ("/{lang}/volwassenen/posters", "GET"): [
        ("/uk/volwassenen/posters", {}, False, 200, "no-store")
    ],
    ("/posters/{version}/{filename}", "GET"): [
        ("POSTER:poster-nl-a4.pdf", {}, False, 200, IMMUTABLE),
        ("/posters/000000000000/poster-nl-a4.pdf", {}, False, 302, "no-store"),
        ("POSTER:poster-nl-a5.pdf", {}, False, 404, "no-store"),
    ],
    ("/{lang}/volwassenen/link", "GET"): [("/en/volwassenen/link", {}, False, 200, "no-store")],
    ("/{lang}/volwassenen/toegankelijkheid", "GET"): [
        ("/nl/volwassenen/toegankelijkheid", {}, False, 200, "no-store")
    ],
    ("/api/v1/services.csv", "GET"): [("/api/v1/services.csv", {}, False, 200, "no-store")],
    ("/api/v1/stats.csv", "GET"): [("/api/v1/stats.csv", {}, False, 200, "no-store")],
    ("/{lang}/cijfers", "GET"): [
        ("/nl/cijfers", {}, False, 200, "no-store"),
        ("/ar/cijfers", {}, True, 200, "no-store"),
    ],
    ("/{lang}/feedback", "POST"): [
        ("/nl/feedback", {"data": {**ANSWERS, "knows_where": "yes"}}, False, 200, "no-store"),
        ("/nl/feedback", {"data": {"knows_where": "no"}}, True, 200, "no-store"),
        ("/nl/feedback", {"data": {"knows_where": "soms"}}, False, 422, "no-store"),
    ],
}
ERRORS: list[tuple[str, str, dict[str, Any], bool, int, str]] = [
    ("GET", "/does-not-exist", {}, False, 404, "no-store"),
    ("GET", "/nl/does/not/exist", {}, False, 404, "no-store"),
    ("DELETE", "/nl/stap", {}, False, 405, "no-store"),
    (
        "POST",
        "/xx/stap",
        {"data": ANSWERS},
        False,
        404,
        "no-store",
    ),  # FastAPI's route, not Shortcut
    ("GET", BOOM_PATH, {}, False, 500, "no-store"),
    ("GET", f"/api{BOOM_PATH}", {}, False, 404, "no-store"),
]
CASES = [
    pytest.param(method, path, kwargs, hx, status, cache, id=f"{method} {path} hx={hx} {status}")
    for (_, method), requests in ROUTES.items()
    for path, kwargs, hx, status, cache in requests
] + [
    pytest.param(method, path, kwargs, hx, status, cache, id=f"{method} {path} {status}")
    for method, path, kwargs, hx, status, cache in ERRORS
]


@pytest.fixture(scope="module")
def fastapi_app(settings: Settings, sample_content: Content) -> FastAPI:
    """The sample region, so that a school's start page exists."""
    update = {**SECURITY_SETTINGS, "region": "voorbeeld"}
    app = create_fastapi(settings.model_copy(update=update), sample_content)
    app.state.site.clock = lambda: WEDNESDAY_AFTERNOON
    add_boom_route(app)
    return app


@pytest.fixture(scope="module")
def raw_client(fastapi_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(
        middleware(fastapi_app), follow_redirects=False, raise_server_exceptions=False
    ) as client:
        yield client


def test_every_route_has_a_row(fastapi_app: FastAPI) -> None:
    routes = {
        (route.path, method)
        for route in all_routes(fastapi_app.routes)
        for method in getattr(route, "methods", None) or ()
        if method != "HEAD" and route.path != BOOM_PATH
    }
    assert routes == set(ROUTES), "add a request for the new route to ROUTES"


@pytest.mark.parametrize(("method", "path", "kwargs", "hx", "status", "cache"), CASES)
def test_headers_are_exact(
    raw_client: TestClient,
    fastapi_app: FastAPI,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    hx: bool,
    status: int,
    cache: str,
) -> None:
    if path.startswith("STATIC:"):
        path = fastapi_app.state.site.static.url(path.removeprefix("STATIC:"))
    if path.startswith("POSTER:"):
        path = f"/posters/{fastapi_app.state.site.posters.version}/{path.removeprefix('POSTER:')}"
    kwargs = dict(kwargs)
    headers = {**kwargs.pop("headers", {}), **({"HX-Request": "true"} if hx else {})}
    response = raw_client.request(method, path, headers=headers, **kwargs)
    assert response.status_code == status
    for name, value in EXACT.items():
        assert response.headers.get(name) == value, name
    for name in NEVER:
        assert name not in response.headers, name
    assert response.headers["cache-control"] == cache
    check_response(response)  # security.md §B on HTML pages and fragments, errors included
    content_type = response.headers.get("content-type", "")
    if content_type.startswith("text/html") and path.startswith(("/nl/", "/xx/")):
        assert "HX-Request" in response.headers.get("vary", ""), "pages vary on HX-Request"
    if path == "/":
        assert response.headers["vary"] == "Accept-Language"
    if path == "/uit":
        assert response.headers["clear-site-data"] == '"cache", "storage"'
        assert response.headers["location"] == "https://www.buienradar.nl/"
    else:
        assert "clear-site-data" not in response.headers
    if status == 500:
        assert "Traceback" not in response.text and "BoomError" not in response.text
        assert "112" in response.text


def test_csp_never_reports_and_forbids_inline() -> None:
    directives = {d.strip().partition(" ")[0]: d.strip().partition(" ")[2] for d in CSP.split(";")}
    assert "report-uri" not in CSP and "report-to" not in CSP
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'none'"


def test_permissions_policy_denies_the_sensitive_features() -> None:
    features = dict(item.split("=") for item in PERMISSIONS_POLICY.split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert features[feature] == "()"
    assert set(features.values()) == {"()"}


def test_security_txt_follows_rfc_9116(raw_client: TestClient) -> None:
    text = raw_client.get("/.well-known/security.txt").text
    fields = [line.split(": ", 1) for line in text.splitlines()]
    assert fields == [
        ["Contact", "mailto:security@example.org"],
        ["Expires", "2027-06-30T00:00:00Z"],
        ["Preferred-Languages", "nl, en"],
        ["Canonical", "http://127.0.0.1:8000/.well-known/security.txt"],
    ]


def test_security_txt_is_absent_without_a_contact(client: TestClient) -> None:
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 404


def test_security_settings_warn_before_they_mislead() -> None:
    today = date(2026, 11, 24)
    assert Settings().security_warnings(today) == [
        "WHM_SECURITY_CONTACT is not set: /.well-known/security.txt is not served"
    ]
    expired = Settings(**{**SECURITY_SETTINGS, "security_expires": date(2026, 1, 1)})
    assert "has passed" in expired.security_warnings(today)[0]
    assert Settings(**SECURITY_SETTINGS).security_warnings(today) == []
    with pytest.raises(ValueError, match="must start with mailto"):
        Settings(security_contact="security@example.org")
