"""Step 3: Lighthouse mobile on the start page /nl/ and the first question GET /nl/stap.

Lighthouse 12 (pinned in bench/package.json, installed into bench/node_modules) drives Debian's
Chromium with a fresh profile for every run; default mobile emulation (Moto G class, slow 4G,
4x CPU slowdown, simulated). 3 runs per page; the median score per category is reported.
Budget: 100 in performance, accessibility, best-practices and seo.

Usage: .venv/bin/python bench/lighthouse.py   writes bench/out/lighthouse.json and
       bench/out/lighthouse/<page>-<run>.report.{json,html}
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from typing import Any

from common import BENCH, CHROMIUM, CHROMIUM_ARGS, OUT, AppServer, Row, median, write_rows

RUNS = int(os.environ.get("BENCH_LH_RUNS", "3"))
PAGES = [("start", "/nl/"), ("stap", "/nl/stap")]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"


def run_once(url: str, out_base: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-lh-profile-") as profile:
        flags = " ".join([*CHROMIUM_ARGS, "--headless=new", f"--user-data-dir={profile}"])
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--form-factor=mobile",
                f"--chrome-flags={flags}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                "--output=html",
                f"--output-path={out_base}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            timeout=180,
        )
    with open(f"{out_base}.report.json") as f:
        report = json.load(f)
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failing = {  # audits that cost points, per category
        c: [
            ref["id"]
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"] > 0
            and report["audits"][ref["id"]]["score"] is not None
            and report["audits"][ref["id"]]["score"] < 1
        ]
        for c in CATEGORIES
    }
    return {"scores": scores, "failing": failing, "version": report["lighthouseVersion"]}


def main() -> None:
    out = OUT / "lighthouse"
    out.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    details: dict[str, object] = {}
    with AppServer(1, "lighthouse") as app:
        for name, path in PAGES:
            runs: list[dict[str, Any]] = []
            # Lighthouse now and then fails to record its trace (NO_NAVSTART): retry, twice at most.
            for attempt in range(1, RUNS + 3):
                if len(runs) == RUNS:
                    break
                try:
                    runs.append(run_once(app.base + path, str(out / f"{name}-{len(runs) + 1}")))
                except (subprocess.SubprocessError, OSError, KeyError, ValueError) as exc:
                    print(f"lighthouse attempt {attempt} on {path} failed, retrying: {exc}")
            details[name] = runs
            for cat in CATEGORIES:
                got = [r["scores"][cat] for r in runs if r["scores"][cat] is not None]
                if not got:
                    rows.append(
                        Row(
                            f"Lighthouse {cat} {path}",
                            None,
                            "score",
                            ">=",
                            100,
                            "no successful run",
                        )
                    )
                    continue
                below = sorted({a for r in runs for a in r["failing"][cat]})
                note = f"runs {[round(s * 100) for s in got]}"
                if below:
                    note += "; not 100: " + ", ".join(below[:6]) + ("..." if len(below) > 6 else "")
                rows.append(
                    Row(
                        f"Lighthouse {cat} {path} (median of {len(got)})",
                        round(median(got) * 100),
                        "score",
                        ">=",
                        100,
                        note,
                    )
                )
    write_rows("lighthouse", rows, details)
    for r in rows:
        print(f"{r.status:5} {r.figure}: {r.value} {r.note}")


if __name__ == "__main__":
    main()
