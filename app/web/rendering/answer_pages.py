"""The answer pages - results and emergency - filled from stencils made at start-up.

They are the only pages built for every request (they show what this child answered), so they are
the server's busiest work; stencil.py says why they are not rendered by Jinja each time. The
markup still comes only from the templates: components/notice.html for each notice (R13),
components/card.html for each place, the page templates around them, components/journey.html for
the hidden answers. `PER_REQUEST` below lists, in one place, what those templates get per request.

Recipe: add a field to the result card.
1. Add it to `Card` (rendering/cards.py) and fill it in `card()`.
2. Print it in components/card.html. If it depends only on the place and the language, that is
   all: the stencils are made from the template at start-up.
3. If it changes per request (with the answers or the hour), also give it a hole in
   `stencil_view()` and its value in `option_texts()`, and add its name to `PER_REQUEST`. Print it
   as it is: a filter, a test or a slice of a per-request value is refused when the stencil is
   made (StencilError names the template).
4. tests/web/test_stencil.py renders every answer page both ways (stencil and plain Jinja) and
   fails on any difference, and checks that every stencil's holes are the ones declared here.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

from markupsafe import Markup

from app.content.loader import Content
from app.domain.answers import Answers
from app.domain.catalogue import SCHOOL_CONFIDANT
from app.domain.journey import Nav, Screen, ScreenKind
from app.domain.notices import NoticeId, notice_channels
from app.domain.recommend import Recommendation
from app.web.forms import hidden_fields
from app.web.i18n import DEFAULT
from app.web.i18n.wording import not_now_when
from app.web.rendering.board import Board
from app.web.rendering.cards import DAY_NAMES, Card, option_texts, stencil_view
from app.web.rendering.notices import notice_view
from app.web.rendering.schools import school_view
from app.web.rendering.stencil import Stencil, hole
from app.web.rendering.templating import Renderer

TEMPLATES = {ScreenKind.RESULTS: "pages/results.html", ScreenKind.EMERGENCY: "pages/emergency.html"}

# What each stencilled template is given per request ({i}: a channel's index, {service}: a place's
# id); every other value it prints is fixed at start-up, per place and language.
PER_REQUEST: dict[str, tuple[str, ...]] = {
    "components/card.html": ("reason", "ages", "state{i}", "status{i}"),
    "components/notice.html": ("lead", "{service}.{i}"),  # lead: not_now's first line only
    "pages/results.html": ("notices", "cards", "hidden"),
    "pages/emergency.html": ("notices", "cards", "hidden"),
    "components/journey.html": ("name", "value"),  # hidden_input, one per answer given
}


class AnswerPages:
    def __init__(self, renderer: Renderer, content: Content, cards: dict[str, list[Card]]) -> None:
        """`cards`: every place's card per language (from overview_cards): their fixed parts."""
        self._renderer = renderer
        self._content = content
        # by language, place, whether it has a reason, and school (only the school confidant's
        # card differs per school: it shows that school's details)
        self._cards: dict[tuple[str, str, bool, str | None], Stencil] = {}
        self._pages: dict[tuple[str, str, bool], Stencil] = {}
        self._notices: dict[tuple[str, NoticeId], Stencil] = {}
        for lang, lang_cards in cards.items():
            notice_macro = renderer.macro(lang, "components/notice.html", "notice")
            _ = renderer.gettext(lang)
            for notice in NoticeId:
                timed = notice is NoticeId.NOT_NOW  # its first line says when a place opens
                lead = hole("lead") if timed else None
                box = notice_view(notice, content, _, lead, lambda s, i: hole(f"{s}.{i}"))
                holes = {f"{s}.{i}" for s, i in notice_channels(notice, content.catalogue)}
                self._notices[(lang, notice)] = Stencil(
                    notice_macro(box),
                    holes | ({"lead"} if timed else set()),
                    "components/notice.html",
                )
            card_macro = renderer.macro(lang, "components/card.html", "card")
            variants = [(card, None) for card in lang_cards] + [
                (replace(card, school=school_view(code, school, lang, _)), code)
                for card in lang_cards
                if card.id == SCHOOL_CONFIDANT
                for code, school in content.schools.items()
            ]
            for (card, code), with_reason in product(variants, (True, False)):
                view, holes = stencil_view(card, with_reason)
                self._cards[(lang, card.id, with_reason, code)] = Stencil(
                    card_macro(view), holes, "components/card.html"
                )
            for template, call_112_first in product(TEMPLATES.values(), (True, False)):
                partial = renderer.render(
                    lang,
                    template,
                    fragment=True,
                    notices=hole("notices"),
                    cards=hole("cards"),
                    hidden=hole("hidden"),
                    call_112_first=call_112_first,
                    nav=Nav,
                )
                self._pages[(lang, template, call_112_first)] = Stencil(
                    partial, set(PER_REQUEST[template]), template
                )
        hidden_input = renderer.macro(DEFAULT, "components/journey.html", "hidden_input")
        self._hidden = Stencil(
            hidden_input(hole("name"), hole("value")),
            set(PER_REQUEST["components/journey.html"]),
            "components/journey.html",
        )

    def stencils(self) -> dict[str, list[Stencil]]:
        """Every stencil made, by template (for the test that holds them to `PER_REQUEST`)."""
        made: dict[str, list[Stencil]] = {"components/journey.html": [self._hidden]}
        made["components/card.html"] = list(self._cards.values())
        made["components/notice.html"] = list(self._notices.values())
        for (_, template, _), stencil in self._pages.items():
            made.setdefault(template, []).append(stencil)
        return made

    def render(
        self,
        lang: str,
        screen: Screen,
        recommendation: Recommendation,
        answers: Answers,
        board: Board,
        fragment: bool,
        school: str | None = None,
    ) -> str:
        """The results or emergency page (`screen.kind`) for these answers, as open as `board`;
        `school`: the code of the pupil's school, carried on and shown on its confidant's card."""
        _ = self._renderer.gettext(lang)
        services = self._content.services
        cards = []
        for option in recommendation.options:
            service = services[option.service]
            lines = board.lines[(lang, service.id)]
            texts = option_texts(option, service, lines, answers.age, answers.contact, _)
            variant = school if service.id == SCHOOL_CONFIDANT else None
            key = (lang, service.id, bool(texts["reason"]), variant)
            cards.append(self._cards[key].fill(texts))
        notices = []
        catalogue = self._content.catalogue
        for n in recommendation.notices:
            texts = {
                f"{s}.{i}": board.lines[(lang, s)][i][1]
                for s, i in notice_channels(n.id, catalogue)
            }
            if n.id is NoticeId.NOT_NOW:
                day_names = DAY_NAMES[lang]
                texts["lead"] = not_now_when(
                    n.opens_at, n.opens_verified, recommendation.at, day_names, _
                )
            notices.append(self._notices[(lang, n.id)].fill(texts))
        hidden = [
            self._hidden.fill({"name": n, "value": v})
            for n, v in hidden_fields(screen.given, school)
        ]
        template = TEMPLATES[screen.kind]
        partial = self._pages[(lang, template, recommendation.call_112_first)].fill(
            {
                "notices": Markup("".join(notices)),
                "cards": Markup("".join(cards)),
                "hidden": Markup("".join(hidden)),
            }
        )
        return partial if fragment else self._renderer.wrap(lang, template, partial)
