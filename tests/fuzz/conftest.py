"""make fuzz prints how many cases ended in which status, summed over the fuzz tests."""

from __future__ import annotations

from collections import Counter
from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.fuzz import test_forms, test_openapi, test_raw_http

    for name, module in (("OpenAPI (schemathesis)", test_openapi), ("HTML forms", test_forms),
                         ("raw HTTP", test_raw_http)):  # fmt: skip
        statuses: Counter[int] = module.STATUSES
        if statuses:
            counts = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            terminalreporter.write_line(f"fuzz {name}: {sum(statuses.values())} cases ({counts})")
