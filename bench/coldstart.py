"""Step 5: cold start. Seconds from starting the server process exactly as `make serve` does
(the command is read from the Makefile; WORKERS=1) to its first 200 on /healthz, polled every
10 ms. Median of 5 starts, each stopped by its PID before the next. Budget: <= 1.5 s.

Usage: .venv/bin/python bench/coldstart.py    writes bench/out/coldstart.json
"""

from __future__ import annotations

from common import AppServer, Row, median, write_rows

STARTS = 5
BUDGET_S = 1.5


def main() -> None:
    times = []
    for i in range(STARTS):
        server = AppServer(1, "coldstart")
        server.start()
        try:
            times.append(server.wait_healthy(timeout=30))
        finally:
            server.stop()
        print(f"  start {i + 1}: {times[-1]:.3f} s", flush=True)
    rows = [
        Row(
            f"cold start to first 200 on /healthz (median of {STARTS})",
            median(times),
            "s",
            "<=",
            BUDGET_S,
            "runs " + ", ".join(f"{t:.2f}" for t in times),
        )
    ]
    write_rows("coldstart", rows, {"seconds": times})
    print(f"{rows[0].status:5} {rows[0].figure}: {rows[0].value:.3f} s")


if __name__ == "__main__":
    main()
