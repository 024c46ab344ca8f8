"""Checks that every page the test client fetches must pass (style.md: test the page).

Full pages: parses as HTML5 without errors, <html lang dir>, the one discreet title, every form
posts to an action on our origin, the quick-exit link and tel:112 are there, no inline script or
style, outbound links carry rel=noreferrer, no text inputs. htmx fragments get the same checks
minus the page frame.
"""

from __future__ import annotations

from typing import Any

import html5lib
from bs4 import BeautifulSoup

# The discreet title of each region the tests use (the default, and the sample region).
SITE_TITLES = ("Jeugd Wassenaar", "Jeugd Voorbeeld")


def _strict_parse(html: str, fragment: bool) -> None:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    if fragment:
        parser.parseFragment(html)
    else:
        parser.parse(html)
    assert not parser.errors, f"HTML parse errors: {parser.errors[:5]}"


def check_html(html: str, fragment: bool, lang: str = "nl") -> BeautifulSoup:
    _strict_parse(html, fragment)
    soup = BeautifulSoup(html, "html5lib")
    if not fragment:
        root = soup.find("html")
        assert root is not None and root.get("lang") == lang, "html lang"
        assert root.get("dir") in ("ltr", "rtl"), "html dir"
        titles = [t for t in soup.find_all("title") if t.find_parent("svg") is None]
        assert len(titles) == 1 and titles[0].get_text() in SITE_TITLES, f"title: {titles}"
        exits = soup.select("a.exit")
        assert len(exits) == 1, "one quick-exit link"
        assert exits[0]["href"] == "/uit"
        assert {"nofollow", "noreferrer"} <= set(exits[0].get("rel", [])), "exit rel"
        assert soup.select('a[href="tel:112"]'), "a tel:112 link"
        scripts = soup.find_all("script")
        if any("htmx" in s.get("src", "") for s in scripts):  # not on the offline card
            config = soup.find("meta", attrs={"name": "htmx-config"})
            assert config is not None and '"selfRequestsOnly":true' in config["content"]
        assert scripts and all(s.get("src", "").startswith("/static/") for s in scripts)
    for script in soup.find_all("script"):
        assert script.get("src"), "no inline script"
        assert not script.get_text().strip(), "no inline script body"
    assert not soup.find_all("style"), "no <style>"
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert attr != "style", f"style= on <{tag.name}>"
            assert not attr.startswith("on"), f"{attr}= on <{tag.name}>"
            htmx = attr.removeprefix("data-")  # htmx reads both spellings (security.md B)
            assert not htmx.startswith("hx-on"), f"{attr}= on <{tag.name}>"
            assert htmx not in ("hx-boost", "hx-push-url"), f"{attr} on <{tag.name}>"
            assert not attr.startswith("hx-"), f"{attr}: write data-{attr} (valid HTML)"
    for form in soup.find_all("form"):
        assert form.get("action", "").startswith("/"), "every form has a same-origin action"
        assert form.get("method") == "post"
    for field in soup.find_all(["input", "textarea"]):
        assert field.name != "textarea", "no textarea"
        # datetime-local (the adults' trial of a moment) holds no free text and is never
        # autofilled; text and search fields are (security.md B).
        assert field.get("type") in ("hidden", "checkbox", "radio", "datetime-local"), (
            f"input type {field.get('type')}"
        )
    for link in soup.find_all("a"):
        href = link.get("href", "")
        assert not href.startswith("javascript:"), "no javascript: URL"
        assert link.get("target") is None, "no target="
        if not href.startswith(("/", "#")):
            assert href.startswith(("https://", "tel:")), f"outbound URL {href}"
            assert "noreferrer" in link.get("rel", []), f"rel=noreferrer on {href}"
    return soup


def check_response(response: Any) -> None:
    """Run the page checks on an HTML response (fragment when it answered an htmx request)."""
    if not response.headers.get("content-type", "").startswith("text/html"):
        return
    if response.request.method == "HEAD":  # no body to check (tests/web/test_robustness.py)
        return
    fragment = response.request.headers.get("hx-request") == "true"
    lang = response.headers.get("content-language", "nl")
    check_html(response.text, fragment, lang)
