"""Command line: `python -m app check` validates content; `python -m app routes` prints routing."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from app.content.loader import ContentError, load_content
from app.settings import get_settings


def check() -> int:
    settings = get_settings()
    try:
        content = load_content(settings.content_dir, settings.region)
    except ContentError as exc:
        sys.stderr.write(exc.report())
        sys.stderr.write(f"{len(exc.errors)} error(s) in {settings.content_dir}\n")
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
    commands.add_parser("check", help="validate content; warn about facts older than six months")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
