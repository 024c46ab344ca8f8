"""WCAG 2.2 AA beyond what axe sees: contrast in forced states, keyboard only, reflow, targets,
visible focus, reduced motion, right-to-left, and read-aloud with on-device voices only."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from app.web.i18n import translations
from tests.browser.phone import PHONE
from tests.browser.test_accessibility import AXE, PAGES

CONTRAST_PAGES = ["start", "topics", "results", "overview", "tips"]


def _contrast_violations(page: Page) -> list[str]:
    page.evaluate(AXE)
    return list(
        page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']},"
            " resultTypes: ['violations']}).then(r => r.violations.flatMap("
            " v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)))"
        )
    )


@pytest.mark.parametrize("state", ["hover", "focus", "focus-visible", "active"])
@pytest.mark.parametrize("name", CONTRAST_PAGES)
def test_contrast_holds_in_every_state(page: Page, name: str, state: str) -> None:
    PAGES[name](page, "nl")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send(
        "DOM.querySelectorAll", {"nodeId": root, "selector": "a, button, summary, label"}
    )["nodeIds"]
    assert nodes
    for node in nodes:
        cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": [state]})
    assert _contrast_violations(page) == []


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_the_whole_journey_works_with_the_keyboard_only(page: Page) -> None:
    page.goto("/nl/")
    _tab_to(page, "main a.button.primary")
    page.keyboard.press("Enter")
    page.locator("button[name=danger]").first.wait_for()
    page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=5000)
    _tab_to(page, "button[name=danger][value=no]")
    page.keyboard.press("Enter")
    page.locator("input[name=topics]").first.wait_for()
    _tab_to(page, "input[name=topics][value=bullying]")
    page.keyboard.press("Space")
    _tab_to(page, "button[name=nav][value=next]")
    page.keyboard.press("Enter")
    page.locator("button[name=age]").first.wait_for()
    _tab_to(page, "button[name=age][value='12_15']")
    page.keyboard.press("Enter")
    page.locator("button[name=contact]").first.wait_for()
    _tab_to(page, "button[name=contact][value=call]")
    page.keyboard.press("Enter")
    page.locator("button[name=goal]").first.wait_for()
    _tab_to(page, "button[name=goal][value=change]")
    page.keyboard.press("Enter")
    page.locator("[data-service]").first.wait_for()
    # htmx moves focus once the swap has settled: wait for it (fails after 5 s if it never does)
    page.wait_for_function("() => document.activeElement.tagName === 'H1'", timeout=5000)
    assert page.evaluate("() => document.activeElement.textContent") == "Hier kun je terecht"
    _tab_to(page, "[data-service] a[href^='tel:'], [data-service] a[href^='https:']")


def _focus_visible_everywhere(page: Page) -> list[str]:
    missing = []
    seen = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; const s = getComputedStyle(e);
            return [[...document.querySelectorAll('*')].indexOf(e) + ' ' + e.outerHTML.slice(0, 60),
            s.outlineStyle !== 'none' && s.outlineWidth !== '0px' || s.boxShadow !== 'none',
            e === document.body]; }"""
        )
        if info[0] in seen or info[2]:  # back at the start, or out of the page
            break
        seen.add(info[0])
        if not info[1]:
            missing.append(info[0])
    assert len(seen) > 10
    return missing


@pytest.mark.parametrize("name", ["start", "topics", "results", "tips"])
def test_keyboard_focus_is_always_visible(page: Page, name: str) -> None:
    PAGES[name](page, "nl")
    assert _focus_visible_everywhere(page) == []


REFLOW = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [320, 180])  # 320 px; a 360 px phone at 200% zoom
@pytest.mark.parametrize("lang", ["nl", "ar", "uk"])
def test_reflow_without_sideways_scrolling(
    browser: Browser, base_url: str, width: int, lang: str
) -> None:
    context = browser.new_context(
        **{**PHONE, "viewport": {"width": width, "height": 640}}, base_url=base_url
    )
    page = context.new_page()
    try:
        for name in ("start", "topics", "results", "emergency", "overview", "tips", "about"):
            PAGES[name](page, lang)
            assert page.evaluate(REFLOW), f"{name} scrolls sideways at {width} px"
    finally:
        context.close()


TARGETS = """() => [...document.querySelectorAll('a, button, summary, [type=checkbox] + label')]
  .filter(e => e.offsetParent !== null && !e.closest('.visually-hidden, .skip'))
  .filter(e => !(getComputedStyle(e).display === 'inline' && e.closest('p')))  // in a sentence
  .map(e => { const r = e.getBoundingClientRect();
              return [e.textContent.trim().slice(0, 30), Math.round(r.width),
                      Math.round(r.height)]; })
  .filter(([, w, h]) => w < 44 || h < 44)"""


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize("name", ["start", "danger", "topics", "results", "overview", "tips"])
def test_touch_targets_are_at_least_44_px(page: Page, name: str, lang: str) -> None:
    PAGES[name](page, lang)
    assert page.evaluate(TARGETS) == []


def test_reduced_motion_is_respected(browser: Browser, base_url: str) -> None:
    context = browser.new_context(**PHONE, base_url=base_url, reduced_motion="reduce")
    page = context.new_page()
    try:
        PAGES["results"](page, "nl")
        moving = page.evaluate(
            """() => [...document.querySelectorAll('*')].filter(e => {
                 const s = getComputedStyle(e);
                 return s.animationName !== 'none' || !/^0s(, 0s)*$/.test(s.transitionDuration);
               }).map(e => e.tagName)"""
        )
        assert moving == []
        assert page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior") == (
            "auto"
        )
    finally:
        context.close()


def test_arabic_mirrors_the_layout(page: Page) -> None:
    positions = {}
    for lang in ("nl", "ar"):
        page.goto(f"/{lang}/")
        exit_box = page.locator("a.exit").bounding_box()
        call_box = page.locator("a.call-112").bounding_box()
        assert exit_box and call_box
        positions[lang] = exit_box["x"] < call_box["x"]
        direction = page.evaluate("() => getComputedStyle(document.body).direction")
        assert direction == ("rtl" if lang == "ar" else "ltr")
    assert positions["nl"] != positions["ar"]  # the same place in reading order, mirrored


# --- read aloud -------------------------------------------------------------------------------

VOICES = """(voices) => {
  window.__spoken = [];
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  Object.defineProperty(window, "speechSynthesis", { value: {
    speaking: false, cancelled: 0,
    getVoices() { return voices; },
    speak(u) {
      this.speaking = true;
      window.__spoken.push({voice: u.voice.name, lang: u.lang, text: u.text});
    },
    cancel() { this.speaking = false; this.cancelled += 1; },
    addEventListener() {},
  } });
}"""
REMOTE_NL = {"name": "Online NL", "lang": "nl-NL", "localService": False}
LOCAL_NL = {"name": "Lokaal NL", "lang": "nl-NL", "localService": True}
LOCAL_AR = {"name": "Local AR", "lang": "ar-SA", "localService": True}


def _with_voices(page: Page, voices: list[dict[str, Any]]) -> None:
    page.add_init_script(
        f"({VOICES})({voices!r})".replace("True", "true").replace("False", "false")
    )


def test_read_aloud_uses_an_on_device_voice_and_sends_nothing(page: Page) -> None:
    _with_voices(page, [REMOTE_NL, LOCAL_NL, LOCAL_AR])
    page.goto("/nl/tips")
    button = page.get_by_role("button", name="Lees voor")
    expect(button).to_be_visible()
    expect(page.get_by_text("Anderen in de buurt kunnen meeluisteren")).to_be_visible()
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    page.on("request", record)
    button.click()
    spoken = page.evaluate("() => window.__spoken")
    assert [(s["voice"], s["lang"]) for s in spoken] == [("Lokaal NL", "nl-NL")]
    assert spoken[0]["text"].startswith("Zo wis je je sporen")
    expect(page.get_by_role("button", name="Stop met voorlezen")).to_be_visible()
    page.wait_for_timeout(200)
    assert requests == []  # no request of any kind


@pytest.mark.parametrize(
    ("lang", "voices"),
    [("nl", [REMOTE_NL]), ("tr", [LOCAL_NL, LOCAL_AR]), ("nl", [])],
    ids=["only-an-online-voice", "no-voice-for-the-language", "no-voices"],
)
def test_read_aloud_is_hidden_without_a_local_voice(
    page: Page, lang: str, voices: list[dict[str, Any]]
) -> None:
    _with_voices(page, voices)
    page.goto(f"/{lang}/")
    label = translations(lang).gettext("Lees voor")
    expect(page.get_by_role("button", name=label)).to_be_hidden()


def test_read_aloud_in_arabic_and_stops_when_the_page_changes(page: Page) -> None:
    _with_voices(page, [LOCAL_NL, LOCAL_AR])
    page.goto("/ar/")
    page.locator("#read-aloud button").click()
    assert page.evaluate("() => window.__spoken[0].voice") == "Local AR"
    page.locator("main a.button.primary").click()  # htmx swaps in the first question
    page.locator("button[name=danger]").first.wait_for()
    assert page.evaluate("() => speechSynthesis.cancelled") >= 1
