"""The real server, started as `make serve` starts it, for the tests of this folder."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.server.test_server import start, stop


@pytest.fixture
def server() -> Iterator[str]:
    process, base = start()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        pytest.fail(f"server did not start: {stop(process)}")
    yield base
    stop(process)
