"""The board of what is open now (app/web/board.py): kept per minute, by the clock alone."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from app.content.loader import Content
from app.domain.hours import AMSTERDAM
from app.domain.recommend import statuses_at
from app.settings import Settings
from app.web.app import create_app, fastapi_of
from app.web.board import Boards, make_board
from app.web.cards import overview_cards
from app.web.i18n import LANGUAGES, translations
from tests.conftest import run_async

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
    kept = make_board(content, BEFORE_NINE)
    boards._current = kept
    assert boards.at(BEFORE_NINE + timedelta(seconds=29), "ar") is kept
    later = boards.at(BEFORE_NINE + timedelta(seconds=31), "ar")  # 09:00:01: another minute
    nine = BEFORE_NINE + timedelta(minutes=1)
    assert later is not kept and later == make_board(content, nine, ["ar"])
    assert {lang for lang, _ in later.lines} == {"ar"}  # made for this request: its language
    assert later.lines != make_board(content, BEFORE_NINE, ["ar"]).lines  # the chat opened
    assert boards._current is kept  # a request never changes what is kept


def test_the_task_keeps_the_board_of_the_current_minute(content: Content) -> None:
    boards = Boards(content)

    async def run_once() -> None:
        task = asyncio.create_task(boards.keep_current(lambda: BEFORE_NINE))
        await asyncio.sleep(0.01)
        task.cancel()

    run_async(run_once())
    assert boards._current == make_board(content, BEFORE_NINE)


def test_requests_leave_the_board_alone(settings: Settings, content: Content) -> None:
    """Without the app's lifespan no board is kept, and answering does not make one stay."""
    app = create_app(settings, content)
    site = fastapi_of(app).state.site
    site.clock = lambda: BEFORE_NINE
    client = TestClient(app)  # not entered: the lifespan (and its task) does not run
    for _ in range(3):
        response = client.post("/nl/stap", data={**ANSWERS, "goal": "listen"})
        assert response.status_code == 200 and 'data-service="veilig_thuis"' in response.text
    assert site.boards._current is None
    with TestClient(app) as running:  # with the lifespan: the task makes the board at once
        assert running.get("/healthz").status_code == 200
        assert site.boards._current == make_board(content, BEFORE_NINE)
