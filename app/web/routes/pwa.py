"""The web manifest, the service worker and the offline emergency card (built at start-up)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from app.web.middleware.memo import SHARED_HEADER
from app.web.site import LangDep, SiteDep

router = APIRouter(include_in_schema=False)
# Their URLs cannot carry a content hash: the browser must ask again every time (security.md A).
REVALIDATE = {"Cache-Control": "no-cache", SHARED_HEADER: "1"}


@router.get("/sw.js", name="service_worker")
async def service_worker(site: SiteDep) -> Response:
    return Response(
        site.pwa.service_worker, media_type="text/javascript; charset=utf-8", headers=REVALIDATE
    )


@router.get("/{lang}/app.webmanifest", name="manifest")
async def manifest(lang: LangDep, site: SiteDep) -> Response:
    return Response(
        site.pwa.manifests[lang], media_type="application/manifest+json", headers=REVALIDATE
    )


@router.get("/{lang}/offline", name="offline")
async def offline_card(lang: LangDep, site: SiteDep) -> HTMLResponse:
    """The card the service worker shows when a page cannot load; here to preview and test."""
    return HTMLResponse(site.pwa.offline_cards[lang], headers={"Content-Language": lang})
