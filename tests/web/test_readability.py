"""Plain Dutch, measured: Flesch-Douma (textstat, language nl) of every page's main text and of
every content text of 10 words or more. Bar: mean >= 80, none below 60.

Names of organisations are left out before measuring (they are not the child's reading work),
and labels are not texts: each block of the page (heading, paragraph, list item, button) counts
as one sentence.
"""

from __future__ import annotations

import re
from statistics import mean

import pytest
import textstat
from bs4 import BeautifulSoup, Tag

from app.content.loader import Content
from tests.conftest import CheckingClient

MEAN_AT_LEAST = 80
EACH_AT_LEAST = 60
BLOCKS = ("h1", "h2", "h3", "p", "li", "dt", "dd", "label", "button", "summary", "legend")
EXTRA_NAMES = ("Alarmnummer", "Zelfmoordpreventie", "Teletolk", "113.nl", "Sociaal Team")
ANSWERS = {"danger": "no", "age": "8_11", "contact": "chat", "goal": "listen"}
PAGES: dict[str, tuple[str, str, dict[str, object] | None]] = {
    "start": ("GET", "/nl/", None),
    "question danger": ("GET", "/nl/stap", None),
    "question topics": ("POST", "/nl/stap", {"danger": "no"}),
    "question age": ("POST", "/nl/stap", {"danger": "no", "topics": ["sad"]}),
    "question contact": ("POST", "/nl/stap", {"danger": "no", "topics": ["sad"], "age": "8_11"}),
    "question goal": (
        "POST",
        "/nl/stap",
        {"danger": "no", "topics": ["sad"], "age": "8_11", "contact": "chat"},
    ),
    "results violence": ("POST", "/nl/stap", {**ANSWERS, "topics": ["home_fights", "hurt"]}),
    "results divorce": ("POST", "/nl/stap", {**ANSWERS, "topics": ["divorce"], "age": "16_17"}),
    "results suicide": ("POST", "/nl/stap", {**ANSWERS, "topics": ["suicide"]}),
    "results school": ("POST", "/nl/stap", {**ANSWERS, "topics": ["bullying"]}),
    # The notices (R13): sexual violence, a worried friend, a young child, asking first.
    "results notices": (
        "POST",
        "/nl/stap",
        {**ANSWERS, "topics": ["touch", "friend"], "age": "under_8", "contact": "face_to_face"},
    ),
    "emergency": ("POST", "/nl/stap", {"danger": "yes"}),
    "all help": ("GET", "/nl/overzicht", None),
    "traces": ("GET", "/nl/tips", None),
    "about": ("GET", "/nl/over", None),
    "offline card": ("GET", "/nl/offline", None),
    "not found": ("GET", "/nl/bestaat-niet", None),
    "invalid form": ("POST", "/nl/stap", {"danger": "misschien"}),
    # The adults' side (design.md section 10): plain Dutch for parents and teachers too.
    "for adults": ("GET", "/nl/volwassenen", None),
    "routing trial": (
        "POST",
        "/nl/volwassenen/routering",
        {"topics": ["sad"], "age": "12_15", "at": "2027-01-01T03:00"},
    ),
    "posters": ("GET", "/nl/volwassenen/posters", None),
    "link kit": ("GET", "/nl/volwassenen/link", None),
    "accessibility": ("GET", "/nl/volwassenen/toegankelijkheid", None),
    "figures": ("GET", "/nl/cijfers", None),
    "thanks": ("POST", "/nl/feedback", {**ANSWERS, "topics": ["sad"], "knows_where": "yes"}),
}


def _names(content: Content) -> list[str]:
    names = {s.name["nl"] for s in content.services.values()}
    names |= {n.removeprefix("De ") for n in names} | set(EXTRA_NAMES)
    names.add(content.region.name)
    return sorted(names, key=len, reverse=True)  # longest first: "Stichting Chris" before "Chris"


def score(text: str, names: list[str]) -> float:
    for name in names:
        text = text.replace(name, " ")
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(re.sub(r"\s+", " ", text).strip()))


def main_text(html: str) -> str:
    main = BeautifulSoup(html, "html.parser").find("main")
    assert isinstance(main, Tag)
    sentences = []
    for block in main.find_all(BLOCKS):
        if block.find(BLOCKS):  # a list item holding paragraphs: the paragraphs count
            continue
        text = block.get_text(" ", strip=True)
        if text:
            sentences.append(text if text[-1] in ".?!:" else f"{text}.")
    return " ".join(sentences)


@pytest.fixture(scope="module")
def page_scores(client_module: CheckingClient, content: Content) -> dict[str, float]:
    names = _names(content)
    scores = {}
    for page, (method, path, data) in PAGES.items():
        response = client_module.request(method, path, data=data)
        text = main_text(response.text)
        assert len(text.split()) >= 10, page
        scores[page] = score(text, names)
    return scores


@pytest.fixture(scope="module")
def client_module(asgi_app: object) -> CheckingClient:
    return CheckingClient(asgi_app, follow_redirects=False)  # type: ignore[arg-type]


def test_every_dutch_page_reads_easily(page_scores: dict[str, float]) -> None:
    low = {page: round(s, 1) for page, s in page_scores.items() if s < EACH_AT_LEAST}
    assert not low, low
    assert mean(page_scores.values()) >= MEAN_AT_LEAST, page_scores


def test_every_dutch_content_text_reads_easily(content: Content) -> None:
    names = _names(content)
    scores: dict[str, float] = {}
    for service in content.services.values():
        for field in ("summary", "tells_parents", "your_name", "what_happens", "starter"):
            text = getattr(service, field)["nl"]
            if len(text.split()) >= 10:
                scores[f"{service.id}.{field}"] = score(text, names)
    if content.region.local_help and len(content.region.local_help["nl"].split()) >= 10:
        scores["region.local_help"] = score(content.region.local_help["nl"], names)
    assert len(scores) >= 20, "most content texts are long enough to measure"
    low = {key: round(s, 1) for key, s in scores.items() if s < EACH_AT_LEAST}
    assert not low, low
    assert mean(scores.values()) >= MEAN_AT_LEAST, scores


def test_the_measure_can_fail(content: Content) -> None:
    """A sentence of long official words scores far below the bar."""
    officialese = (
        "Overeenkomstig de toepasselijke wettelijke bepalingen aangaande kinderbescherming "
        "dient de vertrouwensinspecteur onverwijld een risicotaxatie uit te voeren."
    )
    assert score(officialese, _names(content)) < EACH_AT_LEAST
