"""Shared fixtures: the real content, an app with a fixed clock, a client that checks every page."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient

from app.content.loader import Content, load_content
from app.domain.hours import AMSTERDAM
from app.settings import Settings
from app.web.app import create_app, fastapi_of
from tests.support.pagecheck import check_response

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
# A Wednesday afternoon: De Kindertelefoon (11-21) and the Veilig Thuis chat (9-17) are open.
WEDNESDAY_AFTERNOON = datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM)


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: the browser tests leave an event loop running in
    this one (Playwright's sync API), and asyncio.run refuses to start beside it."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The embedded content and region, and a data folder of the test session's own."""
    data_dir = tmp_path_factory.mktemp("data")
    return Settings(content_dir=ROOT / "content", region="wassenaar", data_dir=data_dir)


@pytest.fixture(scope="session")
def content(settings: Settings) -> Content:
    return load_content(settings.content_dir, settings.region)


class CheckingClient(TestClient):
    """A TestClient that checks every HTML page it fetches (tests/support/pagecheck.py)."""

    def request(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        response = super().request(*args, **kwargs)
        check_response(response)
        return response


@pytest.fixture(scope="session")
def asgi_app(settings: Settings, content: Content) -> Any:
    app = create_app(settings, content)
    fastapi_of(app).state.site.clock = lambda: WEDNESDAY_AFTERNOON
    return app


@pytest.fixture
def client(asgi_app: Any) -> Iterator[CheckingClient]:
    with CheckingClient(asgi_app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def sample_content(settings: Settings) -> Content:
    """The fictional sample region `voorbeeld`, with its two example schools."""
    return load_content(settings.content_dir, "voorbeeld")


@pytest.fixture(scope="session")
def sample_app(settings: Settings, sample_content: Content) -> Any:
    app = create_app(settings.model_copy(update={"region": "voorbeeld"}), sample_content)
    fastapi_of(app).state.site.clock = lambda: WEDNESDAY_AFTERNOON
    return app


@pytest.fixture
def sample_client(sample_app: Any) -> Iterator[CheckingClient]:
    with CheckingClient(sample_app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def htmx(client: CheckingClient) -> CheckingClient:
    client.headers["HX-Request"] = "true"
    return client
