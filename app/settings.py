"""All configuration, from environment variables (prefix WHM_), each with a safe default.

Nothing else in the app reads os.environ.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WHM_", frozen=True)

    content_dir: Path = ROOT / "content"  # the embedded default content
    region: str = "wassenaar"  # a folder in content/regions/
    data_dir: Path = ROOT / "data"  # reserved for anonymous daily counters (none are kept yet)
    base_url: str = "http://127.0.0.1:8000"  # the public address, for absolute links
    # Where "Snel weg" leads: a neutral, non-personalised site that shows nothing about the child.
    exit_url: str = "https://www.buienradar.nl/"

    @field_validator("exit_url")
    @classmethod
    def _exit_is_web(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("WHM_EXIT_URL must be an http(s) address")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
