"""Print-ready PDF posters (A4 and A3, in every language, per school) with a QR code to the
app (design.md section 10). Made once per deployment, never per request.

    files.py   which posters exist, their names, the QR code's address, the version
    texts.py   what a poster says (gettext msgids in Dutch, facts from the content)
    qr.py      the QR code as inline SVG (segno)
    pdf.py     poster.html + poster.css -> PDF (WeasyPrint, imported on first use)
    store.py   write_all() for the command line, PosterStore for the server
"""

from __future__ import annotations

from app.posters.files import PosterFile, poster_files, poster_url, version
from app.posters.pdf import render
from app.posters.store import PosterStore, write_all

__all__ = [
    "PosterFile",
    "PosterStore",
    "poster_files",
    "poster_url",
    "render",
    "version",
    "write_all",
]
