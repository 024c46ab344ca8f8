"""Draw the home-screen icons (PNG 192, 512, and a maskable 512) without any image library.

The same neutral figure as static/icons/icon.svg: a white head and shoulders on green. Run
`python scripts/make_icons.py` after changing the design; the PNGs are committed.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "icons"
GREEN = (0x0B, 0x5D, 0x57)
WHITE = (0xFF, 0xFF, 0xFF)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(size: int, pixel: object) -> bytes:
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # no filter
        for x in range(size):
            rows.extend(pixel(x + 0.5, y + 0.5))  # type: ignore[operator]
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )


def figure(size: int, scale: float, rounded: bool) -> object:
    """Coordinates in a 512 box; `scale` shrinks the figure into the maskable safe zone."""

    def pixel(px: float, py: float) -> tuple[int, int, int]:
        x, y = px * 512 / size, py * 512 / size
        if rounded:  # rounded square corners (radius 96) show the page's background: white
            cx, cy = min(max(x, 96), 416), min(max(y, 96), 416)
            if (x - cx) ** 2 + (y - cy) ** 2 > 96**2:
                return WHITE
        fx, fy = 256 + (x - 256) / scale, 256 + (y - 256) / scale
        head = (fx - 256) ** 2 + (fy - 220) ** 2 <= 92**2
        body = 302 <= fy <= 420 and abs(fx - 256) <= 148 * min(1.0, (fy - 302) / 118 + 0.6)
        return WHITE if head or body else GREEN

    return pixel


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon-192.png").write_bytes(png(192, figure(192, 1.0, True)))
    (OUT / "icon-512.png").write_bytes(png(512, figure(512, 1.0, True)))
    (OUT / "icon-maskable-512.png").write_bytes(png(512, figure(512, 0.7, False)))


if __name__ == "__main__":
    main()
