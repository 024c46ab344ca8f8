"""No request may change what a later visitor gets (issue 10: the shared-response cache).

The app keeps the pages that depend only on their path (and on whether htmx asked, and the
encoding) in memory. A request with repeated, conflicting or odd header fields once stored a
fragment without the 112 link and the quick exit, or a brotli body, under the key of a plain
visitor: every visitor after it got that answer until the worker restarted.

The invariant tested here: every reply equals the reply a freshly started app gives to the same
request as its very first one ("cold"). For every kind of header set below, a fresh app answers
it first on every path (that is its cold reply, and it must follow the header rules in the
table); then the same app answers every other header set, each of which must get its own cold
reply. A long random sequence on one app checks longer histories.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import pytest

from app.content.loader import Content
from app.settings import Settings
from app.web.app import create_app, fastapi_of
from tests.conftest import WEDNESDAY_AFTERNOON, run_async
from tests.support.rawasgi import Fields, Reply, call

BROWSER = b"gzip, deflate, br"


@dataclass(frozen=True)
class HeaderSet:
    name: str
    fields: Fields
    fragment: bool  # an htmx request: the page without its frame
    encoding: str | None  # what a compressible body must be sent in


def _set(
    name: str, fragment: bool, encoding: str | None, *fields: tuple[bytes, bytes]
) -> HeaderSet:
    return HeaderSet(name, tuple(fields), fragment, encoding)


HX = b"hx-request"
AE = b"accept-encoding"
VISITORS = [
    _set("plain visitor, no compression", False, None),
    _set("plain visitor, browser", False, "br", (AE, BROWSER)),
    _set("plain visitor, gzip only", False, "gzip", (AE, b"gzip")),
    _set("htmx visitor, browser", True, "br", (HX, b"true"), (AE, BROWSER)),
    _set("htmx visitor, no compression", True, None, (HX, b"true")),
]
HOSTILE = [
    # HX-Request is a single value: anything but "true" (once, or repeated unanimously) is a
    # request for the whole page, the safe answer: it carries 112 and the quick exit.
    _set("hx true then false", False, "br", (HX, b"true"), (HX, b"false"), (AE, BROWSER)),
    _set("hx false then true", False, None, (HX, b"false"), (HX, b"true")),
    _set("hx true twice", True, None, (HX, b"true"), (HX, b"true")),
    _set("hx TRUE", False, None, (HX, b"TRUE")),
    _set("hx empty", False, None, (HX, b"")),
    _set("hx name odd-cased", True, "gzip", (b"Hx-ReQuest", b"true"), (AE, b"gzip")),
    _set("hx true, ae br then identity", True, "br", (HX, b"true"), (AE, b"br"), (AE, b"identity")),
    # Accept-Encoding is a list (RFC 9110 5.3): repeated fields are one comma-separated list.
    _set("ae br then identity", False, "br", (AE, b"br"), (AE, b"identity")),
    _set("ae identity then br", False, "br", (AE, b"identity"), (AE, b"br")),
    _set("ae gzip then br;q=0", False, "gzip", (AE, b"gzip"), (AE, b"br;q=0")),
    _set("ae empty", False, None, (AE, b"")),
    _set("ae both refused", False, None, (AE, b"br;q=0, gzip;q=0")),
    _set("ae odd-cased values", False, "gzip", (AE, b"BR;Q=0.0, GZIP")),
    _set("ae name odd-cased", False, "br", (b"Accept-Encoding", b"br")),
    _set("ae gzip preferred by q", False, "gzip", (AE, b"gzip;q=1.0, br;q=0.5")),
    _set("ae any", False, "br", (AE, b"*")),
    _set("ae any refused", False, None, (AE, b"*;q=0")),
    _set("ae br accepted and refused", False, None, (AE, b"br, br;q=0")),
    _set("ae invalid q", False, None, (AE, b"br;q=abc, gzip;q=1.5")),
    _set("ae tiny q", False, "gzip", (AE, b"gzip;q=0.001")),
    _set("ae deflate only", False, None, (AE, b"deflate")),
    _set("ae spaces", False, "br", (AE, b" gzip ,  br ; q=1 ")),
]
HEADER_SETS = VISITORS + HOSTILE

RESULTS_FORM = b"danger=no&topics=home_fights&age=12_15&contact=chat&goal=listen"
FORM = (b"content-type", b"application/x-www-form-urlencoded")


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    page: bool = False  # a journey page: a full page, or a fragment for htmx
    body: bytes = b""

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def _requests(static_url: Any) -> list[Req]:
    requests = [
        Req("GET", path)
        for path in ("/", "/sw.js", "/healthz", "/uit", "/api/v1/services", "/openapi.json")
    ]
    requests += [
        Req("GET", static_url(f))
        for f in ("css/app.css", "js/app.js", "vendor/htmx.min.js", "icons/icon-192.png")
    ]
    for lang in ("nl", "ar"):
        requests += [
            Req("GET", f"/{lang}/{page}", page=True) for page in ("", "stap", "tips", "over")
        ]
        requests += [
            Req("GET", f"/{lang}/overzicht", page=True),
            Req("POST", f"/{lang}/stap", page=True, body=RESULTS_FORM),
            Req("GET", f"/{lang}/offline"),
            Req("GET", f"/{lang}/app.webmanifest"),
            Req("GET", f"/{lang}"),
        ]
    return requests


def _fresh_app(settings: Settings, content: Content) -> Any:
    app = create_app(settings, content)
    fastapi_of(app).state.site.clock = lambda: WEDNESDAY_AFTERNOON
    return app


async def _ask(app: Any, request: Req, header_set: HeaderSet) -> Reply:
    fields = header_set.fields + ((FORM,) if request.method == "POST" else ())
    return await call(app, request.method, request.path, fields, request.body)


async def _ask_all(app: Any, requests: list[Req], header_set: HeaderSet) -> dict[Req, Reply]:
    return {request: await _ask(app, request, header_set) for request in requests}


@pytest.fixture(scope="module")
def requests(settings: Settings, content: Content) -> list[Req]:
    return _requests(fastapi_of(_fresh_app(settings, content)).state.site.static.url)


@pytest.fixture(scope="module")
def cold(settings: Settings, content: Content, requests: list[Req]) -> dict[str, dict[Req, Reply]]:
    """For every header set: the replies of a fresh app that is asked it first, on every path."""
    return {
        header_set.name: run_async(_ask_all(_fresh_app(settings, content), requests, header_set))
        for header_set in HEADER_SETS
    }


def _compressible(cold: dict[str, dict[Req, Reply]], request: Req) -> bool:
    return cold["plain visitor, browser"][request].encoding is not None


@pytest.mark.parametrize("header_set", HEADER_SETS, ids=lambda h: h.name)
def test_a_first_request_is_answered_by_the_header_rules(
    header_set: HeaderSet, cold: dict[str, dict[Req, Reply]], requests: list[Req]
) -> None:
    """How a header is read: whole page unless htmx asked unambiguously; an encoding the request
    accepts, the most wanted one (brotli on a tie); never an encoding it refused."""
    for request in requests:
        reply = cold[header_set.name][request]
        assert reply.status < 500, request
        expected = header_set.encoding if _compressible(cold, request) else None
        assert reply.encoding == expected, f"{request}: {reply.encoding} for {header_set.name}"
        if request.page:
            assert reply.status == 200, request
            _assert_kind(reply.text(), header_set.fragment, f"{request} for {header_set.name}")


def _assert_kind(html: str, fragment: bool, where: str) -> None:
    if fragment:
        assert not html.lstrip().lower().startswith("<!doctype"), f"{where}: a full page"
        assert "<html" not in html, f"{where}: a full page"
    else:
        assert html.lower().startswith("<!doctype html>"), f"{where}: no doctype"
        assert 'href="tel:112"' in html, f"{where}: no tel:112"
        assert 'href="/uit"' in html, f"{where}: no quick exit"


def test_the_visitors_see_pages_to_be_trusted(
    cold: dict[str, dict[Req, Reply]], requests: list[Req]
) -> None:
    """The cold replies the other tests compare with are right in themselves."""
    pages = [r for r in requests if r.page]
    assert len(pages) == 12
    for visitor in VISITORS:
        for request in pages:
            reply = cold[visitor.name][request]
            assert reply.encoding == visitor.encoding, f"{request} for {visitor.name}"
            _assert_kind(reply.text(), visitor.fragment, f"{request} for {visitor.name}")


@pytest.mark.parametrize("first", HEADER_SETS, ids=lambda h: h.name)
def test_no_first_request_changes_what_later_visitors_get(
    first: HeaderSet,
    settings: Settings,
    content: Content,
    requests: list[Req],
    cold: dict[str, dict[Req, Reply]],
) -> None:
    """The first request for every path comes with `first`'s headers; then every header set,
    plain visitors first, must get exactly what it gets from a fresh app."""

    async def visit() -> list[str]:
        app = _fresh_app(settings, content)
        await _ask_all(app, requests, first)
        wrong = []
        for later in HEADER_SETS:
            for request in requests:
                reply = await _ask(app, request, later)
                if reply != cold[later.name][request]:
                    wrong.append(f"{request} for {later.name}: {_describe(reply)}")
        return wrong

    wrong = run_async(visit())
    assert not wrong, f"after {first.name} first, {len(wrong)} replies changed: {wrong[:5]}"


def _describe(reply: Reply) -> str:
    try:
        start = reply.text()[:30]
    except (OSError, ValueError):  # brotli.error is a ValueError; gzip raises OSError
        start = "(undecodable)"
    return f"{reply.status}, encoding {reply.encoding}, starts {start!r}"


def test_a_long_random_history_changes_no_reply(
    settings: Settings,
    content: Content,
    requests: list[Req],
    cold: dict[str, dict[Req, Reply]],
) -> None:
    draws = random.Random(10)
    sequence = [(draws.choice(requests), draws.choice(HEADER_SETS)) for _ in range(3000)]

    async def replay() -> str | None:
        app = _fresh_app(settings, content)
        for index, (request, header_set) in enumerate(sequence):
            if await _ask(app, request, header_set) != cold[header_set.name][request]:
                return f"request {index}: {request} for {header_set.name}"
        return None

    assert run_async(replay()) is None
