"""The board of what is open now (rendering/board.py): kept per minute, by the clock alone."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from app.content.loader import Content
from app.domain.hours import AMSTERDAM
from app.domain.status import statuses_at
from app.settings import Settings
from app.web.app import create_app, fastapi_of
from app.web.i18n import LANGUAGES, translations
from app.web.rendering.board import Boards, make_board
from app.web.rendering.cards import overview_cards

# 08:59 on a Wednesday: the Veilig Thuis chat opens at 09:00.
BEFORE_NINE = datetime(2026, 11, 25, 8, 59, 30, tzinfo=AMSTERDAM)
ANSWERS = {"danger": "no", "topics": "home_fights", "age": "12_15", "contact": "chat"}


def test_the_board_says_what_the_cards_say(content: Content) -> None:
    for moment in (BEFORE_NINE, BEFORE_NINE + timedelta(minutes=1)):
        board = make_board(content, moment)
        assert board.statuses == statuses_at(content.catalogue, moment)
        for lang in LANGUAGES:
            for card in overview_cards(content, lang, moment, translations(lang).gettext):
                lines = tuple((ch.state, ch.status) for ch in card.channels)
                assert board.lines[(lang, card.id)] == lines


def test_a_board_serves_only_its_own_minute(content: Content) -> None:
    boards = Boards(content)
    first = boards.at(BEFORE_NINE)
    assert first == make_board(content, BEFORE_NINE)  # every language, made on first use
    assert boards.at(BEFORE_NINE + timedelta(seconds=29)) is first  # 08:59:59: kept
    later = boards.at(BEFORE_NINE + timedelta(seconds=31))  # 09:00:01: another minute
    nine = BEFORE_NINE + timedelta(minutes=1)
    assert later is not first and later == make_board(content, nine)
    assert later.lines != first.lines  # the chat opened
    assert boards.at(nine + timedelta(seconds=29)) is later  # 09:00:59


def test_requests_see_the_minute_not_each_other(settings: Settings, content: Content) -> None:
    """What is kept depends on the clock alone: answers never change it."""
    app = create_app(settings, content)
    site = fastapi_of(app).state.site
    clock = [BEFORE_NINE]
    site.clock = lambda: clock[0]
    client = TestClient(app)
    response = client.post("/nl/stap", data={**ANSWERS, "goal": "listen"})
    assert 'data-service="veilig_thuis"' in response.text
    kept = site.boards.at(BEFORE_NINE)
    client.post("/ar/stap", data={**ANSWERS, "topics": "sad", "goal": "change"})
    assert site.boards.at(BEFORE_NINE) is kept == make_board(content, BEFORE_NINE)
    clock[0] = BEFORE_NINE + timedelta(minutes=1)  # 09:00:30: the Veilig Thuis chat is open
    response = client.post("/nl/stap", data={**ANSWERS, "goal": "listen"})
    assert site.boards.at(clock[0]) is not kept
    assert "Nu open." in response.text
