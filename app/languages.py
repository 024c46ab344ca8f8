"""The languages of the site, defined once: content texts, catalogues, paths and the API use it.

Dutch is the source language and the default.
"""

from __future__ import annotations

from dataclasses import dataclass


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
