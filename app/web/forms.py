"""Reads the journey form (design.md section 3): answer fields, `nav`, the optional `step`, and
the optional `school` (design.md section 10: the code of the school whose poster was scanned)."""

from __future__ import annotations

from collections.abc import Container
from urllib.parse import parse_qsl

from starlette.requests import Request

from app.domain.answers import QUESTIONS, InvalidAnswer, parse_answers
from app.domain.journey import STEPS, Given, Nav
from app.web.request_headers import media_type


class InvalidForm(ValueError):
    """A value that is not part of the protocol; the child sees a friendly 422 page."""


NAV_VALUES = frozenset(n.value for n in Nav)
MAX_BODY = 4096  # five answers and the navigation fit in a few hundred bytes


async def read_form(request: Request) -> list[tuple[str, str]]:
    """The fields of the urlencoded body our forms send (htmx sends the same). Anything else -
    another content type, a body too large, bytes that are not UTF-8 - is an invalid form."""
    if media_type(request.scope) != "application/x-www-form-urlencoded":
        raise InvalidForm("content-type")
    body = b""
    more = True
    while more:  # the ASGI messages themselves: Request.stream() is slower (make bench)
        message = await request.receive()
        if message["type"] != "http.request":
            raise InvalidForm("disconnected")
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > MAX_BODY:
            raise InvalidForm("size")
    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except (UnicodeDecodeError, ValueError):
        raise InvalidForm("encoding") from None


def parse_form(
    fields: list[tuple[str, str]], schools: Container[str] = ()
) -> tuple[Given, Nav, str | None, str | None]:
    """The answers, the button pressed, the step posted from and the school (one of `schools`,
    or None). A value outside the protocol is an InvalidForm."""
    form: dict[str, list[str]] = {}
    for name, value in fields:
        form.setdefault(name, []).append(value)
    given: Given = {
        question: tuple(v for v in form[question] if v != "")
        for question in QUESTIONS
        if question in form
    }
    try:
        parse_answers(given)
    except InvalidAnswer as exc:
        raise InvalidForm(exc.question) from None
    nav_value = form.get("nav", [Nav.NEXT.value])[-1]  # the last one, as Starlette's forms did
    step = form["step"][-1] if "step" in form else None
    if nav_value not in NAV_VALUES:
        raise InvalidForm("nav")
    if step is not None and step not in STEPS:
        raise InvalidForm("step")
    school = form["school"][-1] or None if "school" in form else None
    if school is not None and school not in schools:
        raise InvalidForm("school")
    return given, Nav(nav_value), step, school


def hidden_fields(given: Given, school: str | None = None) -> list[tuple[str, str]]:
    """The answers so far as hidden (name, value) fields: one per chosen value, and one with an
    empty value for a skipped question, so the next step knows it was asked; then the school."""
    fields = [(name, value) for name, values in given.items() for value in values or ("",)]
    return [*fields, ("school", school)] if school else fields
