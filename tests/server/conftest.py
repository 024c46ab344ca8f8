"""The real server, started as `make serve` starts it, for the tests of this folder."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.test_server import start_healthy, stop


@pytest.fixture
def server() -> Iterator[str]:
    process, base = start_healthy()
    yield base
    stop(process)
