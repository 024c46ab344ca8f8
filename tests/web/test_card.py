"""The result card as a component (components/card.html), one example per variation.

Each example is rendered two ways - straight from the full view model by Jinja, and from the
stencil the answer pages use, filled with the same per-request texts - and both must be the same
HTML. Then the example's own point is checked in that HTML.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from app.content.loader import Content
from app.domain.hours import AMSTERDAM
from app.domain.status import channel_statuses
from app.web.app import fastapi_of
from app.web.rendering.cards import Card, card, stencil_view
from app.web.rendering.stencil import Stencil
from app.web.site import Site

WEDNESDAY = datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM)


def render_both(
    site: Site, content: Content, service_id: str, lang: str, reason: str | None, level: int = 2
) -> Tag:
    """The card's HTML, after checking that Jinja and the stencil make the same."""
    _ = site.renderer.gettext(lang)
    statuses = channel_statuses(content.catalogue[service_id], WEDNESDAY)
    full: Card = card(content.services[service_id], statuses, lang, WEDNESDAY, None, _, reason)
    macro = site.renderer.macro(lang, "components/card.html", "card")
    by_jinja = str(macro(full, heading_level=level))
    view, holes = stencil_view(full, with_reason=reason is not None)
    values: dict[str, Any] = {"ages": full.ages}
    if reason is not None:
        values["reason"] = reason
    for i, channel in enumerate(full.channels):
        values[f"state{i}"], values[f"status{i}"] = channel.state, channel.status
    by_stencil = Stencil(str(macro(view, heading_level=level)), holes).fill(values)
    assert by_stencil == by_jinja
    article = BeautifulSoup(by_jinja, "html.parser").find("article")
    assert isinstance(article, Tag)
    return article


@pytest.fixture
def site(asgi_app: Any) -> Site:
    return fastapi_of(asgi_app).state.site  # type: ignore[no-any-return]


def test_unverified_hours_say_so(site: Site, content: Content) -> None:
    article = render_both(site, content, "chris", "nl", "Omdat je het liefst typt.")
    status = article.select_one(".channel .status")
    assert status is not None and "Tijden nog niet gecontroleerd." in status.get_text()
    assert article["data-service"] == "chris"


def test_a_card_without_a_reason_has_no_reason_box(site: Site, content: Content) -> None:
    article = render_both(site, content, "kindertelefoon", "nl", None)
    assert article.select(".reason") == []
    with_reason = render_both(site, content, "kindertelefoon", "nl", "Omdat je het liefst belt.")
    reason = with_reason.select_one(".reason")
    assert reason is not None and reason.get_text() == "Omdat je het liefst belt."


def test_in_person_has_no_link_only_the_place(site: Site, content: Content) -> None:
    article = render_both(site, content, "school_confidant", "nl", None)
    channel = article.select_one(".channel")
    assert channel is not None and channel.find("a") is None
    place = channel.select_one(".place")
    assert place is not None and place.get_text() == "Op school"
    assert "Als je op school bent." in channel.get_text()


def test_right_to_left_keeps_names_isolated_and_the_dutch_starter(
    site: Site, content: Content
) -> None:
    article = render_both(site, content, "kindertelefoon", "ar", None)
    name = article.find(["h2"])
    assert name is not None and name.find("bdi") is not None
    dutch = article.select_one('.starter .quote[lang="nl"]')
    assert dutch is not None
    assert dutch.get_text() == content.services["kindertelefoon"].starter["nl"]


@pytest.mark.parametrize("level", [2, 3])
def test_heading_levels_follow_the_card(site: Site, content: Content, level: int) -> None:
    article = render_both(site, content, "veilig_thuis", "nl", None, level)
    assert article.find(f"h{level}") is not None
    sub = article.find_all(f"h{level + 1}")
    assert [h.get_text() for h in sub] == [
        "Vertellen ze het aan je ouders?",
        "Moet je je naam zeggen?",
    ]


def test_an_unverified_claim_is_marked_in_the_card(site: Site, content: Content) -> None:
    article = render_both(site, content, "centrum_seksueel_geweld", "nl", None)
    text = article.get_text(" ")
    assert "Dit is nog niet gecontroleerd." in text  # tells_parents is not confirmed
    assert "Adres nog niet gecontroleerd." in text  # the website address is not confirmed
