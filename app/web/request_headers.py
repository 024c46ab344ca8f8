"""The one way the app reads a request header.

A header field may arrive more than once, and its name in any case. When two parts of the app
read the same header two ways (one the first field, the other the last), the memory of shared
pages stored one visitor's answer under another visitor's key: a fragment without 112 and the
quick exit, served to everyone after (issue 10). So every read goes through this module:

- a list header (Accept-Encoding, Accept-Language) is every field joined with commas, as
  RFC 9110 section 5.3 says repeated fields mean;
- a single-value header (HX-Request, Content-Type) has a value only when every field says the
  same; a request that contradicts itself gets what a request without the header gets (the whole
  page, with 112 and the quick exit; an invalid form).

`variant(scope)` is everything in a request's headers that a response shared between visitors
may depend on (app/web/middleware/memo.py keys on it, the routes render by it).
"""

from __future__ import annotations

import re

from app.web.middleware.asgi import Scope

Variant = tuple[bool, str | None]  # (htmx asked for a fragment, the encoding to send)

OFFERED = ("br", "gzip")  # the encodings we send, ours first when the client weighs them alike
QVALUE = re.compile(r"0(\.[0-9]{0,3})?|1(\.0{0,3})?")  # RFC 9110 section 12.4.2


def _fields(scope: Scope, name: bytes) -> list[bytes]:
    """Every field called `name` (lowercase), in the order sent, without surrounding space."""
    return [value.strip() for key, value in scope["headers"] if key.lower() == name]


def single(scope: Scope, name: bytes) -> str | None:
    """A single-value header: its value, or None when it is absent or its fields disagree."""
    values = _fields(scope, name)
    if not values or any(value != values[0] for value in values):
        return None
    return values[0].decode("latin-1")


def joined(scope: Scope, name: bytes) -> str:
    """A list header: all its fields as one comma-separated list ("" when absent)."""
    return b", ".join(_fields(scope, name)).decode("latin-1")


def is_htmx(scope: Scope) -> bool:
    """htmx asked for a fragment: HX-Request is "true", and nothing in the request says not."""
    return single(scope, b"hx-request") == "true"


def chosen_encoding(scope: Scope) -> str | None:
    """The encoding to send this request's compressible responses in (None: as they are)."""
    return preferred_encoding(joined(scope, b"accept-encoding"))


def variant(scope: Scope) -> Variant:
    return is_htmx(scope), chosen_encoding(scope)


def media_type(scope: Scope) -> str:
    """The request body's media type, lowercase, without parameters ("" when absent or unclear)."""
    return (single(scope, b"content-type") or "").split(";")[0].strip().lower()


def accept_language(scope: Scope) -> str:
    return joined(scope, b"accept-language")


def preferred_encoding(accept_encoding: str) -> str | None:
    """The offered encoding with the highest weight in an Accept-Encoding list, brotli on a tie;
    None when the list accepts neither. A coding refused anywhere in the list (q=0), or given a
    weight that is not a valid qvalue, is refused; `*` stands for every coding not named."""
    weights: dict[str, float] = {}
    for member in accept_encoding.lower().split(","):
        coding, semicolon, params = member.partition(";")
        coding = coding.strip()
        if not coding:
            continue
        weight = _weight(params) if semicolon else 1.0
        earlier = weights.get(coding)
        if earlier is not None:
            weight = 0.0 if 0.0 in (earlier, weight) else max(earlier, weight)
        weights[coding] = weight
    best, best_weight = None, 0.0
    for coding in OFFERED:
        weight = weights.get(coding, weights.get("*", 0.0))
        if weight > best_weight:
            best, best_weight = coding, weight
    return best


def _weight(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip() == "q":  # the caller lowercased the list
            value = value.strip()
            return float(value) if QVALUE.fullmatch(value) else 0.0
    return 1.0
