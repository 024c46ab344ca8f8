"""Which posters exist, their file names and the address each QR code holds, and the version
that names a set of them (any change of what is printed makes new files)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from importlib.metadata import version as installed_version
from pathlib import Path

from app.content.loader import Content
from app.languages import LANGUAGES
from app.posters.texts import poster_texts

HERE = Path(__file__).resolve().parent
SIZES = ("a4", "a3")


@dataclass(frozen=True)
class PosterFile:
    lang: str  # one of app.languages.LANGUAGES
    size: str  # "a4" or "a3"
    school: str | None  # a school's code (content.schools) or None for the general poster

    @property
    def name(self) -> str:
        """ "poster-nl-a4.pdf", or "poster-<code>-nl-a4.pdf" for a school."""
        school = f"{self.school}-" if self.school is not None else ""
        return f"poster-{school}{self.lang}-{self.size}.pdf"


def poster_files(content: Content) -> list[PosterFile]:
    """The general posters (every language x size), then every school's (sorted by code)."""
    schools: list[str | None] = [None, *sorted(content.schools)]
    return [
        PosterFile(lang, size, school) for school in schools for lang in LANGUAGES for size in SIZES
    ]


def poster_url(base_url: str, lang: str, school: str | None) -> str:
    """What the QR code opens: the start page, or the school's start page."""
    root = base_url.rstrip("/")
    return f"{root}/{lang}/" if school is None else f"{root}/{lang}/school/{school}"


def version(content: Content, base_url: str) -> str:
    """12 hex characters that change with anything a poster prints or how it is drawn: the base
    URL, this package's code, template and stylesheet, the texts of every language (so the facts
    of 112 and De Kindertelefoon too), every school's data, and the QR and PDF libraries."""
    digest = hashlib.sha256()

    def add(part: str | bytes) -> None:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)  # length-prefixed: no ambiguity

    add(base_url)
    add(f"segno {installed_version('segno')} weasyprint {installed_version('weasyprint')}")
    for path in sorted(HERE.iterdir()):
        if path.suffix in (".py", ".html", ".css"):
            add(path.name)
            add(path.read_bytes())
    for school in [None, *sorted(content.schools)]:
        for lang in LANGUAGES:
            texts = poster_texts(content, lang, school, poster_url(base_url, lang, school))
            add(json.dumps(asdict(texts), sort_keys=True, ensure_ascii=False))
    for code, data in sorted(content.schools.items()):
        add(code)
        add(data.model_dump_json())
    return digest.hexdigest()[:12]
