"""What an installed app needs: the web manifest per language and the service worker script.

Both are built once at start-up from the region's configuration and the hashed static files.
The service worker carries the offline emergency card of every language (rendered here from
templates/offline_card.html) and pre-caches only the static files that card and the pages need.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from app.content import models
from app.web.i18n import LANGUAGES
from app.web.middleware.security import SECURITY_HEADERS
from app.web.rendering.static import StaticAssets
from app.web.rendering.templating import Renderer

THEME = "#0b5d57"
PRECACHE = ("css/app.css", "vendor/htmx.min.js", "js/app.js", "icons/icon.svg")


@dataclass(frozen=True)
class Pwa:
    manifests: dict[str, bytes]  # lang -> manifest JSON
    offline_cards: dict[str, str]  # lang -> the card's HTML
    service_worker: bytes


def manifest(region: models.Region, static: StaticAssets, lang: str) -> bytes:
    icons = [
        {"src": static.url("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static.url("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static.url("icons/icon-maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]
    data = {
        "id": "/",
        "name": region.site_title,  # the discreet name, never a topic or a helpline
        "short_name": region.short_name,
        "lang": lang,
        "dir": LANGUAGES[lang].direction,
        "start_url": f"/{lang}/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def build_pwa(
    region: models.Region, static: StaticAssets, renderer: Renderer, exit_url: str
) -> Pwa:
    cards = {lang: renderer.document(lang, "offline_card.html") for lang in LANGUAGES}
    assets = [static.url(path) for path in PRECACHE]
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        **{name.title(): value for name, value in SECURITY_HEADERS.items()},
    }
    version = hashlib.sha256(json.dumps([assets, cards, exit_url]).encode()).hexdigest()[:12]
    script = renderer.document(
        "nl",
        "sw.js",
        **{  # JSON is valid JavaScript; kept readable (no \u escapes for Arabic or "<")
            name: json.dumps(value, ensure_ascii=False)
            for name, value in {
                "cache_name": f"offline-{version}",
                "assets": assets,
                "cards": cards,
                "headers": headers,
                "exit_path": "/uit",
                "exit_url": exit_url,
            }.items()
        },
    )
    return Pwa(
        manifests={lang: manifest(region, static, lang) for lang in LANGUAGES},
        offline_cards=cards,
        service_worker=script.encode(),
    )
