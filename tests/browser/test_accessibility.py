"""axe-core in Chromium on every page (WCAG 2.2 AA tags): zero violations, with and without JS.

axe is evaluated through Playwright (page.evaluate), so the strict CSP stays on. "Without JS"
keeps JavaScript on for axe but blocks the app's own scripts, as a no-JS visitor sees the page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from playwright.sync_api import Page, Route

from tests.browser.journey import QUESTION_HEADINGS, wait_for_heading

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Path(AXE_FILE_PATH).read_text()


def violations(page: Page) -> list[str]:
    page.evaluate(AXE)
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']}).then(r => r.violations.map(v => v.id + ': ' + v.help"
        " + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        TAGS,
    )
    return list(found)


def _goto(path: str) -> Callable[[Page], None]:
    return lambda page: page.goto(path)


def _question(index: int) -> Callable[[Page], None]:
    def go(page: Page) -> None:
        page.goto("/nl/stap")
        names = ["Nee", None, "8 tot en met 11", "Typen (chat)"]
        for name in names[:index]:
            if name is None:
                page.get_by_label("Ik word gepest").check()
                page.get_by_role("button", name="Verder").click()
            else:
                page.get_by_role("button", name=name, exact=True).click()
        wait_for_heading(page, list(QUESTION_HEADINGS.values())[index])

    return go


def _results(page: Page) -> None:
    _question(4)(page)
    page.get_by_role("button", name="Dat iemand naar mij luistert").click()
    wait_for_heading(page, "Hier kun je terecht")
    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")


def _emergency(page: Page) -> None:
    page.goto("/nl/stap")
    page.get_by_role("button", name="Ja", exact=True).click()
    wait_for_heading(page, "Bel nu 112")


def _topics_error(page: Page) -> None:
    _question(1)(page)
    page.get_by_role("button", name="Verder").click()
    page.get_by_text("Kies iets. Of kies Sla over.").wait_for()


PAGES: dict[str, Callable[[Page], None]] = {
    "start": _goto("/nl/"),
    "danger": _question(0),
    "topics": _question(1),
    "topics-error": _topics_error,
    "age": _question(2),
    "contact": _question(3),
    "goal": _question(4),
    "results": _results,
    "emergency": _emergency,
    "overview": _goto("/nl/overzicht"),
    "tips": _goto("/nl/tips"),
    "about": _goto("/nl/over"),
    "not-found": _goto("/nl/bestaat-niet"),
}


@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_with_javascript(page: Page, name: str) -> None:
    PAGES[name](page)
    assert violations(page) == []


@pytest.mark.parametrize("name", ["start", "danger", "topics", "results", "emergency", "overview"])
def test_no_axe_violations_as_a_visitor_without_javascript(page: Page, name: str) -> None:
    def block(route: Route) -> None:
        route.abort()

    page.route("**/static/**/*.js", block)
    PAGES[name](page)
    assert page.evaluate("() => typeof htmx") == "undefined"
    assert violations(page) == []


def test_the_axe_check_can_fail(page: Page) -> None:
    page.goto("/nl/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/x.png';"
        " document.body.append(i); }"
    )
    assert any(v.startswith("image-alt") for v in violations(page))
