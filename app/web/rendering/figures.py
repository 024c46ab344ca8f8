"""The published counts (design.md section 11) for /{lang}/cijfers: labels, a table per month, and
a small bar chart drawn on the server as SVG (no script, no inline style)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from app import stats
from app.content.loader import Content
from app.domain.notices import NoticeId
from app.web.i18n.wording import Gettext
from app.web.rendering.adults import notice_label
from app.web.rendering.cards import text

CHART_MONTHS = 12
SERIES = (stats.JOURNEY_STARTED, stats.RESULTS_SHOWN)  # the chart's two bars per month


def label(name: str, content: Content, lang: str, _: Gettext) -> str:
    fixed = {
        stats.JOURNEY_STARTED: _("Vragen gestart"),
        stats.RESULTS_SHOWN: _("Plekken gezien"),
        stats.EMERGENCY_SHOWN: _("Pagina bij gevaar gezien"),
        stats.QUICK_EXIT: _("Snel weg gebruikt"),
        stats.KNOWS_WHERE[0]: _("Weet nu waar je terecht kunt: ja"),
        stats.KNOWS_WHERE[1]: _("Weet nu waar je terecht kunt: nee"),
    }
    if name in fixed:
        return fixed[name]
    kind, _colon, rest = name.partition(":")
    if kind + ":" == stats.FIRST_OPTION and rest in content.services:
        return _("Bovenaan: %(place)s") % {"place": text(content.services[rest].name, lang)}
    if kind + ":" == stats.NOTICE:
        return notice_label(NoticeId(rest), _)
    if kind + ":" == stats.SCHOOL and rest in content.schools:
        return _("Gestart via de poster van %(school)s") % {"school": content.schools[rest].name}
    return name  # a place or school no longer in the content: its id


@dataclass(frozen=True)
class Line:
    name: str
    label: str
    shown: str  # the number, or "< 10"


@dataclass(frozen=True)
class Month:
    key: str  # "2026-11"
    title: str  # "november 2026"
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    series: int  # 0 or 1: its class
    shown: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, str], ...]  # x of a month's label, and the label


def month_title(key: str, lang: str) -> str:
    year, month = key.split("-")
    return format_date(date(int(year), int(month), 1), "LLLL yyyy", locale=lang)


def months(figures: list[stats.Figure], content: Content, lang: str, _: Gettext) -> list[Month]:
    """Newest month first; in each, the names in a fixed order (started, results, ...)."""
    order = {name: i for i, name in enumerate(sorted({f.name for f in figures}, key=_rank))}
    by_month: dict[str, list[stats.Figure]] = {}
    for figure in figures:
        by_month.setdefault(figure.month, []).append(figure)
    return [
        Month(
            key,
            month_title(key, lang),
            tuple(
                Line(f.name, label(f.name, content, lang, _), f.shown())
                for f in sorted(by_month[key], key=lambda f: order[f.name])
            ),
        )
        for key in sorted(by_month, reverse=True)
    ]


def _rank(name: str) -> tuple[int, str]:
    fixed = [stats.JOURNEY_STARTED, stats.RESULTS_SHOWN, stats.EMERGENCY_SHOWN,
             *stats.KNOWS_WHERE, stats.QUICK_EXIT]  # fmt: skip
    if name in fixed:
        return fixed.index(name), name
    for i, prefix in enumerate((stats.FIRST_OPTION, stats.NOTICE, stats.SCHOOL)):
        if name.startswith(prefix):
            return len(fixed) + i, name
    return 99, name


def chart(figures: list[stats.Figure], lang: str) -> Chart | None:
    """Two bars per month (journeys started, results seen) for the last 12 closed months. A
    suppressed figure has no bar, only its "< 10"."""
    keys = sorted({f.month for f in figures})[-CHART_MONTHS:]
    if not keys:
        return None
    values = {(f.month, f.name): f for f in figures if f.name in SERIES}
    top = max((f.count or 0 for f in values.values()), default=0) or 1
    width, height, baseline, slot = 40 + 48 * len(keys), 180, 150.0, 48
    bars, ticks = [], []
    for i, key in enumerate(keys):
        x = 40 + i * slot
        for j, name in enumerate(SERIES):
            figure = values.get((key, name))
            count = figure.count if figure else None
            bar_height = round(120 * (count or 0) / top, 1)
            shown = figure.shown() if figure else "0"
            bars.append(Bar(x + 4 + j * 20, baseline - bar_height, bar_height, j, shown))
        ticks.append((x + 22, format_date(date(int(key[:4]), int(key[5:]), 1), "MMM", locale=lang)))
    return Chart(width, height, baseline, tuple(bars), tuple(ticks))
