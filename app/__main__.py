"""Command line (`python -m app --help`): `check` validates content and translations, `routes`
prints the routing table, `posters` writes the poster PDFs, `stats` prints the anonymous counts."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from app.content.loader import Content, ContentError, load_content
from app.domain.hours import AMSTERDAM
from app.domain.routing import as_csv, as_markdown, routing_table, week_moments
from app.settings import Settings, get_settings
from app.web.i18n.completeness import reports


def _content(settings: Settings) -> Content | None:
    """The configured content, or None after listing every error in it on stderr."""
    try:
        return load_content(settings.content_dir, settings.region)
    except ContentError as exc:
        sys.stderr.write(exc.report())
        sys.stderr.write(f"{len(exc.errors)} error(s) in {settings.content_dir}\n")
        return None


def check() -> int:
    settings = get_settings()
    content = _content(settings)
    if content is None:
        return 1
    failed = False
    for report in reports():
        unused = f", {report.unused} unused" if report.unused else ""
        done = report.total - len(report.missing)
        sys.stdout.write(f"{report.lang}: {done} of {report.total} UI texts translated{unused}\n")
        for msgid in report.missing:
            sys.stderr.write(f"error: {report.lang}: not translated: {msgid!r}\n")
        for msgid in report.broken:
            sys.stderr.write(f"error: {report.lang}: placeholders differ in {msgid!r}\n")
        failed = failed or not report.complete
    for gap in content.untranslated():
        sys.stderr.write(f"error: content {gap}\n")
        failed = True
    for gap in content.unsourced():
        sys.stderr.write(f"error: {gap}\n")
        failed = True
    if failed:
        sys.stderr.write(
            "Every text must exist in every language (locales/<lang>/LC_MESSAGES/messages.po, "
            "and the content YAML), and every claim a child relies on needs a source under "
            "`provenance` or a mark in `needs_verification`.\n"
        )
        return 1
    warnings = [*settings.security_warnings(date.today()), *content.stale(date.today())]
    if content.region.accessibility_contact is None:
        warnings.append(
            f"region {content.region.id}: accessibility_contact is not set: the accessibility "
            "statement cannot say where to report a problem"
        )
    for warning in warnings:
        sys.stderr.write(f"warning: {warning}\n")
    unverified = content.unverified()
    for fact in unverified:
        sys.stdout.write(f"needs verification: {fact}\n")
    sys.stdout.write(
        f"content ok: {len(content.services)} services, region {content.region.id}, "
        f"{len(unverified)} fact(s) still to verify\n"
    )
    return 0


def posters(out: Path | None) -> int:
    """Write every poster PDF into `out`, or into the server's cache: data_dir/posters/<version>."""
    from app.posters import version, write_all  # only this command needs them

    settings = get_settings()
    content = _content(settings)
    if content is None:
        return 1
    if out is None:
        out = settings.data_dir / "posters" / version(content, settings.base_url)
    try:
        paths = write_all(out, content, settings.base_url)
    except OSError as exc:
        sys.stderr.write(f"error: cannot write the posters to {out}: {exc.strerror or exc}\n")
        return 1
    total = 0
    for path in paths:
        size = path.stat().st_size
        total += size
        sys.stdout.write(f"{path}  {size / 1000:.0f} kB\n")
    sys.stdout.write(f"{len(paths)} posters, {total / 1000:.0f} kB, in {out}\n")
    return 0


def routes(fmt: str, at: str | None) -> int:
    """Print the routing table (design.md section 10): this week's Wednesday 15:00 and Sunday
    03:00, or the one moment `at` (ISO 8601; without an offset it is Amsterdam time)."""
    settings = get_settings()
    content = _content(settings)
    if content is None:
        return 1
    if at is None:
        moments: tuple[datetime, ...] = week_moments(datetime.now(AMSTERDAM))
    else:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            sys.stderr.write(f"error: --at {at!r} is not an ISO 8601 moment (2026-12-31T03:00)\n")
            return 2
        if not 2000 <= moment.year <= 2100:
            sys.stderr.write("error: --at must lie between the years 2000 and 2100\n")
            return 2
        moments = (moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM),)
    rows = routing_table(content.catalogue, moments)
    sys.stdout.write(as_csv(rows) if fmt == "csv" else as_markdown(rows))
    return 0


def stats(folders: list[Path]) -> int:
    """Print the published counts (closed months, small figures suppressed), as
    GET /api/v1/stats.csv gives them, summed over every counts*.db in the folders (default
    WHM_DATA_DIR; name several to sum replicas that each keep their own volume)."""
    from app.stats import published_csv, read_totals

    missing = [folder for folder in folders if not folder.is_dir()]
    if missing:
        sys.stderr.write(f"error: not a folder: {missing[0]}\n")
        return 2
    totals = read_totals(*(folders or [get_settings().data_dir]))
    sys.stdout.write(published_csv(totals, datetime.now(AMSTERDAM).date()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check", help="validate content and translations; warn about facts older than six months"
    )
    make = commands.add_parser(
        "posters", help="write every poster PDF (A4 and A3, every language, every school)"
    )
    make.add_argument(
        "--out", type=Path, help="a folder (default: the server's cache in WHM_DATA_DIR/posters)"
    )
    table = commands.add_parser(
        "routes", help="print what a child gets for every topic x age x goal (the routing table)"
    )
    table.add_argument("--format", choices=("md", "csv"), default="md")
    table.add_argument(
        "--at", help="one moment, ISO 8601 (default: this week's Wednesday 15:00 and Sunday 03:00)"
    )
    counted = commands.add_parser(
        "stats", help="print the anonymous counts per closed month (figures below 10 suppressed)"
    )
    counted.add_argument(
        "folders", nargs="*", type=Path, help="data folders to sum (default: WHM_DATA_DIR)"
    )
    args = parser.parse_args(argv)
    if args.command == "stats":
        return stats(args.folders)
    if args.command == "routes":
        return routes(args.format, args.at)
    if args.command == "check":
        return check()
    if args.command == "posters":
        return posters(args.out)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
