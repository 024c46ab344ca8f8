"""Property-based forms: any mix of our field names and values, and garbage, posted to every HTML
form of the app, in-process. Never a 5xx; our headers on every answer (issue 15)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from app.domain.answers import CHOICES, QUESTIONS
from app.web.middleware.security import SECURITY_HEADERS
from tests.fuzz.test_openapi import APP

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
STATUSES: Counter[int] = Counter()

NAMES = [*QUESTIONS, "step", "nav", "school", "knows_where", "at", "x", ""]
VALUES = [
    *sorted({v.value for enum in CHOICES.values() for v in enum}),
    "next", "back", "skip", "results", "emergency", "yes", "no", "2027-01-01T03:00", "",
    "9999-12-31T23:59", "de-regenboog", "\x00", "%", "&", "=",
]  # fmt: skip
FIELD = st.tuples(
    st.sampled_from(NAMES) | st.text(max_size=12),
    st.sampled_from(VALUES) | st.text(max_size=40),
)
PATHS = st.sampled_from(["/nl/stap", "/ar/stap", "/nl/feedback", "/nl/volwassenen/routering",
                         "/pl/feedback", "/xx/stap"])  # fmt: skip
CLIENT = TestClient(APP, raise_server_exceptions=False)


@settings(max_examples=EXAMPLES * 3, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=os.environ.get("FUZZ_RANDOM") is None)  # fmt: skip
@given(path=PATHS, fields=st.lists(FIELD, max_size=12), htmx=st.booleans(), raw=st.booleans())
def test_any_form_gets_no_5xx_and_our_headers(
    path: str, fields: list[tuple[str, str]], htmx: bool, raw: bool
) -> None:
    headers = {"HX-Request": "true"} if htmx else {}
    kwargs: dict[str, Any]
    if raw:  # the body as bytes, not necessarily urlencoded or UTF-8
        body = "&".join(f"{k}={v}" for k, v in fields).encode("utf-8", "surrogatepass")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        kwargs = {"content": body}
    else:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        kwargs = {"content": urlencode(fields).encode()}
    response = CLIENT.post(path, headers=headers, **kwargs)
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, (path, fields, response.text[:300])
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
