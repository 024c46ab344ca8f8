"""security.md §C in a real browser: nothing stays on the phone, only our origin is contacted,
and Back after leaving shows nothing the child answered - with the back-forward cache ON.

Playwright starts Chromium with --disable-back-forward-cache; a reset test under that flag would
pass without testing anything, so the bfcache tests launch their own browser without it and
prove, with a control run, that Chromium really restores the page when our reset is off.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Error,
    Page,
    Playwright,
    Request,
    expect,
)

from tests.browser.journey import answer_all, shown_services, wait_for_heading
from tests.browser.phone import CHROMIUM, CHROMIUM_ARGS, PHONE

EXAMPLE = {
    "topics": ["Er is veel ruzie of geweld thuis"],
    "age": "12 tot en met 15",
    "contact": "Typen (chat)",
    "goal": "Dat er iets verandert, dat iemand helpt",
}
START_HEADING = "Wie helpt mij?"
NOTHING_STORED = """async () => ({
  cookie: document.cookie,
  local: localStorage.length,
  session: sessionStorage.length,
  indexedDB: (await indexedDB.databases()).length,
  caches: (await caches.keys()).filter(name => !name.startsWith("offline-")).length,
})"""
# The service worker's one cache ("offline-...") holds only static files and the emergency
# card: tests/browser/test_pwa.py lists its entries. Nothing else may exist.
EMPTY = {"cookie": "", "local": 0, "session": 0, "indexedDB": 0, "caches": 0}
# The control run: the same page with our pagehide/pageshow reset switched off.
WITHOUT_RESET = """(() => {
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === window && (type === "pageshow" || type === "pagehide")) return;
    return add.call(this, type, ...rest);
  };
})();"""


def _record_requests(context: BrowserContext) -> list[str]:
    urls: list[str] = []

    def record(request: Request) -> None:
        urls.append(request.url)

    context.on("request", record)
    return urls


def test_a_journey_with_javascript_leaves_nothing(
    context: BrowserContext, page: Page, base_url: str
) -> None:
    urls = _record_requests(context)
    page.goto("/nl/")
    history = page.evaluate("() => history.length")
    answer_all(page, **EXAMPLE)
    page.goto("/nl/overzicht")
    page.goto("/nl/tips")
    assert len(shown_services(page)) == 0
    assert page.evaluate(NOTHING_STORED) == EMPTY
    assert context.cookies() == []
    assert page.evaluate("() => history.length") == history + 2  # the two page links only
    assert urls and all(url.startswith(f"{base_url}/") for url in urls), urls


def test_a_journey_without_javascript_contacts_only_our_origin(
    no_js_page: Page, base_url: str
) -> None:
    urls = _record_requests(no_js_page.context)
    no_js_page.goto("/nl/")
    answer_all(no_js_page, **EXAMPLE)
    assert shown_services(no_js_page)
    assert no_js_page.context.cookies() == []
    assert urls and all(url.startswith(f"{base_url}/") for url in urls), urls


@pytest.fixture(scope="module")
def bfcache_browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium", pytrace=False)
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield browser
    browser.close()


def _leave_and_come_back(
    browser: Browser,
    base_url: str,
    neutral_site: str,
    journey: bool,
    heading: str,
    init_script: str | None = None,
) -> dict[str, Any]:
    """Open the first question (or answer everything, with JS), follow a link to another site
    in the same tab, as a child following a helpline link does, then press Back."""
    context = browser.new_context(**PHONE, base_url=base_url)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.enable")
    not_restored: list[Any] = []
    cdp.on("Page.backForwardCacheNotUsed", lambda event: not_restored.append(event))
    if journey:
        page.goto("/nl/")
        answer_all(page, **EXAMPLE)
        assert shown_services(page)
    else:
        page.goto("/nl/stap")
        wait_for_heading(page, "Ben je nu in gevaar")
    # Let the service worker take control first: its first clients.claim() would otherwise
    # evict the page from the cache and hide what this test is about.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.evaluate("url => { location.href = url; }", neutral_site)
    page.wait_for_url(neutral_site)
    page.go_back(wait_until="commit")
    # Wait for the heading this run expects (the reset navigates once more), up to 10 s.
    expect(page.get_by_role("heading", level=1).first).to_contain_text(heading, timeout=10_000)
    result = {
        "heading": page.get_by_role("heading", level=1).first.inner_text(),
        "services": shown_services(page),
        "hidden_fields": page.locator("input[type=hidden]").count(),
        "not_restored": sorted(
            {r["reason"] for e in not_restored for r in e["notRestoredExplanations"]}
        ),
        "url": page.url,
    }
    context.close()
    return result


def test_back_from_the_cache_resets_to_the_start(
    bfcache_browser: Browser, base_url: str, neutral_site: str
) -> None:
    """The mechanism, with the back-forward cache really restoring the page."""
    control = _leave_and_come_back(
        bfcache_browser,
        base_url,
        neutral_site,
        journey=False,
        heading="Ben je nu in gevaar",
        init_script=WITHOUT_RESET,
    )
    # Without our reset Chromium restores the question page from its back-forward cache, form
    # and all: the danger is real in this browser, so the next run tests something.
    assert control["not_restored"] == [], control
    assert control["heading"].startswith("Ben je nu in gevaar") and control["hidden_fields"]
    result = _leave_and_come_back(
        bfcache_browser, base_url, neutral_site, journey=False, heading=START_HEADING
    )
    assert result["not_restored"] == []  # restored from the cache, then reset by our script
    assert result["heading"] == START_HEADING and result["hidden_fields"] == 0
    assert result["url"] == f"{base_url}/nl/"


def test_back_after_answering_shows_only_the_start(
    bfcache_browser: Browser, base_url: str, neutral_site: str
) -> None:
    """The whole story: answers on screen, a helpline link, Back. Chromium keeps such a page out
    of its cache (its answers came by no-store fetches); other browsers may not, and then the
    reset above takes over. Either way the child sees only the start."""
    result = _leave_and_come_back(
        bfcache_browser, base_url, neutral_site, journey=True, heading=START_HEADING
    )
    assert result["services"] == [] and result["hidden_fields"] == 0
    assert result["heading"] == START_HEADING
    assert "JsNetworkRequestReceivedCacheControlNoStoreResource" in result["not_restored"]


def test_back_to_results_without_javascript_never_shows_the_answers(
    no_js_page: Page, neutral_site: str
) -> None:
    no_js_page.goto("/nl/")
    answer_all(no_js_page, **EXAMPLE)
    no_js_page.goto(neutral_site)
    # The results came from a POST with no-store: the browser will not show them from its
    # cache. A person sees "Confirm form resubmission"; the tips page says: choose no.
    with pytest.raises(Error, match="ERR_CACHE_MISS"):
        no_js_page.go_back()
    no_js_page.wait_for_load_state()
    expect(no_js_page.locator("[data-service]")).to_have_count(0)
    expect(no_js_page.get_by_text("Hier kun je terecht")).to_have_count(0)


def test_quick_exit_in_an_installed_app(page: Page, neutral_site: str) -> None:
    """An installed app (display-mode: standalone) cannot be made headless, and Chromium cannot
    emulate that media feature. The exit code has no branch on the display mode; this makes the
    page believe it is installed and takes the same exit. Checked by hand on a phone: README."""
    page.add_init_script(
        """(() => {
          const real = window.matchMedia.bind(window);
          window.matchMedia = (q) => q.includes("display-mode: standalone")
            ? { matches: true, media: q, addEventListener() {}, removeEventListener() {} }
            : real(q);
        })();"""
    )
    page.goto("/nl/stap")
    assert page.evaluate("() => matchMedia('(display-mode: standalone)').matches")
    page.get_by_role("link", name="Snel weg", exact=True).click()
    page.wait_for_url(neutral_site)
