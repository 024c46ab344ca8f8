"""Health, the language redirect at /, the quick-exit hop, security.txt and hashed static files."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse, RedirectResponse

from app import stats
from app.settings import Settings
from app.web.i18n import negotiate
from app.web.middleware.memo import SHARED_HEADER
from app.web.rendering.static import IMMUTABLE
from app.web.request_headers import accept_language, chosen_encoding
from app.web.site import SiteDep

router = APIRouter(include_in_schema=False)


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
    site.counts.add(stats.QUICK_EXIT, site.clock())
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


def security_txt(settings: Settings, today: date) -> str | None:
    """The file's text, or None when no contact is configured (then it is not served)."""
    if not settings.security_contact:
        return None
    expires = settings.security_expires or today + timedelta(days=365)
    stamp = datetime.combine(expires, time(0, 0), tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [f"Contact: {c.strip()}" for c in settings.security_contact.split(",")]
    lines += [
        f"Expires: {stamp}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.base_url.rstrip('/')}/.well-known/security.txt",
    ]
    return "\n".join(lines) + "\n"
