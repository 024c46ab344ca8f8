"""Static files served from memory under content-hashed URLs (/static/css/app.<hash>.css).

A changed file gets a new URL, so every asset can be cached for a year. Text assets are kept
compressed (brotli and gzip) too. Files are read once at start-up.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.web.middleware.compression import MIN_SIZE, best


@dataclass(frozen=True)
class Variants:
    """A static file's body, and its brotli and gzip versions when it is worth compressing."""

    identity: bytes
    gzip: bytes | None
    br: bytes | None

    @classmethod
    def of(cls, body: bytes) -> Variants:
        """Every encoding at its best level, made once at start-up."""
        if len(body) < MIN_SIZE:
            return cls(body, None, None)
        return cls(body, best(body, "gzip")[0], best(body, "br")[0])

    def pick(self, encoding: str | None) -> tuple[bytes, str | None]:
        """The body in `encoding` (request_headers.chosen_encoding), if it was worth compressing."""
        if encoding == "br" and self.br is not None:
            return self.br, "br"
        if encoding == "gzip" and self.gzip is not None:
            return self.gzip, "gzip"
        return self.identity, None


COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".webmanifest", ".txt", ".html"}
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    variants: Variants  # the body, and brotli/gzip versions for text files
    media_type: str


class StaticAssets:
    def __init__(self, root: Path) -> None:
        self._urls: dict[str, str] = {}  # logical path -> hashed path
        self._assets: dict[str, Asset] = {}  # hashed path -> asset
        for file in sorted(p for p in root.rglob("*") if p.is_file()):
            logical = file.relative_to(root).as_posix()
            body = file.read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:12]
            pure = PurePosixPath(logical)
            hashed = str(pure.with_name(f"{pure.stem}.{digest}{pure.suffix}"))
            media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if media_type.startswith("text/") or media_type.endswith("javascript"):
                media_type += "; charset=utf-8"
            compressible = pure.suffix in COMPRESSIBLE
            variants = Variants.of(body) if compressible else Variants(body, None, None)
            self._urls[logical] = hashed
            self._assets[hashed] = Asset(variants, media_type)

    def url(self, logical: str) -> str:
        """The hashed URL of a static file; a missing file is a programming error."""
        return f"/static/{self._urls[logical]}"

    def get(self, hashed: str) -> Asset | None:
        return self._assets.get(hashed)
