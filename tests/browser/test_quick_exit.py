"""Quick exit in Chromium: the button, the hidden skip link, Shift x3, and without JS.

The exit destination is a second local server (never a real site)."""

from __future__ import annotations

from playwright.sync_api import Page, Route, expect

SPEAKING = """Object.defineProperty(window, "speechSynthesis", { value: {
  speaking: true, cancelled: 0, getVoices() { return []; }, speak() {},
  cancel() { this.cancelled += 1; this.speaking = false; } } });"""


def test_button_blanks_the_page_then_leaves(page: Page, neutral_site: str) -> None:
    page.add_init_script(SPEAKING)  # as if "Lees voor" is reading the page aloud
    page.goto("/nl/stap")
    history = page.evaluate("() => history.length")
    held: list[Route] = []
    page.route("**/uit", lambda route: held.append(route))
    # Click from inside the page and read the state in the same synchronous call: the page is
    # blank before the click handler returns, long before the exit hop answers.
    state = page.evaluate(
        "() => { document.querySelector('a.exit').click();"
        " const html = document.documentElement;"
        " return [html.className, getComputedStyle(document.body).visibility,"
        " speechSynthesis.cancelled]; }"
    )
    assert state == ["leaving", "hidden", 1]  # blank, and the speech stopped
    for _ in range(100):  # up to 5 s on a busy machine
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1  # the browser is on its way to our exit hop
    held[0].continue_()
    page.wait_for_url(neutral_site)
    assert page.evaluate("() => history.length") == history  # location.replace: no new entry


def test_hidden_skip_link_leaves(page: Page, neutral_site: str) -> None:
    page.goto("/nl/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == "Snel weg van deze site"
    page.keyboard.press("Enter")
    page.wait_for_url(neutral_site)


def test_shift_three_times_leaves(page: Page, neutral_site: str) -> None:
    page.goto("/nl/stap")
    page.keyboard.press("Shift")
    expect(page.locator("#exit-status")).to_have_text(
        "Druk nog 2 keer op Shift om snel weg te gaan."
    )
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)


def test_shift_for_a_capital_and_a_slow_shift_do_not_count(page: Page) -> None:
    page.clock.install()
    page.goto("/nl/stap")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift+A")  # typing a capital resets the count
    page.keyboard.press("Shift")
    page.clock.fast_forward(6000)  # more than 5 s since the last press: starts again
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    expect(page.locator("#exit-status")).to_have_text(
        "Druk nog 1 keer op Shift om snel weg te gaan."
    )
    assert page.url.endswith("/nl/stap")


def test_without_javascript_the_link_still_leaves(no_js_page: Page, neutral_site: str) -> None:
    no_js_page.goto("/nl/stap")
    no_js_page.get_by_role("link", name="Snel weg", exact=True).click()
    no_js_page.wait_for_url(neutral_site)
