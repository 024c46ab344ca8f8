"""Stencils: a template rendered once with holes, then filled per request by joining strings.

The answer pages (results and emergency) are the only pages built for every request, yet all of
their markup except a few texts - why a place fits, whether it is open, the age line, the hidden
answers - is the same every time. Rendering them with Jinja took most of a request (make bench).
A stencil is the template rendered once, at start-up, with a `hole()` wherever a per-request text
goes; `fill()` escapes those texts as Jinja's autoescape would and joins the pieces.

Stencils are made before the first request and never change: nothing a child sends is kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

MARK = "\x00"  # never in a template or a content text (checked when a stencil is made)


class StencilError(ValueError):
    """A template used a hole in a way a stencil cannot fill (a filter, a test, a lost hole)."""


def hole(name: str) -> str:
    """Stands in for the value `name` while a stencil is rendered; escaping leaves it as it is."""
    return f"{MARK}{name}{MARK}"


class Stencil:
    """Rendered HTML with named holes; `fill` gives the HTML with the values in their place."""

    __slots__ = ("_parts", "holes")

    def __init__(self, html: str, holes: Iterable[str], source: str = "the template") -> None:
        parts = html.split(MARK)
        expected = set(holes)
        found = parts[1::2]
        if len(parts) % 2 == 0 or not set(found) <= expected:
            raise StencilError(
                f"{source} changes a value that differs per request (a filter or a slice?): "
                f"print {', '.join(sorted(expected))} as they are"
            )
        if set(found) != expected:
            missing = ", ".join(sorted(expected - set(found)))
            raise StencilError(f"{source} dropped the holes {missing}")
        self._parts = parts  # literal text at even indexes, hole names at odd ones
        self.holes = frozenset(expected)

    def fill(self, values: dict[str, str]) -> Markup:
        """The HTML with every hole replaced by its value: a str is escaped, Markup is not."""
        parts = self._parts.copy()
        for index in range(1, len(parts), 2):
            value = values[parts[index]]
            parts[index] = value if isinstance(value, Markup) else escape_text(value)
        return Markup("".join(parts))


def escape_text(text: str) -> str:
    """What markupsafe.escape (Jinja's autoescape) makes of a str, as a str: twice as fast, as
    it makes no Markup object for each value."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )
