"""Installable and offline (issue 5), and what the service worker keeps (security.md §C).

Chromium reports installability only for a normal (not off-the-record) profile, so these tests
use a persistent context in a throw-away profile directory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect

from tests.browser.journey import answer_all, shown_services
from tests.browser.phone import CHROMIUM, CHROMIUM_ARGS, PHONE

CACHED = """async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = (await cache.keys()).map(r => new URL(r.url).pathname).sort();
  }
  return out;
}"""
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


@pytest.fixture
def installed(playwright: Playwright, tmp_path: Path, base_url: str) -> Iterator[BrowserContext]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium", pytrace=False)
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=base_url,
        **PHONE,
    )
    yield context
    context.close()


def _page(context: BrowserContext, path: str) -> Page:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(path)
    page.wait_for_function(CONTROLLED, timeout=10_000)
    return page


def test_chrome_finds_the_app_installable(installed: BrowserContext) -> None:
    page = _page(installed, "/nl/")
    cdp = installed.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    assert '"name":"Jeugd Wassenaar"' in manifest["data"]  # the discreet name


@pytest.mark.parametrize(("lang", "heading"), [("nl", "Je hebt nu geen internet"), ("ar", None)])
def test_offline_the_emergency_card_opens_in_the_chosen_language(
    installed: BrowserContext, lang: str, heading: str | None
) -> None:
    page = _page(installed, f"/{lang}/")
    installed.set_offline(True)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if lang == "ar":
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
    card = page.locator("main")
    if heading:
        expect(card.get_by_role("heading", level=1)).to_have_text(heading)
    for number in ("tel:112", "tel:08000432", "tel:08002000", "tel:113", "tel:08000113"):
        expect(card.locator(f'a[href="{number}"]')).to_be_visible()
    # A page never visited opens the card too, and the styles come from the pre-cache.
    page.goto(f"/{lang}/overzicht")
    expect(page.locator('main a[href="tel:112"]')).to_be_visible()
    # app.css sets the body's margin to 0 (a browser's own is 8px): the styles came from the cache.
    assert page.evaluate("() => getComputedStyle(document.body).marginTop") == "0px"
    installed.set_offline(False)


def test_offline_the_quick_exit_still_leaves(installed: BrowserContext, neutral_site: str) -> None:
    """Offline, the service worker answers /uit itself with the way out: the browser then asks
    for the neutral site (which, offline, it cannot load - but it has left this site)."""
    page = _page(installed, "/nl/")
    installed.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je hebt nu geen internet")
    with page.expect_request(lambda r: r.url.startswith(neutral_site)) as leaving:
        page.get_by_role("link", name="Snel weg", exact=True).click()
    assert leaving.value.is_navigation_request()
    installed.set_offline(False)


def test_no_answer_page_is_ever_cached(installed: BrowserContext) -> None:
    page = _page(installed, "/nl/")
    answer_all(
        page,
        topics=["Ik word gepest"],
        age="12 tot en met 15",
        contact="Bellen",
        goal="Dat iemand naar mij luistert",
    )
    assert shown_services(page)
    page.goto("/nl/overzicht")
    page.goto("/nl/tips")
    cached = page.evaluate(CACHED)
    assert len(cached) == 1
    (paths,) = cached.values()
    offline_cards = {f"/{lang}/offline" for lang in ("nl", "en", "ar", "tr", "pl", "uk")}
    static = {p for p in paths if p.startswith("/static/")}
    assert set(paths) == offline_cards | static
    assert {p.split("/")[2] for p in static} == {"css", "vendor", "js", "icons"}


def test_the_quick_exit_clears_the_service_worker_and_its_cache(
    installed: BrowserContext, neutral_site: str, base_url: str
) -> None:
    page = _page(installed, "/nl/")
    assert page.evaluate(CACHED) != {}
    page.get_by_role("link", name="Snel weg", exact=True).click()
    page.wait_for_url(neutral_site)
    page.wait_for_timeout(300)
    page.goto(f"{base_url}/healthz")  # a page of ours without the app's script
    assert page.evaluate(CACHED) == {}
    assert (
        page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    )
