"""Health, the language redirect at /, the quick-exit hop and hashed static files."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse

from app.web.i18n import negotiate
from app.web.memo import SHARED_HEADER
from app.web.request_headers import accept_language, chosen_encoding
from app.web.security_txt import security_txt
from app.web.site import Site, get_site
from app.web.static import IMMUTABLE

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(get_site)]


@router.get("/healthz", name="health")
async def health(site: SiteDep) -> PlainTextResponse:
    return PlainTextResponse(f"ok: {len(site.content.services)} services")


@router.get("/", name="root")
async def root(request: Request) -> RedirectResponse:
    lang = negotiate(accept_language(request.scope))
    return RedirectResponse(
        request.app.url_path_for("start", lang=lang),
        status_code=302,
        headers={"Vary": "Accept-Language"},
    )


@router.get("/uit", name="exit")
async def quick_exit(site: SiteDep) -> RedirectResponse:
    """The quick-exit hop: clear what this site stored, then leave for a neutral site."""
    return RedirectResponse(
        site.settings.exit_url,
        status_code=303,
        headers={"Clear-Site-Data": '"cache", "storage"'},
    )


@router.get("/.well-known/security.txt", name="security_txt")
async def security_file(site: SiteDep) -> PlainTextResponse:
    text = security_txt(site.settings, site.clock().date())
    if text is None:
        return PlainTextResponse("Not found\n", status_code=404)
    return PlainTextResponse(text)


@router.get("/static/{path:path}", name="static")
async def static_file(path: str, request: Request, site: SiteDep) -> Response:
    asset = site.static.get(path)
    if asset is None:
        return Response(status_code=404, headers={"Cache-Control": "no-store"})
    headers = {"Cache-Control": IMMUTABLE, SHARED_HEADER: "1"}
    body, encoding = asset.variants.pick(chosen_encoding(request.scope))
    if asset.variants.br is not None:
        headers["Vary"] = "Accept-Encoding"
    if encoding:
        headers["Content-Encoding"] = encoding
    return Response(body, media_type=asset.media_type, headers=headers)
