"""Stencils (rendering/stencil.py) and the answer pages made from them (answer_pages.py).

The answer pages are filled from stencils for speed; the markup must stay exactly what Jinja makes
from the templates. The comparison below renders every page both ways.
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

import pytest
from markupsafe import Markup, escape

from app.content.loader import Content
from app.domain.answers import parse_answers
from app.domain.hours import AMSTERDAM
from app.domain.journey import Nav, ScreenKind, next_screen
from app.domain.notices import NoticeId
from app.domain.recommend import recommend
from app.domain.status import statuses_at
from app.web.app import fastapi_of
from app.web.i18n import LANGUAGES
from app.web.i18n.wording import not_now_when, reason
from app.web.rendering.answer_pages import TEMPLATES
from app.web.rendering.board import make_board
from app.web.rendering.cards import DAY_NAMES, card, status_line
from app.web.rendering.notices import notice_view
from app.web.rendering.stencil import Stencil, StencilError, escape_text, hole
from app.web.site import Site

# Open, closed until later today, closed until tomorrow, closed until after the weekend.
CLOCKS = [
    datetime(2026, 11, 25, 14, 0, tzinfo=AMSTERDAM),  # Wednesday afternoon
    datetime(2026, 11, 25, 7, 30, tzinfo=AMSTERDAM),  # Wednesday early morning
    datetime(2026, 11, 25, 23, 30, tzinfo=AMSTERDAM),  # Wednesday night
    datetime(2026, 11, 28, 22, 0, tzinfo=AMSTERDAM),  # Saturday night
]
TOPIC_SETS = [
    (),
    ("home_fights",),
    ("hurt", "touch"),
    ("divorce",),
    ("bullying", "sad"),
    ("suicide",),
    ("friend", "other"),
    ("home_fights", "divorce", "suicide"),
]


def test_fill_escapes_text_but_not_markup() -> None:
    stencil = Stencil(f"<p title='{hole('a')}'>{hole('b')}</p>", {"a", "b"})
    filled = stencil.fill({"a": "Tom & 'Jerry'", "b": Markup("<b>bold</b>")})
    assert filled == "<p title='Tom &amp; &#39;Jerry&#39;'><b>bold</b></p>"
    assert stencil.fill({"a": "<script>", "b": "<i>"}) == "<p title='&lt;script&gt;'>&lt;i&gt;</p>"


@pytest.mark.parametrize(
    "text", ["", "plain", "a & b < c > d 'e' \"f\"", "&amp; is already escaped", "<<&&>>\"'"]
)
def test_text_is_escaped_as_jinja_escapes_it(text: str) -> None:
    assert escape_text(text) == str(escape(text))


def test_a_hole_may_appear_twice() -> None:
    assert Stencil(f"{hole('x')}-{hole('x')}", {"x"}).fill({"x": "1"}) == "1-1"


def test_a_template_that_drops_a_hole_is_refused() -> None:
    with pytest.raises(StencilError, match=r"card\.html dropped the holes b"):
        Stencil(f"<p>{hole('a')}</p>", {"a", "b"}, "card.html")


def test_a_mangled_hole_is_refused() -> None:
    # What a filter such as |upper or |truncate would leave of a hole.
    with pytest.raises(StencilError, match=r"card\.html changes a value that differs per request"):
        Stencil(f"<p>{hole('a').upper()}</p>", {"a"}, "card.html")
    with pytest.raises(StencilError):
        Stencil(f"<p>{hole('a')[:-1]}</p>", {"a"})


def _jinja_page(
    site: Site, lang: str, body: dict[str, tuple[str, ...]], now: datetime, fragment: bool
) -> tuple[ScreenKind, str] | None:
    """The page as Jinja renders it straight from the full view models (no stencils)."""
    screen = next_screen(body)
    if screen.kind not in TEMPLATES:
        return None
    answers = parse_answers(screen.given)
    recommendation = recommend(answers, site.content.catalogue, now)
    renderer = site.renderer
    _ = renderer.gettext(lang)
    card_macro = renderer.macro(lang, "components/card.html", "card")
    hidden_macro = renderer.macro(lang, "components/journey.html", "hidden_answers")
    cards = [
        card_macro(
            card(
                site.content.services[o.service],
                o.channels,
                lang,
                now,
                answers.age,
                _,
                reason=reason(o, answers.contact, _) or None,
            )
        )
        for o in recommendation.options
    ]
    notice_macro = renderer.macro(lang, "components/notice.html", "notice")
    statuses = statuses_at(site.content.catalogue, now)

    def status(service_id: str, index: int) -> str:
        model = site.content.services[service_id].channels[index]
        return status_line(model, statuses[service_id][index], lang, now, _)[1]

    notices = [
        notice_macro(
            notice_view(
                n.id,
                site.content,
                _,
                not_now_when(n.opens_at, n.opens_verified, now, DAY_NAMES[lang], _)
                if n.id is NoticeId.NOT_NOW
                else None,
                status,
            )
        )
        for n in recommendation.notices
    ]
    html = renderer.render(
        lang,
        TEMPLATES[screen.kind],
        fragment,
        notices=Markup("".join(notices)),
        cards=Markup("".join(cards)),
        hidden=hidden_macro(screen.given),
        call_112_first=recommendation.call_112_first,
        nav=Nav,
    )
    return screen.kind, html


def _bodies() -> list[dict[str, tuple[str, ...]]]:
    bodies = []
    for danger, topics, age, contact, goal in itertools.product(
        ["yes", "no", "unsure", ""],
        TOPIC_SETS,
        ["under_8", "8_11", "12_15", "16_17", "18_plus", ""],
        ["chat", "call", "face_to_face", "any", ""],
        ["listen", "change", ""],
    ):
        answers = {"danger": danger, "topics": topics, "age": age, "contact": contact}
        given = {
            k: tuple(v) if isinstance(v, tuple) else ((v,) if v else ())
            for k, v in {**answers, "goal": goal}.items()
        }
        bodies.append(given)
    return bodies


EMERGENCY = {"danger": ("yes",)}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_answer_pages_are_what_jinja_renders(asgi_app: Any, content: Content, lang: str) -> None:
    site: Site = fastapi_of(asgi_app).state.site
    kinds: set[ScreenKind] = set()
    notices_seen: set[NoticeId] = set()
    compared = 0
    for index, (now, body) in enumerate(itertools.product(CLOCKS, [EMERGENCY, *_bodies()])):
        if body is not EMERGENCY and index % (5 if lang in ("nl", "ar") else 13):
            continue  # a third of the combinations in nl and ar, an eleventh in the others
        fragment = index % 2 == 0
        expected = _jinja_page(site, lang, body, now, fragment)
        if expected is None:
            continue
        kind, html = expected
        screen = next_screen(body)
        answers = parse_answers(screen.given)
        board = make_board(content, now)
        recommendation = recommend(answers, content.catalogue, now, board.statuses)
        made = site.answer_pages.render(lang, screen, recommendation, answers, board, fragment)
        assert made == html, (lang, now, body)
        notices_seen |= {n.id for n in recommendation.notices}
        kinds.add(kind)
        compared += 1
    assert kinds == {ScreenKind.RESULTS, ScreenKind.EMERGENCY}
    assert compared > 500
    assert notices_seen >= set(NoticeId)


def test_every_stencil_has_exactly_the_declared_per_request_names(asgi_app: Any) -> None:
    """answer_pages.PER_REQUEST is the one list of what the stencilled templates get per request:
    every hole of every stencil made must match one of its template's declared names."""
    import re

    from app.web.rendering.answer_pages import PER_REQUEST

    site: Site = fastapi_of(asgi_app).state.site
    made = site.answer_pages.stencils()
    assert set(made) == set(PER_REQUEST)
    for template, stencils in made.items():
        patterns = [
            re.compile(
                "^"
                + re.escape(name)
                .replace(re.escape("{i}"), r"\d+")
                .replace(re.escape("{service}"), "[a-z_0-9]+")
                + "$"
            )
            for name in PER_REQUEST[template]
        ]
        seen: set[str] = set()
        for stencil in stencils:
            for name in stencil.holes:
                matched = [p.pattern for p in patterns if p.match(name)]
                assert matched, f"{template}: hole {name!r} is not declared in PER_REQUEST"
                seen.update(matched)
        assert len(seen) == len(patterns), f"{template}: a declared name is never used"
