"""Languages: which exist, their own names and direction, gettext catalogues, negotiation.

Dutch is the source language: the msgids in templates and code are Dutch, so Dutch needs no
catalogue. Other languages load locales/<lang>/LC_MESSAGES/messages.mo (built, not committed).
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.support import Translations

from app.languages import DEFAULT, LANGUAGES, Language

__all__ = ["DEFAULT", "LANGUAGES", "LOCALES", "Language", "negotiate", "translations"]

LOCALES = Path(__file__).resolve().parents[3] / "locales"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    return Translations.load(str(LOCALES), [lang], domain="messages")


def negotiate(accept_language: str | None) -> str:
    """The best supported language for an Accept-Language header (no cookie, no guessing)."""
    if not accept_language:
        return DEFAULT
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, index, primary))
    return min(choices)[2] if choices else DEFAULT
