"""app/web/request_headers.py: the one way a request header is read (issue 10)."""

from __future__ import annotations

from typing import Any

import pytest

from app.web.request_headers import (
    accept_language,
    is_htmx,
    joined,
    media_type,
    preferred_encoding,
    single,
)
from tests.conftest import run_async
from tests.support.rawasgi import call


def _scope(*fields: tuple[bytes, bytes]) -> dict[str, Any]:
    return {"headers": list(fields)}


def test_a_list_header_is_every_field_joined() -> None:
    scope = _scope((b"accept-language", b"xx"), (b"Accept-Language", b" ar;q=0.9 "))
    assert joined(scope, b"accept-language") == "xx, ar;q=0.9"
    assert accept_language(scope) == "xx, ar;q=0.9"
    assert joined(_scope(), b"accept-language") == ""


@pytest.mark.parametrize(
    ("fields", "value"),
    [
        ((), None),
        (((b"hx-request", b"true"),), "true"),
        (((b"HX-Request", b" true "),), "true"),
        (((b"hx-request", b"true"), (b"hx-request", b"true")), "true"),
        (((b"hx-request", b"true"), (b"hx-request", b"false")), None),
        (((b"hx-request", b""),), ""),
    ],
)
def test_a_single_value_header_has_a_value_only_when_its_fields_agree(
    fields: tuple[tuple[bytes, bytes], ...], value: str | None
) -> None:
    assert single(_scope(*fields), b"hx-request") == value
    assert is_htmx(_scope(*fields)) is (value == "true")


def test_the_media_type_of_a_body() -> None:
    form = b"Application/X-WWW-Form-Urlencoded; charset=utf-8"
    assert media_type(_scope((b"content-type", form))) == "application/x-www-form-urlencoded"
    two = _scope((b"content-type", b"application/json"), (b"content-type", b"text/plain"))
    assert media_type(two) == ""
    assert media_type(_scope()) == ""


@pytest.mark.parametrize(
    ("accept_encoding", "chosen"),
    [
        ("", None),
        ("gzip, deflate, br", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0.5, gzip;q=0.5", "br"),
        ("br;q=0", None),
        ("br;q=0.000, gzip", "gzip"),
        ("br;Q=0, gzip", "gzip"),
        ("br;q=1.001", None),
        ("br;q=.5", None),
        ("br;q=0.0001", None),
        ("*", "br"),
        ("*;q=0.5, br;q=0", "gzip"),
        ("*;q=0", None),
        ("identity", None),
        ("br, br;q=0", None),
        ("gzip;q=0.5, gzip;q=0.9", "gzip"),
        (",,, ;q=1, br", "br"),
    ],
)
def test_the_preferred_encoding(accept_encoding: str, chosen: str | None) -> None:
    assert preferred_encoding(accept_encoding) == chosen


def test_repeated_accept_language_fields_are_one_list(asgi_app: Any) -> None:
    fields = ((b"accept-language", b"xx"), (b"accept-language", b"ar"))
    reply = run_async(call(asgi_app, "GET", "/", fields))
    assert (reply.status, reply.header("location")) == (302, "/ar/")
