"""/.well-known/security.txt (RFC 9116), written from configuration."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from app.settings import Settings


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
