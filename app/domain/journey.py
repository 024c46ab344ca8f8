"""The form protocol as a pure state machine (design.md section 3).

Input: the answer fields posted so far (question -> answer ids; an empty tuple is "asked, no
answer"), the pressed `nav` button and, optionally, the `step` the page was showing. Output: the
screen to show next and the answers it carries forward in hidden fields. The server keeps nothing:
everything travels with each POST.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.answers import QUESTIONS, Danger

EMERGENCY = "emergency"
RESULTS = "results"
STEPS = (*QUESTIONS, EMERGENCY, RESULTS)

Given = dict[str, tuple[str, ...]]


class Nav(StrEnum):
    NEXT = "next"
    SKIP = "skip"
    BACK = "back"


class ScreenKind(StrEnum):
    START = "start"
    QUESTION = "question"
    EMERGENCY = "emergency"
    RESULTS = "results"


@dataclass(frozen=True)
class Screen:
    kind: ScreenKind
    given: Given  # answers carried forward as hidden fields, in question order
    question: str | None = None  # for QUESTION
    selected: tuple[str, ...] = ()  # earlier choice to show selected (after "Vorige")
    needs_choice: bool = False  # "Verder" was pressed with nothing chosen


def first_missing(given: Given) -> str | None:
    return next((q for q in QUESTIONS if q not in given), None)


def _ordered(given: Given) -> Given:
    return {q: given[q] for q in QUESTIONS if q in given}


def _after(given: Given, question: str) -> Given:
    """Drop `question` and every question after it."""
    cut = QUESTIONS.index(question)
    return {q: v for q, v in given.items() if QUESTIONS.index(q) < cut}


def next_screen(given: Given, nav: Nav = Nav.NEXT, step: str | None = None) -> Screen:
    """Decide what to show after a POST. `step` is the screen that was posted from, if known."""
    given = _ordered(given)
    current = step or first_missing(given) or RESULTS

    if nav is Nav.BACK:
        return _back(given, current)

    if nav is Nav.SKIP and current in QUESTIONS:
        # "Sla over" ignores whatever was ticked: the question is asked, with no answer.
        given = _ordered({**given, current: ()})
    elif nav is Nav.NEXT and current in QUESTIONS and step is not None and current not in given:
        return Screen(ScreenKind.QUESTION, given, question=current, needs_choice=True)

    danger = given.get("danger", ())
    continuing = step == EMERGENCY
    if danger == (Danger.YES.value,) and "topics" not in given and not continuing:
        return Screen(ScreenKind.EMERGENCY, given)

    missing = first_missing(given)
    if missing is None:
        return Screen(ScreenKind.RESULTS, given)
    return Screen(ScreenKind.QUESTION, given, question=missing)


def _back(given: Given, current: str) -> Screen:
    """'Vorige': drop the previous question's answer and show it again, its choice selected."""
    if current == RESULTS:
        previous: str | None = QUESTIONS[-1]
    elif current == EMERGENCY:
        previous = QUESTIONS[0]
    else:
        index = QUESTIONS.index(current)
        previous = QUESTIONS[index - 1] if index > 0 else None
    if previous is None:
        return Screen(ScreenKind.START, {})
    selected = given.get(previous, ())
    return Screen(
        ScreenKind.QUESTION, _after(given, previous), question=previous, selected=selected
    )
