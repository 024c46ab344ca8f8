"""Security and privacy headers on every response, and a last-resort error guard.

A pure ASGI middleware (no BaseHTTPMiddleware: no extra task per request). It wraps the whole
application, outside Starlette's own error middleware, so even a 500 carries the headers, and it
logs nothing about the request: no address, no path, no header, no exception message.
"""

from __future__ import annotations

import logging
import traceback

from app.web.middleware.asgi import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("app.errors")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'; frame-ancestors 'none'; upgrade-insecure-requests"
)
# Deny every powerful feature; the app uses none of them. Only names Chromium recognises:
# an unknown name is a console error on every page (Lighthouse counts it).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "strict-transport-security": "max-age=31536000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
NEVER = {b"server", b"x-powered-by", b"set-cookie", b"access-control-allow-origin", b"x-shared"}
_ENCODED = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

FALLBACK_500 = (
    b"<!doctype html><html lang=nl><meta charset=utf-8><title>Fout</title>"
    b"<h1>Er ging iets mis</h1><p>In gevaar? Bel <a href=tel:112>112</a>. "
    b"Veilig Thuis: <a href=tel:08002000>0800-2000</a>. "
    b"De Kindertelefoon (elke dag 11-21 uur): <a href=tel:08000432>0800-0432</a>.</p></html>"
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in NEVER]
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _ENCODED if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # the last guard: never a traceback to the client or the log
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            log.error("unhandled %s at %s:%s", type(exc).__name__, frame.filename, frame.lineno)
            if not started:
                await send_with_headers(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"text/html; charset=utf-8")],
                    }
                )
                await send({"type": "http.response.body", "body": FALLBACK_500})
