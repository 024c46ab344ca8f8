"""Schemathesis over the OpenAPI schema, through the whole app in-process: whatever a client
sends, never a 5xx, and our headers on every answer (issue 15). `make test` runs a small slice;
`make fuzz` runs FUZZ_EXAMPLES cases per operation (tests/fuzz/README in the Makefile)."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings

from app.content.loader import load_content
from app.settings import Settings
from app.web.app import create_app
from app.web.middleware.security import SECURITY_HEADERS
from tests.conftest import ROOT

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
STATUSES: Counter[int] = Counter()  # printed by make fuzz (tests/fuzz/conftest.py)

_settings = Settings(content_dir=ROOT / "content", region="wassenaar")
APP: Any = create_app(_settings, load_content(_settings.content_dir, _settings.region))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=os.environ.get("FUZZ_RANDOM") is None,  # make test: the same cases every run
)
def test_no_5xx_and_our_headers_on_every_answer(case: schemathesis.Case) -> None:
    response = case.call()
    STATUSES[response.status_code] += 1
    assert response.status_code < 500, (case.method, case.path, case.body, response.text[:300])
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) in (value, [value]), name
