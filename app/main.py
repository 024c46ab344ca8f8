"""The ASGI application for uvicorn (`uvicorn app.main:app`). Refuses to start on bad content."""

from __future__ import annotations

import gc
import sys

from app.content.loader import ContentError, load_content
from app.settings import get_settings
from app.web.app import create_app

settings = get_settings()
try:
    content = load_content(settings.content_dir, settings.region)
except ContentError as exc:
    sys.stderr.write(exc.report())
    sys.stderr.write(
        "The content is invalid; the server does not start. Run: python -m app check\n"
    )
    raise SystemExit(1) from None

app = create_app(settings, content)

# Everything built so far lives as long as the process: keep it out of the garbage collector's
# passes: they halved the results page's throughput and made its slowest requests take seconds
# (make bench, before and after).
gc.freeze()
