"""Load content/ into validated models and the domain catalogue, reporting every error.

Layout: content/services/<id>.yaml (national places) and content/regions/<region>/region.yaml
with content/regions/<region>/services/<id>.yaml (local places) and, optionally,
content/regions/<region>/schools/<code>.yaml (schools, for their posters and start pages). One
record per file; the id (or a school's code) is the file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ValidationError

from app.content import models
from app.domain.catalogue import REQUIRED_SERVICES, Catalogue
from app.domain.catalogue import Channel as DomainChannel
from app.domain.catalogue import Service as DomainService
from app.domain.hours import OpeningHours, Slot
from app.domain.notices import missing_notice_channels

STALE_AFTER = timedelta(days=183)  # "older than six months"
# How "Alle hulp" lists places: emergencies first, then the most general.
DISPLAY_ORDER = (
    "emergency_112",
    "kindertelefoon",
    "veilig_thuis",
    "school_confidant",
    "zelfmoordpreventie_113",
    "centrum_seksueel_geweld",
    "helpwanted",
    "chris",
    "villa_pinedo",
    "alles_oke",
)

M = TypeVar("M", bound=BaseModel)


class ContentError(Exception):
    """Invalid content; `errors` names every file and field that is wrong."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors

    def report(self) -> str:
        """One line per error, for the CLI and for a server that refuses to start."""
        return "".join(f"error: {error}\n" for error in self.errors)


@dataclass(frozen=True)
class Content:
    region: models.Region
    services: dict[str, models.Service]  # display order
    catalogue: Catalogue
    schools: dict[str, models.School] = field(default_factory=dict)  # by code, sorted

    def stale(self, today: date) -> list[str]:
        """Warnings for every verified_on, and every claim's checked_on, older than six months."""
        warnings = []
        for service in self.services.values():
            if today - service.verified_on > STALE_AFTER:
                warnings.append(
                    f"{service.id}: verified_on {service.verified_on} is more than six months "
                    "old; check its facts again"
                )
            for claim, where in service.provenance.items():
                if today - where.checked_on > STALE_AFTER:
                    warnings.append(
                        f"stale: {service.id}: {claim} checked on {where.checked_on}, more than "
                        f"six months ago; check {where.source} again"
                    )
        for code, school in self.schools.items():
            if today - school.verified_on > STALE_AFTER:
                warnings.append(
                    f"school {code}: verified_on {school.verified_on} is more than six months "
                    "old; ask the school again"
                )
        return warnings

    def unsourced(self) -> list[str]:
        """Every claim with neither a source (provenance) nor a needs_verification mark."""
        gaps = []
        for service in self.services.values():
            unverified = service.unverified_claims()
            for claim in service.claims():
                if claim not in service.provenance and claim not in unverified:
                    gaps.append(
                        f"{service.id}: {claim} has no source (provenance) and is not listed in "
                        "needs_verification"
                    )
        return gaps

    def untranslated(self) -> list[str]:
        """Every text that lacks one of the languages (models.LANGUAGES), by service and field."""
        gaps: list[str] = []

        def visit(where: str, value: object) -> None:
            if isinstance(value, dict) and "nl" in value:
                missing = [lang for lang in models.LANGUAGES if lang not in value]
                if missing:
                    gaps.append(f"{where}: no {', '.join(missing)} text")
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    visit(f"{where}.{name}", getattr(value, name))
            elif isinstance(value, list | tuple):
                for i, item in enumerate(value):
                    visit(f"{where}.{i}", item)

        for service in self.services.values():
            visit(service.id, service)
        visit(f"region {self.region.id}", self.region)
        for code, school in self.schools.items():
            visit(f"school {code}", school)
        return [gap.replace(".", ": ", 1) for gap in gaps]

    def unverified(self) -> list[str]:
        """Every fact still marked needs_verification, for the municipality to check."""
        facts = [f"{s.id}: {fact}" for s in self.services.values() for fact in s.needs_verification]
        for s in self.services.values():
            for i, channel in enumerate(s.channels):
                facts += [
                    f"{s.id}: channels.{i} ({channel.kind}) {f}" for f in channel.needs_verification
                ]
        facts += [f"region {self.region.id}: {fact}" for fact in self.region.needs_verification]
        for code, school in self.schools.items():
            facts += [f"school {code}: {fact}" for fact in school.needs_verification]
        return facts


def load_content(content_dir: Path, region: str) -> Content:
    errors: list[str] = []
    region_dir = content_dir / "regions" / region
    region_file = region_dir / "region.yaml"
    region_model = None
    if not region_file.is_file():
        errors.append(f"{region_file}: missing (the region '{region}' has no region.yaml)")
    else:
        region_model = _read(region_file, models.Region, errors)
        if region_model is not None and region_model.id != region:
            errors.append(f"{region_file}: id: '{region_model.id}' differs from the folder name")

    services: dict[str, models.Service] = {}
    files = sorted((content_dir / "services").glob("*.y*ml"))
    files += sorted((region_dir / "services").glob("*.y*ml"))
    for path in files:
        service = _read(path, models.Service, errors)
        if service is None:
            continue
        errors += [f"{path}: {error}" for error in service.provenance_errors()]
        if service.id != path.stem:
            errors.append(f"{path}: id: '{service.id}' differs from the file name '{path.stem}'")
        elif service.id in services:
            errors.append(f"{path}: id: '{service.id}' is defined twice")
        else:
            services[service.id] = service
    schools: dict[str, models.School] = {}
    for path in sorted((region_dir / "schools").glob("*.y*ml")):
        if not models.SCHOOL_CODE.match(path.stem):
            errors.append(
                f"{path}: the file name is the school's code in its URL: use lower-case letters, "
                "digits and '-' (at most 40)"
            )
            continue
        school = _read(path, models.School, errors)
        if school is not None:
            schools[path.stem] = school
    files_present = {path.stem for path in files}  # an invalid file is reported once, above
    for missing in sorted(REQUIRED_SERVICES - services.keys() - files_present):
        errors.append(f"{content_dir}: service '{missing}' is missing (every region needs it)")
    if errors or region_model is None:
        raise ContentError(errors)

    ordered = sorted(services.values(), key=_display_key)
    services = {s.id: s for s in ordered}
    catalogue = Catalogue({s.id: to_domain(s) for s in ordered})
    gaps = missing_notice_channels(catalogue)
    if gaps:
        raise ContentError([f"{content_dir}: {gap}" for gap in gaps])
    return Content(region_model, services, catalogue, schools)


def _display_key(service: models.Service) -> tuple[int, str]:
    order = DISPLAY_ORDER.index(service.id) if service.id in DISPLAY_ORDER else len(DISPLAY_ORDER)
    return order, service.id


def _read(path: Path, model: type[M], errors: list[str]) -> M | None:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        errors.append(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        errors.append(f"{path}: cannot be read: {exc}")
        return None
    if not isinstance(data, dict):
        errors.append(f"{path}: must be a mapping of fields (key: value)")
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            field = ".".join(str(part) for part in error["loc"]) or "(top level)"
            message = error["msg"].removeprefix("Value error, ")
            if error["type"] == "extra_forbidden":
                message = "unknown field"
            errors.append(f"{path}: {field}: {message}")
        return None


def to_domain(service: models.Service) -> DomainService:
    channels = tuple(
        DomainChannel(
            kind=c.kind,
            url=c.url,
            hours=_hours(c.hours) if c.hours else None,
            verified=not c.needs_verification,
            hours_verified="hours" not in c.needs_verification,
        )
        for c in service.channels
    )
    return DomainService(
        id=service.id,
        topics=frozenset(service.topics),
        min_age=service.age.min,
        max_age=service.age.max,
        channels=channels,
        can_act=service.can_act,
    )


def _hours(hours: models.Hours) -> OpeningHours:
    def slots(texts: list[str]) -> tuple[Slot, ...]:
        return tuple(sorted(Slot.parse(t) for t in texts))

    if hours.daily is not None:
        weekly = tuple(slots(hours.daily) for _ in models.WEEKDAYS)
    else:
        assert hours.weekly is not None
        weekly = tuple(slots(hours.weekly[d]) for d in models.WEEKDAYS)
    exceptions = {e.date: slots(e.slots) for e in hours.exceptions}
    return OpeningHours(weekly, exceptions, ZoneInfo(hours.timezone))
