"""The journey in Chromium on a 360x740 phone screen, with JavaScript and without it."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page, Route, expect

from tests.browser.journey import QUESTION_HEADINGS, answer_all, shown_services, wait_for_heading

EXAMPLE = {
    "topics": ["Er is veel ruzie of geweld thuis"],
    "age": "8 tot en met 11",
    "contact": "Typen (chat)",
    "goal": "Dat iemand naar mij luistert",
}


def _api_order(base_url: str) -> list[str]:
    body = {
        "danger": "no",
        "topics": ["home_fights"],
        "age": "8_11",
        "contact": "chat",
        "goal": "listen",
    }
    data = httpx.post(f"{base_url}/api/v1/recommendations", json=body).json()
    return [o["service"] for o in data["options"]]


def test_journey_with_javascript_is_one_history_entry(page: Page, base_url: str) -> None:
    page.goto("/nl/")
    assert page.viewport_size == {"width": 360, "height": 740}
    history = page.evaluate("() => history.length")
    answer_all(page, **EXAMPLE)
    assert shown_services(page) == _api_order(base_url)
    assert shown_services(page)[0] == "kindertelefoon"
    assert page.url == f"{base_url}/nl/"  # htmx swapped the main area; the URL never changed
    assert page.evaluate("() => history.length") == history
    # after a swap, focus is on the new heading so screen readers hear it
    page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=5000)
    # nothing left on the phone (htmx's history cache is configured off)
    stored = page.evaluate("() => [document.cookie, localStorage.length, sessionStorage.length]")
    assert stored == ["", 0, 0]


def test_journey_without_javascript(no_js_page: Page, base_url: str) -> None:
    page = no_js_page
    page.goto("/nl/")
    answer_all(page, **EXAMPLE)
    assert shown_services(page) == _api_order(base_url)
    assert "?" not in page.url and page.url.endswith("/nl/stap")  # answers only in POST bodies


def test_back_and_skip_with_javascript(page: Page) -> None:
    page.goto("/nl/")
    page.get_by_role("link", name="Begin", exact=True).first.click()
    page.get_by_role("button", name="Nee", exact=True).click()
    wait_for_heading(page, QUESTION_HEADINGS["topics"])
    page.get_by_label("Ik word gepest").check()
    page.get_by_role("button", name="Verder").click()
    wait_for_heading(page, QUESTION_HEADINGS["age"])
    page.get_by_role("button", name="Vorige").click()
    wait_for_heading(page, QUESTION_HEADINGS["topics"])
    expect(page.get_by_label("Ik word gepest")).to_be_checked()
    page.get_by_role("button", name="Sla over").click()
    wait_for_heading(page, QUESTION_HEADINGS["age"])
    for _ in range(3):
        page.get_by_role("button", name="Sla over").click()
    wait_for_heading(page, "Hier kun je terecht")
    assert set(shown_services(page)) == {"kindertelefoon", "veilig_thuis", "school_confidant"}


def test_danger_goes_straight_to_112(page: Page) -> None:
    page.goto("/nl/stap")
    page.get_by_role("button", name="Ja", exact=True).click()
    wait_for_heading(page, "Bel nu 112")
    assert shown_services(page)[:2] == ["emergency_112", "veilig_thuis"]
    expect(page.locator('[data-service="emergency_112"] a[href="tel:112"]')).to_be_visible()
    page.get_by_role("button", name="Verder met de vragen").click()
    wait_for_heading(page, QUESTION_HEADINGS["topics"])


def test_no_connection_shows_the_helplines(page: Page) -> None:
    page.goto("/nl/stap")

    def fail(route: Route) -> None:
        route.abort("internetdisconnected")

    page.route("**/nl/stap", fail)
    page.get_by_role("button", name="Nee", exact=True).click()
    offline = page.locator("#offline")
    expect(offline).to_be_visible()
    expect(offline.locator('a[href="tel:112"]')).to_be_visible()
    expect(offline.locator('a[href="tel:08002000"]')).to_be_visible()


def test_quick_exit_and_112_stay_in_view_on_a_phone(page: Page) -> None:
    page.goto("/nl/overzicht")
    page.mouse.wheel(0, 3000)
    expect(page.get_by_role("link", name="Snel weg", exact=True)).to_be_in_viewport()
    expect(page.get_by_role("link", name="In gevaar? Bel 112")).to_be_in_viewport()


def test_a_tap_right_after_a_swap_stays_in_the_page(page: Page, base_url: str) -> None:
    """The swapped-in form must be live at once: a tap in the same instant the question
    appears is handled by htmx, never submitted as a full page load (a new history entry)."""
    page.goto("/nl/stap")
    history = page.evaluate("() => history.length")
    page.evaluate(
        """() => new MutationObserver((_, observer) => {
             const next = document.querySelector("input[name=topics][value=bullying]");
             if (!next) return;
             observer.disconnect();
             next.click();
             document.querySelector("button[name=nav][value=next]").click();
           }).observe(document.getElementById("main"), {childList: true, subtree: true})"""
    )
    page.locator("button[name=danger][value=no]").click()
    page.locator("button[name=age]").first.wait_for()
    assert page.url == f"{base_url}/nl/stap"  # the GET page we started on: no navigation
    assert page.evaluate("() => history.length") == history


def test_knows_where_thanks_in_place_with_javascript(page: Page, base_url: str) -> None:
    page.goto("/nl/")
    answer_all(page, **EXAMPLE)
    history = page.evaluate("() => history.length")
    page.get_by_role("button", name="Ja", exact=True).click()
    expect(page.locator("#feedback[role=status]")).to_contain_text("Dank je!")
    assert page.evaluate("() => history.length") == history  # no new history entry
    assert page.url == f"{base_url}/nl/"
    assert page.locator("[data-service]").count() > 0  # the places stay on the page


def test_knows_where_without_javascript_thanks_and_leads_back(no_js_page: Page) -> None:
    page = no_js_page
    page.goto("/nl/")
    answer_all(page, **EXAMPLE)
    before = shown_services(page)
    page.get_by_role("button", name="Nee", exact=True).click()
    expect(page.locator("h1")).to_have_text("Dank je!")
    page.get_by_role("button", name="Terug naar de plekken").click()
    page.locator("[data-service]").first.wait_for()
    assert shown_services(page) == before
