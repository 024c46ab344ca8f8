"""Command line: `python -m app check` validates content; `python -m app routes` prints routing."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.content.loader import ContentError, load_content
from app.settings import get_settings
from app.web.i18n.completeness import reports


def check() -> int:
    settings = get_settings()
    try:
        content = load_content(settings.content_dir, settings.region)
    except ContentError as exc:
        sys.stderr.write(exc.report())
        sys.stderr.write(f"{len(exc.errors)} error(s) in {settings.content_dir}\n")
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
    for warning in [*settings.security_warnings(date.today()), *content.stale(date.today())]:
        sys.stderr.write(f"warning: {warning}\n")
    unverified = content.unverified()
    for fact in unverified:
        sys.stdout.write(f"needs verification: {fact}\n")
    sys.stdout.write(
        f"content ok: {len(content.services)} services, region {content.region.id}, "
        f"{len(unverified)} fact(s) still to verify\n"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check", help="validate content and translations; warn about facts older than six months"
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
