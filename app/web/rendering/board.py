"""What is open now: every place's channel statuses, and the line each card shows for them.

Statuses change at most once a minute (opening hours have minutes, not seconds), yet working them
out per request was most of a results page. The first request of a minute makes the board of that
minute, for every place and language (about 1 ms); the requests after it read it. What is kept
therefore depends on the clock alone - never on who asked or what they answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.content.loader import Content
from app.domain.status import ChannelStatus, statuses_at
from app.web.i18n import LANGUAGES, translations
from app.web.rendering.cards import status_line


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
    """The board of the current minute, made by the first request of that minute and kept until
    the clock moves on. What is kept depends on the clock alone: it is the same for everyone."""

    def __init__(self, content: Content) -> None:
        self._content = content
        self._current: Board | None = None

    def at(self, now: datetime) -> Board:
        board = self._current
        if board is None or board.minute != minute_of(now):
            board = self._current = make_board(self._content, now)
        return board
