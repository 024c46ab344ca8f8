"""Jinja2 rendering: one environment per language (gettext installed), full page or htmx fragment.

Every page template is a partial (the content of <main>); `layout.html` wraps it for a full page.
An htmx request (HX-Request: true) gets the partial alone, so both paths render the same markup.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import (
    ChoiceLoader,
    DictLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from app.web.i18n import LANGUAGES, translations
from app.web.middleware.memo import SHARED_HEADER
from app.web.rendering.static import StaticAssets
from app.web.request_headers import is_htmx

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MARKER = "<!--page-->"  # where layout.html includes the page; the layout is rendered once

# htmx configured as security.md section B asks: our origin only, no eval, no script tags, no
# injected styles, no history snapshots. Every response is swapped in (error pages are friendly
# pages too); a network failure is handled by static/js/app.js.
HTMX_CONFIG = json.dumps(
    {
        "selfRequestsOnly": True,
        "allowEval": False,
        "allowScriptTags": False,
        "includeIndicatorStyles": False,
        "historyCacheSize": 0,
        "historyEnabled": False,
        "refreshOnHistoryMiss": False,
        "scrollIntoViewOnBoost": False,
        # Bind the swapped-in form at once: with htmx's default 20 ms settle delay a quick tap
        # (or Enter) on the new question submitted it natively, as a full page load.
        "defaultSettleDelay": 0,
        "responseHandling": [
            {"code": "204", "swap": False},
            {"code": "...", "swap": True},
        ],
    },
    separators=(",", ":"),
)


# The language switcher keeps a child on the same page where the page has its own address;
# from the questions (answers travel in POST bodies) it leads to the start in that language.
SAME_PAGE_IN_ANOTHER_LANGUAGE = {
    "pages/start.html": "start",
    "pages/overview.html": "overview",
    "pages/tips.html": "tips",
    "pages/about.html": "about",
    "pages/adults.html": "adults",
    "pages/routing.html": "routing",
    "pages/sources.html": "sources",
    "pages/posters.html": "posters",
    "pages/link.html": "link_kit",
    "pages/accessibility.html": "accessibility",
}


class Renderer:
    def __init__(
        self,
        static: StaticAssets,
        url_path_for: Callable[..., Any],
        globals_: dict[str, Any],
    ) -> None:
        self._envs: dict[str, Environment] = {}
        self._frames: dict[tuple[str, str], tuple[str, str]] = {}

        @cache
        def url(name: str, params: tuple[tuple[str, str], ...]) -> str:
            # Routes never change after start-up, and FastAPI's url_path_for is slow.
            return str(url_path_for(name, **dict(params)))

        for code, language in LANGUAGES.items():
            env = Environment(
                loader=ChoiceLoader([FileSystemLoader(TEMPLATES), DictLoader({MARKER: MARKER})]),
                autoescape=select_autoescape(["html"]),
                undefined=StrictUndefined,
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                auto_reload=False,  # templates never change while the server runs: no stat()
                lstrip_blocks=True,
            )
            env.install_gettext_translations(translations(code), newstyle=True)  # type: ignore[attr-defined]
            env.globals.update(
                globals_,
                lang=code,
                dir=language.direction,
                static=static.url,
                url=lambda name, **params: url(name, tuple(sorted(params.items()))),
                htmx_config=HTMX_CONFIG,
                languages=LANGUAGES,
            )
            self._envs[code] = env

    def gettext(self, lang: str) -> Callable[[str], str]:
        return translations(lang).gettext

    def render(self, lang: str, template: str, fragment: bool, **context: Any) -> str:
        partial = self._envs[lang].get_template(template).render(**context)
        return partial if fragment else self.wrap(lang, template, partial)

    def wrap(self, lang: str, template: str, partial: str) -> str:
        """The whole page: layout.html around the partial of `template`."""
        head, tail = self._frame(lang, SAME_PAGE_IN_ANOTHER_LANGUAGE.get(template, "start"))
        return "".join((head, partial, tail))  # not `+`: a Markup partial would escape the frame

    def _frame(self, lang: str, switch_to: str) -> tuple[str, str]:
        """layout.html around the page, rendered once per language: it uses no page context."""
        frame = self._frames.get((lang, switch_to))
        if frame is None:
            layout = self._envs[lang].get_template("layout.html")
            head, tail = layout.render(partial=MARKER, switch_to=switch_to).split(MARKER)
            frame = self._frames[(lang, switch_to)] = (head, tail)
        return frame

    def macro(self, lang: str, template: str, name: str) -> Callable[..., Markup]:
        """A macro of `template` in `lang`, to call from Python (stencils are made this way)."""
        macro: Callable[..., Markup] = getattr(self._envs[lang].get_template(template).module, name)
        return macro

    def document(self, lang: str, template: str, **context: Any) -> str:
        """A template that is a whole document by itself (the offline card, the service worker)."""
        return self._envs[lang].get_template(template).render(**context)

    def shared_page(self, request: Request, lang: str, template: str, **context: Any) -> Response:
        """A page that depends only on the language (and its path): marked shared, so the first
        answer to each variant is compressed at its best level and kept (memo.py). The caller
        promises `context` is the same for every request to this path."""
        html = self.render(lang, template, is_htmx(request.scope), **context)
        headers = {"Vary": "HX-Request", "Content-Language": lang, SHARED_HEADER: "1"}
        return HTMLResponse(html, headers=headers)

    def page(
        self,
        request: Request,
        lang: str,
        template: str,
        status_code: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        html = self.render(lang, template, is_htmx(request.scope), **context)
        return html_response(html, lang, status_code)


def html_response(html: str, lang: str, status_code: int = 200) -> HTMLResponse:
    """A page made for this request: never stored (SecurityHeaders), never shared (Memo)."""
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Vary": "HX-Request", "Content-Language": lang},
    )
