"""The poster's QR code: segno (no image library), inline SVG that the stylesheet sizes."""

from __future__ import annotations

from dataclasses import dataclass

import segno

QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


@dataclass(frozen=True)
class QrCode:
    svg: str  # <svg> with a viewBox and no size: the stylesheet gives it one
    modules: int  # modules across the code itself, without the quiet zone

    def side(self, symbol_mm: float) -> float:
        """The SVG's side, quiet zone included, for a code of symbol_mm across."""
        return round(symbol_mm * (self.modules + 2 * QUIET_ZONE) / self.modules, 1)


def qr_code(url: str) -> QrCode:
    """Black on white with its quiet zone; error correction at least M (segno raises it further
    when the code stays the same size)."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff", svgclass="qr", lineclass=None
    )
    modules, _ = code.symbol_size(scale=1, border=0)
    return QrCode(svg=str(svg), modules=int(modules))
