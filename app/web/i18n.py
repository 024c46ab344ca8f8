"""Languages: which exist, their own names and direction, gettext catalogues, negotiation.

Dutch is the source language: the msgids in templates and code are Dutch, so Dutch needs no
catalogue. Other languages load locales/<lang>/LC_MESSAGES/messages.mo (built, not committed).
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.support import Translations

LOCALES = Path(__file__).resolve().parent.parent.parent / "locales"


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself
    direction: str  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    "nl": Language("nl", "Nederlands", "ltr"),
    "en": Language("en", "English", "ltr"),
    "ar": Language("ar", "العربية", "rtl"),
    "tr": Language("tr", "Türkçe", "ltr"),
    "pl": Language("pl", "Polski", "ltr"),
    "uk": Language("uk", "Українська", "ltr"),
}
DEFAULT = "nl"


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
