"""Are the translations complete? Compares the Dutch msgids in the sources with every catalogue.

The msgids are extracted afresh from app/ (babel.cfg says where), so a text added to a template
but never extracted still counts as missing. `python -m app check` runs this and fails on gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.web.i18n import DEFAULT, LANGUAGES, LOCALES

ROOT = LOCALES.parent
# gettext's %(name)s in templates, str.format's {name} in app/web/i18n/wording.py and cards.py
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


@dataclass(frozen=True)
class CatalogueReport:
    lang: str
    total: int
    missing: tuple[str, ...]  # msgids with no translation (or only a fuzzy one)
    broken: tuple[str, ...]  # msgids whose translation lost or invented a placeholder
    unused: int  # entries in the catalogue that no source uses any more

    @property
    def complete(self) -> bool:
        return not self.missing and not self.broken


def source_msgids(root: Path = ROOT) -> set[str]:
    with (root / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)  # type: ignore[no-untyped-call]
    found: set[str] = set()
    for _file, _line, message, *_rest in extract_from_dir(str(root), method_map, options_map):
        found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


def report(lang: str, msgids: set[str], locales: Path = LOCALES) -> CatalogueReport:
    path = locales / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return CatalogueReport(lang, len(msgids), tuple(sorted(msgids)), (), 0)
    with path.open("rb") as file:
        catalogue = read_po(file)
    translated: dict[str, str] = {
        str(m.id): str(m.string) for m in catalogue if m.id and m.string and not m.fuzzy
    }
    missing = tuple(sorted(i for i in msgids if not translated.get(i, "").strip()))
    broken = tuple(
        sorted(
            i
            for i in msgids
            if i in translated
            # A translation may say a placeholder twice ("{high} included"), not lose or invent one.
            and set(PLACEHOLDER.findall(i)) != set(PLACEHOLDER.findall(translated[i]))
        )
    )
    unused = len({str(m.id) for m in catalogue if m.id} - msgids)
    return CatalogueReport(lang, len(msgids), missing, broken, unused)


def reports() -> list[CatalogueReport]:
    msgids = source_msgids()
    return [report(lang, msgids) for lang in LANGUAGES if lang != DEFAULT]
