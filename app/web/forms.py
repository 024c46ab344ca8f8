"""Reads the journey form (design.md section 3): answer fields, `nav` and the optional `step`."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from app.domain.answers import QUESTIONS, InvalidAnswer, parse_answers
from app.domain.journey import STEPS, Given, Nav


class InvalidForm(ValueError):
    """A value that is not part of the protocol; the child sees a friendly 422 page."""


MAX_BODY = 4096  # five answers and the navigation fit in a few hundred bytes


async def read_form(request: Request) -> FormData:
    """The urlencoded body our forms send (htmx sends the same). Anything else - another
    content type, a body too large, bytes that are not UTF-8 - is an invalid form."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise InvalidForm("content-type")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise InvalidForm("size")
    try:
        pairs: list[tuple[str, str | UploadFile]] = list(
            parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
        )
    except (UnicodeDecodeError, ValueError):
        raise InvalidForm("encoding") from None
    return FormData(pairs)


def parse_form(form: FormData) -> tuple[Given, Nav, str | None]:
    given: Given = {}
    for question in QUESTIONS:
        if question not in form:
            continue
        values = form.getlist(question)
        if not all(isinstance(v, str) for v in values):
            raise InvalidForm(question)
        given[question] = tuple(str(v) for v in values if v != "")
    try:
        parse_answers(given)
    except InvalidAnswer as exc:
        raise InvalidForm(exc.question) from None
    nav_value = form.get("nav", Nav.NEXT.value)
    step = form.get("step")
    if not isinstance(nav_value, str) or nav_value not in {n.value for n in Nav}:
        raise InvalidForm("nav")
    if step is not None and (not isinstance(step, str) or step not in STEPS):
        raise InvalidForm("step")
    return given, Nav(nav_value), step
