"""One poster as a PDF: the texts and QR code into poster.html, then WeasyPrint.

WeasyPrint is imported on first use (about a second): the server must start fast. It loads
nothing from outside: the stylesheet and the QR code are inline, fonts come from the system,
and the URL fetcher refuses anything but data: and the files of this package.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from app.content.loader import Content
from app.posters.files import HERE, PosterFile, poster_url
from app.posters.qr import qr_code
from app.posters.texts import poster_texts

log = logging.getLogger("app")


@dataclass(frozen=True)
class Page:
    size: str  # CSS page size
    margin_mm: float
    font_pt: float  # the root font size: every text size is in rem
    symbol_mm: float  # the QR code's side, without its quiet zone


def page(size: str, school: bool, shrink: float = 1.0) -> Page:
    """A4, or A3 with everything scaled up. The code is at least 80 mm across on A4 (100 mm on
    the general poster, which has the room), with its quiet zone around it."""
    scale = {"a4": 1.0, "a3": 2**0.5}[size]  # A3 is A4 with every side times the root of two
    return Page(
        size.upper(),
        margin_mm=round(15 * scale, 1),
        font_pt=round(12 * scale * shrink, 2),
        symbol_mm=round((80 if school else 100) * scale),
    )


# Texts too long for one page (a school's long directions): smaller letters, the same QR code.
SHRINK = (1.0, 0.92, 0.85, 0.78, 0.7)
# One rendering at a time in a process: Pango and fontconfig are not known to be thread-safe.
_RENDER_LOCK = threading.Lock()


# Digits joined by "-", ":", "." or a space: "0800-0432", "11:00-21:00". In a right-to-left
# sentence the Unicode bidi rules would print "0800-0432" as "0432-0800" (after an Arabic letter
# each group of digits is an Arabic number, and "-" does not join those).
NUMBER = re.compile(r"\d+(?:[-:. ]\d+)+")


def ltr(text: str) -> Markup:
    """The text, escaped, with every number in a left-to-right span."""
    return Markup(NUMBER.sub(lambda m: f'<span dir="ltr">{m[0]}</span>', str(escape(text))))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(HERE), autoescape=True, undefined=StrictUndefined, auto_reload=False
    )
    environment.filters["ltr"] = ltr
    return environment


def html(poster: PosterFile, content: Content, base_url: str, shrink: float = 1.0) -> str:
    """The poster's HTML, as WeasyPrint gets it."""
    url = poster_url(base_url, poster.lang, poster.school)
    sizes = page(poster.size, poster.school is not None, shrink)
    code = qr_code(url)
    return (
        _environment()
        .get_template("poster.html")
        .render(
            t=poster_texts(content, poster.lang, poster.school, url),
            page=sizes,
            qr=Markup(code.svg),
            qr_mm=code.side(sizes.symbol_mm),
            css=Markup((HERE / "poster.css").read_text(encoding="utf-8")),
        )
    )


def render(poster: PosterFile, content: Content, base_url: str) -> bytes:
    """The poster's PDF: one page (the letters shrink when a school's texts are long)."""
    import weasyprint  # type: ignore[import-untyped]  # lazily: slow to import

    with _RENDER_LOCK:
        fetcher = _local_fetcher()
        for shrink in SHRINK:
            document = weasyprint.HTML(
                string=html(poster, content, base_url, shrink),
                base_url=HERE.as_uri() + "/",
                url_fetcher=fetcher,
            ).render()
            if len(document.pages) == 1:
                break
        else:
            log.warning(
                "poster %s has %d pages: its texts are too long", poster.name, len(document.pages)
            )
        pdf: bytes = document.write_pdf()
    return pdf


def _local_fetcher() -> Any:
    """A new fetcher for one rendering (WeasyPrint's fetchers keep state between calls)."""
    return _local_fetcher_class()(allowed_protocols=("data", "file"), fail_on_errors=True)


@cache
def _local_fetcher_class() -> Any:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher  # type: ignore[import-untyped]

    class LocalOnly(URLFetcher):  # type: ignore[misc]
        """Refuses every URL but data: and the files of app/posters/: no network request."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(HERE) and path.is_file():
                    return super().fetch(url, headers)
            raise FatalURLFetchingError(f"a poster loads nothing from outside: {url}")

    return LocalOnly
