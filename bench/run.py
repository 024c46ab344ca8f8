"""`make bench`: run every step, then print one table (also bench/out/summary.md).

Each step is its own script and process (weight.py, coldstart.py, lighthouse.py, load.py); it
writes bench/out/<step>.json. A step that crashes or times out becomes an ERROR row, and the
others still run. Exit status: 1 when a figure could not be measured (ERROR); budget FAILs exit 0
unless BENCH_STRICT=1. BENCH_STEPS="weight load" runs only some steps.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time

from common import BENCH, OUT, ROOT

# Light steps first: Lighthouse and cold start should not run on a machine still hot from wrk.
STEPS = [("weight", 120), ("coldstart", 120), ("lighthouse", 420), ("load", 420)]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = {"KB": 2, "MB": 1, "ratio": 3, "ms": 1, "s": 2, "score": 0}.get(unit, 0)
    text = f"{value:.{digits}f}"
    return f"{text} {unit}" if unit not in ("", "score", "ratio") else text


def budget(row: dict[str, object]) -> str:
    if not row["op"]:
        return "(info)"
    unit = row["unit"] if row["unit"] not in ("score", "ratio", "") else ""
    limit = row["limit"]
    limit_text = f"{limit:g}" if isinstance(limit, float | int) else str(limit)
    return f"{row['op']} {limit_text}{' ' + str(unit) if unit else ''}"


def table(rows: list[dict[str, object]]) -> str:
    head = ["figure", "measured", "budget", "result", "note"]
    body = [
        [
            str(r["figure"]),
            fmt(r["value"], str(r["unit"])),  # type: ignore[arg-type]
            budget(r),
            str(r["status"]),
            str(r["note"]),
        ]
        for r in rows
    ]
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(4)]

    def line(cells: list[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells[:4], widths, strict=True))
            + f" | {cells[4]} |"
        )

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|---|"
    return "\n".join([line(head), sep, *(line(b) for b in body)])


def git_describe() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return rev + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = os.environ.get("BENCH_STEPS", "").split() or [s for s, _ in STEPS]
    began = time.monotonic()
    load_before = os.getloadavg()[0]
    rows: list[dict[str, object]] = []
    timings = []
    for step, timeout in STEPS:
        if step not in wanted:
            continue
        result = OUT / f"{step}.json"
        result.unlink(missing_ok=True)
        print(f"\n=== {step} ===", flush=True)
        t0 = time.monotonic()
        try:
            proc = subprocess.run(
                [sys.executable, str(BENCH / f"{step}.py")], cwd=ROOT, timeout=timeout
            )
            problem = f"exit status {proc.returncode}" if proc.returncode else ""
        except subprocess.TimeoutExpired:
            problem = f"timed out after {timeout} s"
        timings.append(f"{step} {time.monotonic() - t0:.0f} s (load avg {os.getloadavg()[0]:.1f})")
        if result.exists() and not problem:
            rows += json.loads(result.read_text())["rows"]
        else:
            rows.append(
                {
                    "figure": f"{step} step",
                    "value": None,
                    "unit": "",
                    "op": "",
                    "limit": None,
                    "status": "ERROR",
                    "note": f"{problem or 'no result'}; see the output above",
                }
            )
    elapsed = time.monotonic() - began
    text = table(rows)
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in ("PASS", "FAIL", "ERROR")}
    header = (
        f"# make bench, {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n\n"
        f"commit {git_describe()}; {os.cpu_count()} cores; load average {load_before:.2f} at "
        f"start, {os.getloadavg()[0]:.2f} at the end; took {elapsed:.0f} s "
        f"({', '.join(timings)}).\n"
        f"{counts['PASS']} PASS, {counts['FAIL']} FAIL, {counts['ERROR']} ERROR. "
        "Medians of repeated runs; ratios are app/nginx per round. Details: bench/README.md.\n"
    )
    if load_before > 1.5:  # measured before our own servers and wrk add to it
        header += (
            "NB: other work was running on this machine (load average above 1.5 at start): "
            "timings, throughput and Lighthouse performance are noisier than usual.\n"
        )
    (OUT / "summary.md").write_text(header + "\n" + text + "\n")
    print("\n" + header + "\n" + text + "\n\n(also in bench/out/summary.md)")
    if counts["ERROR"]:
        return 1
    return 1 if counts["FAIL"] and os.environ.get("BENCH_STRICT") == "1" else 0


if __name__ == "__main__":
    sys.exit(main())
