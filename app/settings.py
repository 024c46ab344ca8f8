"""All configuration, from environment variables (prefix WHM_), each with a safe default.

Nothing else in the app reads os.environ.
"""

from __future__ import annotations

import socket
from datetime import date
from functools import lru_cache
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WHM_", frozen=True)

    content_dir: Path = ROOT / "content"  # the embedded default content
    region: str = "wassenaar"  # a folder in content/regions/
    data_dir: Path = ROOT / "data"  # the anonymous daily counts (counts-*.db) and the posters
    # This instance's counts file is counts-<instance>.db; workers of one instance share it.
    instance: str = Field(default_factory=socket.gethostname, pattern=r"^[A-Za-z0-9._-]{1,64}$")
    counts: bool = True  # keep the anonymous daily counts (design.md section 11)
    # Slow or hostile clients (app/http_protocol.py): seconds a connection may take to send a
    # request's head, seconds its body may pause, and how large a head may be. The TLS front has
    # its own, tighter limits (deploy/); these keep the app safe without it.
    header_timeout: float = Field(default=10.0, gt=0, le=300)
    body_timeout: float = Field(default=10.0, gt=0, le=300)
    max_header_bytes: int = Field(default=16384, ge=1024, le=1048576)
    base_url: str = "http://127.0.0.1:8000"  # the public address, for absolute links
    # Where "Snel weg" leads: a neutral, non-personalised site that shows nothing about the child.
    exit_url: str = "https://www.buienradar.nl/"
    # /.well-known/security.txt (RFC 9116): who to tell about a vulnerability, and until when
    # that is true. Without a contact the file is not served (and `python -m app check` warns):
    # we never publish an address nobody reads.
    security_contact: str | None = None  # "mailto:..." or "https://..."; several: comma-separated
    security_expires: date | None = None  # RFC 9116: at most a year ahead

    @field_validator("exit_url")
    @classmethod
    def _exit_is_web(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("WHM_EXIT_URL must be an http(s) address")
        return value

    @field_validator("security_contact")
    @classmethod
    def _contacts_are_uris(cls, value: str | None) -> str | None:
        if value is None:
            return None
        for contact in (c.strip() for c in value.split(",")):
            if not contact.startswith(("mailto:", "https://", "tel:")):
                raise ValueError(
                    f"WHM_SECURITY_CONTACT: {contact!r} must start with mailto:, https:// or tel:"
                )
        return value

    def security_warnings(self, today: date) -> list[str]:
        """What `python -m app check` should say about security.txt."""
        if not self.security_contact:
            return ["WHM_SECURITY_CONTACT is not set: /.well-known/security.txt is not served"]
        if self.security_expires is None:
            return ["WHM_SECURITY_EXPIRES is not set: security.txt says it expires in 365 days"]
        if self.security_expires <= today:
            return [f"WHM_SECURITY_EXPIRES {self.security_expires} has passed: renew security.txt"]
        if (self.security_expires - today).days > 366:
            return ["WHM_SECURITY_EXPIRES is more than a year ahead (RFC 9116 advises less)"]
        return []


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
