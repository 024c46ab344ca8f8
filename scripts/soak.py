"""make soak (issue 15): the reference deployment (scripts/front.py) under load through the TLS
front for SOAK_SECONDS (default 600) at 64 connections - half asking the start page, half posting
a results form - then: requests, errors, p99 latency, and the app's memory at start and end.
Fails on any error or on memory that grew by more than a fifth."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.front import ROOT, deployment, free_port

BODY = "danger=no&topics=home_fights&age=12_15&contact=chat&goal=listen&step=goal"


def _app_rss_mb(app_port: int) -> float:
    """VmRSS of the process listening on the app's port (the uvicorn worker)."""
    listing = subprocess.run(["ss", "-ltnpH", f"sport = :{app_port}"], capture_output=True,
                             text=True, check=True).stdout  # fmt: skip
    pid = int(re.search(r"pid=(\d+)", listing).group(1))  # type: ignore[union-attr]
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def _wrk(url: str, seconds: int, connections: int, post: bool) -> subprocess.Popen[str]:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if post:
        command += ["-s", str(ROOT / "bench" / "wrk_post.lua")]
    return subprocess.Popen([*command, url], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "WRK_BODY": BODY})  # fmt: skip


def _parse(output: str) -> dict[str, float]:
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"requests": requests, "errors": errors + (int(bad.group(1)) if bad else 0),
            "p99_ms": float(p99.group(1)) * scale}  # type: ignore[union-attr]  # fmt: skip


def main() -> int:
    seconds = int(os.environ.get("SOAK_SECONDS", "600"))
    tls_port, app_port = free_port(), free_port()
    # The folder (a CA and its key, nginx's files) is removed afterwards, whatever happens.
    with (
        tempfile.TemporaryDirectory(prefix="whm-soak-") as temporary,
        deployment(tls_port, app_port, Path(temporary)),
    ):
        base = f"https://127.0.0.1:{tls_port}"
        start = _app_rss_mb(app_port)
        runs = [_wrk(f"{base}/nl/", seconds, 32, False), _wrk(f"{base}/nl/stap", seconds, 32, True)]
        outputs = [run.communicate()[0] for run in runs]
        end = _app_rss_mb(app_port)
    results = [_parse(out) for out in outputs]
    total = sum(r["requests"] for r in results)
    errors = sum(r["errors"] for r in results)
    print(f"soak: {seconds} s at 64 connections through the TLS front")
    names = ("GET /nl/", "POST /nl/stap (results)")
    for name, result, out in zip(names, results, outputs, strict=True):
        print(f"  {name}: {result['requests']:.0f} requests, {result['errors']:.0f} errors, "
              f"p99 {result['p99_ms']:.1f} ms")  # fmt: skip
        for line in out.splitlines():  # what wrk says about any error, as it says it
            if "errors" in line.lower() or "Non-2xx" in line:
                print(f"    wrk: {line.strip()}")
    print(f"  total {total:.0f} requests, {errors:.0f} errors; app memory {start:.1f} MB at start,"
          f" {end:.1f} MB at the end")  # fmt: skip
    return 0 if errors == 0 and end <= start * 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
