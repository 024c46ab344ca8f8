"""Six languages: the path chooses, `/` negotiates without a cookie, nothing mixes silently."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, NavigableString

from app.web.i18n import LANGUAGES, translations
from app.web.i18n.completeness import reports, source_msgids
from tests.conftest import CheckingClient

OTHER = [lang for lang in LANGUAGES if lang != "nl"]
PAGES = ["/{lang}/", "/{lang}/stap", "/{lang}/overzicht", "/{lang}/tips", "/{lang}/over"]
FULL_ANSWERS = {
    "danger": "no",
    "topics": ["home_fights"],
    "age": "8_11",
    "contact": "chat",
    "goal": "listen",
}


def _gettext(lang: str, msgid: str) -> str:
    return translations(lang).gettext(msgid)


def test_every_catalogue_is_complete() -> None:
    for report in reports():
        assert report.complete, (report.lang, report.missing[:5], report.broken)


def test_a_new_text_without_translation_is_found(tmp_path: object) -> None:
    """The completeness check reads the sources: a msgid no catalogue has is reported."""
    from pathlib import Path

    from app.web.i18n.completeness import report

    assert isinstance(tmp_path, Path)
    msgids = source_msgids() | {"Een nieuwe zin die niemand vertaalde."}
    assert report("en", msgids).missing == ("Een nieuwe zin die niemand vertaalde.",)
    assert report("en", msgids, tmp_path).missing  # no catalogue at all: everything missing


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_page_language_direction_and_headers(client: CheckingClient, lang: str, path: str) -> None:
    response = client.get(path.format(lang=lang))
    assert response.status_code == 200
    assert response.headers["content-language"] == lang
    assert "HX-Request" in response.headers["vary"]
    soup = BeautifulSoup(response.text, "html.parser")
    html = soup.find("html")
    assert html is not None
    assert html["lang"] == lang
    assert html["dir"] == ("rtl" if lang == "ar" else "ltr")
    switcher = soup.select("nav.languages a")
    assert [(a["lang"], a.get_text()) for a in switcher] == [
        (code, language.name) for code, language in LANGUAGES.items()
    ]
    current = [a["lang"] for a in switcher if a.get("aria-current") == "page"]
    assert current == [lang]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar,nl;q=0.5", "/ar/"),
        ("tr-TR", "/tr/"),
        ("uk, pl;q=0.9", "/uk/"),
        ("fr, pl;q=0.4", "/pl/"),
        ("en;q=0, nl;q=0.5", "/nl/"),
        ("de", "/nl/"),
        ("", "/nl/"),
    ],
)
def test_root_picks_the_language_without_a_cookie(
    client: CheckingClient, header: str, expected: str
) -> None:
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 302
    assert response.headers["location"] == expected
    assert "set-cookie" not in response.headers


def _own_language_text(soup: BeautifulSoup, lang: str) -> list[str]:
    """Visible text nodes that belong to the page's language (not inside a lang="nl" part)."""
    texts = []
    for node in soup.find_all(string=True):
        if not isinstance(node, NavigableString) or node.parent is None:
            continue
        if node.parent.name in ("script", "style", "title"):
            continue
        marked = node.find_parent(attrs={"lang": True})
        if marked is not None and marked.get("lang") != lang:
            continue
        if node.strip():
            texts.append(node.strip())
    return texts


@pytest.mark.parametrize("lang", OTHER)
def test_no_page_mixes_in_dutch_ui_text(client: CheckingClient, lang: str) -> None:
    dutch = {
        m for m in source_msgids() if _gettext(lang, m) != m and "%(" not in m and "{" not in m
    }
    pages = [client.get(p.format(lang=lang)).text for p in PAGES]
    pages.append(client.post(f"/{lang}/stap", data=FULL_ANSWERS).text)
    pages.append(client.post(f"/{lang}/stap", data={"danger": "yes"}).text)
    pages.append(client.get(f"/{lang}/offline").text)
    for html in pages:
        leaked = set(_own_language_text(BeautifulSoup(html, "html.parser"), lang)) & dutch
        assert not leaked, leaked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_journey_leads_to_results_in_that_language(client: CheckingClient, lang: str) -> None:
    html = client.post(f"/{lang}/stap", data=FULL_ANSWERS).text
    soup = BeautifulSoup(html, "html.parser")
    h1 = soup.find("h1")
    assert h1 is not None and h1.get_text(strip=True) == _gettext(lang, "Hier kun je terecht")
    cards = soup.select("[data-service]")
    assert cards[0]["data-service"] == "kindertelefoon"
    dutch_starters = soup.select('.starter [lang="nl"]')
    if lang == "nl":
        assert not dutch_starters
    else:  # helplines answer in Dutch: the first sentence is shown in Dutch as well
        assert len(dutch_starters) == len(cards)
        assert "Hoi." in dutch_starters[0].get_text()


def test_the_styles_use_logical_directions_only() -> None:
    """Arabic mirrors by itself only if no rule names a physical side."""
    from tests.conftest import ROOT

    css = re.sub(r"/\*.*?\*/", "", (ROOT / "static" / "css" / "app.css").read_text(), flags=re.S)
    assert not re.findall(r"\b(?:left|right)\b", css)
