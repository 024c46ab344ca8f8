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

from app.web.i18n import LANGUAGES

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


def _goto(path: str) -> Callable[[Page, str], None]:
    return lambda page, lang: page.goto(path.format(lang=lang))


# The journey by its form fields, so the same steps work in every language.
STEPS = [
    ("button[name=danger][value=no]", "input[name=topics]"),
    ("input[name=topics][value=bullying]", None),  # ticked; then "next"
    ("button[name=age][value='8_11']", "button[name=contact]"),
    ("button[name=contact][value=chat]", "button[name=goal]"),
    ("button[name=goal][value=listen]", "[data-service]"),
]
FIELDS = ["button[name=danger]", "input[name=topics]", "button[name=age]",
          "button[name=contact]", "button[name=goal]"]  # fmt: skip


def _question(index: int) -> Callable[[Page, str], None]:
    def go(page: Page, lang: str) -> None:
        page.goto(f"/{lang}/stap")
        for i in range(index):
            selector, _ = STEPS[i]
            if "input" in selector:
                page.locator(selector).check()
                page.locator("button[name=nav][value=next]").click()
            else:
                page.locator(selector).click()
            page.locator(FIELDS[i + 1]).first.wait_for()

    return go


def _results(page: Page, lang: str) -> None:
    _question(4)(page, lang)
    page.locator(STEPS[4][0]).click()
    page.locator("[data-service]").first.wait_for()
    page.locator("details").evaluate_all("ds => ds.forEach(d => d.open = true)")


def _emergency(page: Page, lang: str) -> None:
    page.goto(f"/{lang}/stap")
    page.locator("button[name=danger][value=yes]").click()
    page.locator('[data-service="emergency_112"]').wait_for()


def _topics_error(page: Page, lang: str) -> None:
    _question(1)(page, lang)
    page.locator("button[name=nav][value=next]").click()
    page.locator("#choice-error").wait_for()


def _routing_trial(page: Page, lang: str) -> None:
    page.goto(f"/{lang}/volwassenen/routering")
    page.locator("label[for=try-topics-sad]").click()
    page.locator("input[name=at]").fill("2027-01-01T03:00")
    page.locator("form.try button[type=submit]").click()
    page.locator(".notice").first.wait_for()


def _thanks(page: Page, lang: str) -> None:
    """After "Ja" under the results: the thank-you in place (with JS) or its page (without)."""
    _results(page, lang)
    page.locator("button[name=knows_where][value=yes]").click()
    page.locator("#feedback[role=status], h1.thanks").first.wait_for()


PAGES: dict[str, Callable[[Page, str], None]] = {
    "start": _goto("/{lang}/"),
    "danger": _question(0),
    "topics": _question(1),
    "topics-error": _topics_error,
    "age": _question(2),
    "contact": _question(3),
    "goal": _question(4),
    "results": _results,
    "emergency": _emergency,
    "overview": _goto("/{lang}/overzicht"),
    "tips": _goto("/{lang}/tips"),
    "about": _goto("/{lang}/over"),
    "not-found": _goto("/{lang}/bestaat-niet"),
    "offline-card": _goto("/{lang}/offline"),
    "adults": _goto("/{lang}/volwassenen"),
    "routing": _goto("/{lang}/volwassenen/routering"),
    "routing-trial": _routing_trial,
    "sources": _goto("/{lang}/volwassenen/bronnen"),
    "posters": _goto("/{lang}/volwassenen/posters"),
    "link-kit": _goto("/{lang}/volwassenen/link"),
    "accessibility": _goto("/{lang}/volwassenen/toegankelijkheid"),
    "figures": _goto("/{lang}/cijfers"),
    "thanks": _thanks,
}
LANGS = list(LANGUAGES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", PAGES)
def test_no_axe_violations_with_javascript(page: Page, name: str, lang: str) -> None:
    PAGES[name](page, lang)
    assert page.locator("html").get_attribute("lang") == lang
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize(
    "name",
    [
        "start",
        "danger",
        "topics",
        "results",
        "thanks",
        "emergency",
        "overview",
        "routing",
        "sources",
    ],
)
def test_no_axe_violations_as_a_visitor_without_javascript(
    page: Page, name: str, lang: str
) -> None:
    def block(route: Route) -> None:
        route.abort()

    page.route("**/static/**/*.js", block)
    page.route("**/sw.js", block)
    PAGES[name](page, lang)
    assert page.evaluate("() => typeof htmx") == "undefined"
    assert violations(page) == []


def test_the_axe_check_can_fail(page: Page) -> None:
    page.goto("/nl/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/x.png';"
        " document.body.append(i); }"
    )
    assert any(v.startswith("image-alt") for v in violations(page))
