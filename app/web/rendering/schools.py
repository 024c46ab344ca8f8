"""What a school's start page and its confidential-adviser card say (design.md section 10)."""

from __future__ import annotations

from dataclasses import dataclass

from app.content import models
from app.web.i18n import DEFAULT
from app.web.i18n.wording import Gettext


@dataclass(frozen=True)
class SchoolView:
    code: str
    name: str
    example: bool  # a fictional sample school: its pages say so
    role: str  # "de vertrouwenspersoon", marked when unverified
    where_when: str
    url: str | None


def school_view(code: str, school: models.School, lang: str, _: Gettext) -> SchoolView:
    unverified = set(school.needs_verification)
    check = " " + _("Dit is nog niet gecontroleerd.")

    def marked(field: str, words: str) -> str:
        return words + check if field in unverified else words

    return SchoolView(
        code=code,
        name=school.name,
        example=school.example,
        role=marked("role", school.role.get(lang) or school.role[DEFAULT]),
        where_when=marked("where_when", school.where_when.get(lang) or school.where_when[DEFAULT]),
        url=None if "url" in unverified else school.url,
    )
