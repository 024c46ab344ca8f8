"""What is open now: every place's channel statuses, and the line each card shows for them.

Statuses change at most once a minute (opening hours have minutes, not seconds), yet working them
out per request was a fifth of the results page. A background task, started with the app, makes
the board of the current minute for every place and language; requests read it. What is kept
therefore depends on the clock alone - never on who asked or what they answered. A request the
task has not caught up with (the first moment of a minute, or an app run without its lifespan)
gets a board made for it alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from app.content.loader import Content
from app.domain.recommend import ChannelStatus, statuses_at
from app.web.cards import status_line
from app.web.i18n import LANGUAGES, translations

log = logging.getLogger("app.errors")


@dataclass(frozen=True)
class Board:
    minute: datetime
    statuses: dict[str, tuple[ChannelStatus, ...]]  # service id -> its channels' statuses
    lines: dict[tuple[str, str], tuple[tuple[str, str], ...]]  # (lang, service id) -> per
    # channel: its state ("open", "closed", "unknown") and the line that says it


def minute_of(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def make_board(content: Content, now: datetime, langs: Iterable[str] = LANGUAGES) -> Board:
    statuses = statuses_at(content.catalogue, now)
    lines = {}
    for lang in langs:
        _ = translations(lang).gettext
        for service in content.services.values():
            lines[(lang, service.id)] = tuple(
                status_line(model, status, lang, now, _)
                for model, status in zip(service.channels, statuses[service.id], strict=True)
            )
    return Board(minute_of(now), statuses, lines)


class Boards:
    def __init__(self, content: Content) -> None:
        self._content = content
        self._current: Board | None = None

    def at(self, now: datetime, lang: str) -> Board:
        """The board of `now`'s minute, with at least the lines in `lang`."""
        board = self._current
        if board is not None and board.minute == minute_of(now):
            return board
        return make_board(self._content, now, (lang,))

    async def keep_current(self, clock: Callable[[], datetime]) -> None:
        """Make the board of each minute as it starts; runs as long as the app does."""
        while True:
            now = clock()
            try:
                self._current = make_board(self._content, now)
            except Exception as exc:  # requests then make their own board: still right, slower
                log.error("board not made: %s", type(exc).__name__)
            await asyncio.sleep(60.001 - now.second - now.microsecond / 1_000_000)
