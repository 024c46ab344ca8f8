"""The form protocol's state machine (app/domain/journey.py), without HTTP."""

from __future__ import annotations

from app.domain.journey import Nav, ScreenKind, next_screen

ALL_FIVE = {
    "danger": ("no",),
    "topics": ("home_fights",),
    "age": ("8_11",),
    "contact": ("chat",),
    "goal": ("listen",),
}


def test_first_question_is_danger() -> None:
    screen = next_screen({})
    assert (screen.kind, screen.question) == (ScreenKind.QUESTION, "danger")


def test_shows_the_first_question_without_a_field() -> None:
    assert next_screen({"danger": ("no",)}).question == "topics"
    assert next_screen({"danger": ("no",), "topics": ()}).question == "age"
    assert next_screen({"danger": ("no",), "age": ("8_11",)}).question == "topics"


def test_all_five_at_once_is_results() -> None:
    assert next_screen(ALL_FIVE).kind is ScreenKind.RESULTS
    skipped = {q: () for q in ALL_FIVE}
    assert next_screen(skipped).kind is ScreenKind.RESULTS


def test_danger_yes_shows_the_emergency_page_then_continues() -> None:
    assert next_screen({"danger": ("yes",)}, Nav.NEXT, "danger").kind is ScreenKind.EMERGENCY
    screen = next_screen({"danger": ("yes",)}, Nav.NEXT, "emergency")
    assert (screen.kind, screen.question) == (ScreenKind.QUESTION, "topics")
    assert next_screen({**ALL_FIVE, "danger": ("yes",)}).kind is ScreenKind.RESULTS


def test_skip_sends_the_question_empty_and_ignores_ticks() -> None:
    screen = next_screen({"danger": ("no",), "topics": ("sad", "bullying")}, Nav.SKIP, "topics")
    assert screen.given == {"danger": ("no",), "topics": ()}
    assert screen.question == "age"


def test_skip_without_step_skips_the_first_missing_question() -> None:
    screen = next_screen({"danger": ("no",)}, Nav.SKIP)
    assert screen.given == {"danger": ("no",), "topics": ()}


def test_next_with_nothing_chosen_asks_again() -> None:
    screen = next_screen({"danger": ("no",)}, Nav.NEXT, "topics")
    assert (screen.question, screen.needs_choice) == ("topics", True)


def test_back_drops_the_previous_answer_and_selects_it() -> None:
    screen = next_screen({"danger": ("no",), "topics": ("sad", "friend")}, Nav.BACK, "age")
    assert screen.question == "topics"
    assert screen.selected == ("sad", "friend")
    assert screen.given == {"danger": ("no",)}


def test_back_from_results_shows_the_last_question() -> None:
    screen = next_screen(ALL_FIVE, Nav.BACK, "results")
    assert (screen.question, screen.selected) == ("goal", ("listen",))
    assert "goal" not in screen.given
    assert next_screen(ALL_FIVE, Nav.BACK).question == "goal"  # without a step too


def test_back_from_the_first_question_is_the_start_page() -> None:
    assert next_screen({}, Nav.BACK, "danger").kind is ScreenKind.START


def test_back_from_the_emergency_page_asks_danger_again() -> None:
    screen = next_screen({"danger": ("yes",)}, Nav.BACK, "emergency")
    assert (screen.question, screen.selected, screen.given) == ("danger", ("yes",), {})
