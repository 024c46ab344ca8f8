"""Every claim a child relies on, with its source and the date it was checked (design.md section
5), flattened for the adults' checklist (/{lang}/volwassenen/bronnen) and for open data
(GET /api/v1/services.csv)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.content import models
from app.content.loader import STALE_AFTER, Content

# A claim's value: a text per language, a yes/no, or a plain value (a number, a url, ages).
Value = dict[str, str] | bool | str


@dataclass(frozen=True)
class Fact:
    owner: str  # a service id, "region:<id>" or "school:<code>"
    owner_name: dict[str, str]  # the owner's name per language (a plain name: under "nl")
    claim: str  # as provenance names it: "tells_parents", "channels.0.hours", ...
    value: Value
    source: str | None  # None: not yet sourced, so listed in needs_verification
    checked_on: date | None
    unverified: bool  # listed in needs_verification: shown to children as not yet checked

    def stale(self, today: date) -> bool:
        return self.checked_on is not None and today - self.checked_on > STALE_AFTER

    def state(self, today: date) -> str:
        """ "unverified", "stale" or "checked": the order of the municipality's checklist."""
        if self.unverified or self.source is None:
            return "unverified"
        return "stale" if self.stale(today) else "checked"


def hours_text(hours: models.Hours) -> str:
    """Opening hours in a neutral form: "daily 11:00-21:00", "mon 09:00-17:00; ...; sun closed"."""
    if hours.daily is not None:
        text = "daily " + ", ".join(hours.daily)
    else:
        assert hours.weekly is not None
        days = [f"{d} {', '.join(hours.weekly[d]) or 'closed'}" for d in models.WEEKDAYS]
        text = "; ".join(days)
    for exception in hours.exceptions:
        text += f"; {exception.date.isoformat()} {', '.join(exception.slots) or 'closed'}"
    return text


def _service_value(service: models.Service, claim: str) -> Value:
    if claim in ("tells_parents", "your_name"):
        texts: dict[str, str] = getattr(service, claim)
        return texts
    if claim in ("free", "anonymous"):
        flag: bool = getattr(service, claim)
        return flag
    if claim == "age":
        return f"{service.age.min}-{service.age.max}"
    _, index, field = claim.split(".")
    channel = service.channels[int(index)]
    if field == "hours":
        assert channel.hours is not None
        return hours_text(channel.hours)
    value = channel.number if field == "number" else channel.url
    assert value is not None
    return value


def facts(content: Content) -> list[Fact]:
    """Every claim of every place, then the region's local note and each school's details, in
    display order."""
    found: list[Fact] = []
    for service in content.services.values():
        unverified = service.unverified_claims()
        for claim in service.claims():
            where = service.provenance.get(claim)
            found.append(
                Fact(
                    owner=service.id,
                    owner_name=service.name,
                    claim=claim,
                    value=_service_value(service, claim),
                    source=where.source if where else None,
                    checked_on=where.checked_on if where else None,
                    unverified=claim in unverified,
                )
            )
    region = content.region
    if region.local_help is not None:
        found.append(
            _local_fact(
                f"region:{region.id}",
                region.name,
                "local_help",
                region.local_help,
                region.sources,
                region.verified_on,
                "local_help" in region.needs_verification,
            )
        )
    for code, school in content.schools.items():
        claims: list[tuple[str, Value]] = [("role", school.role), ("where_when", school.where_when)]
        if school.url:
            claims.append(("url", school.url))
        for claim, value in claims:
            found.append(
                _local_fact(
                    f"school:{code}",
                    school.name,
                    claim,
                    value,
                    school.sources,
                    school.verified_on,
                    claim in school.needs_verification,
                )
            )
    return found


def _local_fact(
    owner: str,
    name: str,
    claim: str,
    value: Value,
    sources: list[models.Source],
    verified_on: date,
    unverified: bool,
) -> Fact:
    """A local fact: its file lists its sources as a whole, checked on its verified_on date."""
    source = sources[0].url if sources else None
    return Fact(
        owner, {"nl": name}, claim, value, source, verified_on if source else None, unverified
    )


def checklist(found: list[Fact], today: date) -> list[Fact]:
    """The municipality's list before launch: unverified claims first, then stale ones, then the
    rest, each group in display order."""
    order = {"unverified": 0, "stale": 1, "checked": 2}
    return sorted(found, key=lambda fact: order[fact.state(today)])
