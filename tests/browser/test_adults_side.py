"""The adults' side in a real browser (design.md section 10): the link kit on a stand-in municipal
page from a second origin, and a school's poster journey, with and without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page

from app.content.loader import Content
from app.settings import Settings
from app.web.app import create_app
from tests.browser.conftest import one_page_site, serve
from tests.browser.test_accessibility import violations


class Recorder:
    """ASGI middleware that remembers each request's method, path and Referer (or None)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.seen: list[tuple[str, str, str | None]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            referer = headers.get(b"referer")
            self.seen.append(
                (scope["method"], scope["path"], referer.decode() if referer else None)
            )
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def sample(settings: Settings, sample_content: Content) -> Iterator[tuple[str, Recorder]]:
    """The sample region (two example schools) behind a recorder, on its own origin."""
    update = {"region": "voorbeeld", "base_url": "http://placeholder"}
    recorder = Recorder(create_app(settings.model_copy(update=update), sample_content))
    for origin in serve(recorder):
        yield origin, recorder


def _snippets(origin: str) -> list[str]:
    """The link kit's snippets as an editor copies them, pointed at this test's server."""
    page = httpx.get(f"{origin}/nl/volwassenen/link").text
    codes = BeautifulSoup(page, "html.parser").select("main pre code")
    return [code.get_text().replace("http://placeholder", origin) for code in codes]


@pytest.mark.parametrize("which", [0, 1], ids=["plain link", "badge"])
def test_the_link_kit_loads_nothing_from_us_until_the_click_and_sends_no_referrer(
    page: Page, sample: tuple[str, Recorder], which: int
) -> None:
    origin, recorder = sample
    snippet = _snippets(origin)[which]
    control = f'<a id="control" href="{origin}/nl/over">control</a>'
    municipal = (
        "<!doctype html><html lang=nl><head><title>Gemeente</title></head><body>"
        f"<h1>Jeugd en gezin</h1><p>{snippet}</p><p>{control}</p></body></html>"
    ).encode()
    for host in one_page_site(municipal):
        recorder.seen.clear()
        page.goto(host)
        page.wait_for_load_state("networkidle")
        assert recorder.seen == [], "the host page made a request to us before the click"
        page.locator(f'a[href="{origin}/nl/"]').click()
        page.wait_for_url(f"{origin}/nl/")
        assert page.locator("h1").inner_text() == "Wie helpt mij?"
        assert recorder.seen[0][:2] == ("GET", "/nl/")
        assert all(referer is None for _, _, referer in recorder.seen), recorder.seen
        # The measure can fail: a link without rel="noreferrer" does send the host's address.
        recorder.seen.clear()
        page.goto(host)
        page.locator("#control").click()
        page.wait_for_url(f"{origin}/nl/over")
        # The request for /nl/over itself: the service worker the app page registered may still
        # be fetching its files (without a referrer) after the clear().
        over = [referer for method, path, referer in recorder.seen if path == "/nl/over"]
        assert over and over[0] == host, recorder.seen


def _journey(page: Page, origin: str) -> None:
    page.goto(f"{origin}/nl/school/de-regenboog")
    page.get_by_role("button", name="Begin").click()
    page.locator("button[name=danger][value=no]").click()
    page.locator("input[name=topics][value=bullying]").check()
    page.locator("button[name=nav][value=next]").click()
    page.locator("button[name=age][value='8_11']").click()
    page.locator("button[name=contact][value=face_to_face]").click()
    page.locator("button[name=goal][value=listen]").click()
    page.locator("[data-service]").first.wait_for()


def test_a_school_poster_journey_ends_at_that_school_with_javascript(
    page: Page, sample: tuple[str, Recorder]
) -> None:
    origin, _ = sample
    _journey(page, origin)
    card = page.locator('[data-service="school_confidant"]')
    assert "kamer 4, naast de gymzaal" in card.inner_text()
    assert page.url == f"{origin}/nl/school/de-regenboog"  # htmx: one history entry, no code added
    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")
    assert violations(page) == []


def test_a_school_poster_journey_ends_at_that_school_without_javascript(
    browser: Browser, browser_context_args: dict[str, Any], sample: tuple[str, Recorder]
) -> None:
    origin, _ = sample
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    _journey(page, origin)
    assert (
        "kamer 4, naast de gymzaal"
        in page.locator('[data-service="school_confidant"]').inner_text()
    )
    assert page.url == f"{origin}/nl/stap"  # POSTs only: the code never lands in a URL
    context.close()


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize(
    "path", ["school/de-regenboog", "school/bestaat-niet", "volwassenen/posters"]
)
def test_the_sample_regions_pages_have_no_axe_violations(
    page: Page, sample: tuple[str, Recorder], path: str, lang: str
) -> None:
    origin, _ = sample
    page.goto(f"{origin}/{lang}/{path}")
    assert violations(page) == []
