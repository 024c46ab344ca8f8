"""Shared helpers for the bench scripts: paths, the app server started like `make serve`,
a raw HTTP client that counts bytes on the wire, RSS, and the result rows every step writes.

Every server started here is stopped by its own PID (never by name).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for:
from tests.browser import phone

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
CHROMIUM = os.environ.get("CHROMIUM", str(phone.CHROMIUM))
CHROMIUM_ARGS = phone.CHROMIUM_ARGS
PHONE = phone.PHONE
# What a phone browser sends (Chromium itself offers br only over HTTPS, so we ask for it).
ACCEPT_ENCODING = "gzip, br"
KB = 1024
MB = 1024 * 1024

# The languages the app may have; the ones answering 200 on /{lang}/ are measured.
CANDIDATE_LANGS = ["nl", "en", "ar", "tr", "pl", "uk"]

# The five answers of the journey (ids from app/domain/answers.py). The brief's example body
# `age=12-14 ... goal=talk` is not valid there (the app answers 422): the age group is `12_15`
# and "I want to talk" is `goal=listen`. check_results_body() verifies this at run time.
RESULTS_BODY = "danger=no&topics=home_fights&age=12_15&contact=chat&goal=listen"
RESULTS_MARKER = b'name="step" value="results"'


# ---------------------------------------------------------------- result rows


@dataclass
class Row:
    """One line of the final table."""

    figure: str
    value: float | None  # None: could not be measured (status ERROR)
    unit: str  # "KB", "MB", "ratio", "ms", "s", "score", ""
    op: str  # "<=", ">=", or "" for information only
    limit: float | None
    note: str = ""

    @property
    def status(self) -> str:
        if self.value is None:
            return "ERROR"
        if not self.op or self.limit is None:
            return "info"
        ok = self.value <= self.limit if self.op == "<=" else self.value >= self.limit
        return "PASS" if ok else "FAIL"


def write_rows(step: str, rows: list[Row], details: dict[str, Any] | None = None) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = {
        "step": step,
        "rows": [{**asdict(r), "status": r.status} for r in rows],
        "details": details or {},
    }
    (OUT / f"{step}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def median(values: list[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------- ports and processes


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (never 8000, which `make serve` uses)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port != 8000:
            return int(port)


def serve_command(port: int) -> str:
    """The exact shell command `make serve` runs, read from the Makefile with `make -n`."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    text = subprocess.run(
        ["make", "-s", "--no-print-directory", "-n", "serve", "HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    command = text.replace("\\\n", " ").strip()
    if "uvicorn" not in command or "\n" in command:
        raise RuntimeError(f"unexpected `make -n serve` output: {text!r}")
    return command


class AppServer:
    """The app started exactly as `make serve` starts it (WORKERS=n), on its own port."""

    def __init__(self, workers: int = 1, log_name: str = "app") -> None:
        self.workers = workers
        self.port = free_port()
        self.command = serve_command(self.port)
        self.log_path = OUT / "logs" / f"{log_name}.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "WORKERS": str(self.workers)}
        log = self.log_path.open("ab")
        self.started_at = time.perf_counter()
        # `exec` keeps the PID: the process we hold is uvicorn itself, not a shell.
        self.proc = subprocess.Popen(
            ["bash", "-c", "exec " + self.command],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()

    def wait_healthy(self, timeout: float = 30.0, interval: float = 0.01) -> float:
        """Seconds from start() to the first 200 on /healthz."""
        assert self.proc is not None
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                if (
                    fetch(self.port, "GET", "/healthz", accept_encoding=None, timeout=2).status
                    == 200
                ):
                    return time.perf_counter() - self.started_at
            except OSError:
                pass
            time.sleep(interval)
        raise RuntimeError(f"no 200 on /healthz within {timeout} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: uvicorn itself with 1 worker, its children else."""
        assert self.proc is not None
        if self.workers == 1:
            return [self.proc.pid]
        # uvicorn's supervisor spawns the workers with multiprocessing (plus a resource tracker).
        return [pid for pid in children(self.proc.pid) if b"spawn_main" in _cmdline(pid)]

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        kids = children(self.proc.pid)
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pid in kids:  # only the workers of this server, by PID
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def __enter__(self) -> AppServer:
        self.start()
        try:
            self.wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in (task / "children").read_text().split()]
    return sorted(set(found))


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def rss_bytes(pid: int) -> int:
    """VmRSS of a process, from /proc/PID/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")


# ---------------------------------------------------------------- raw HTTP, bytes on the wire


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # as sent (still compressed, de-chunked)
    wire_bytes: int  # status line + headers + body as transferred

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def header_bytes(self) -> int:
        return self.wire_bytes - len(self.body)


def fetch(
    port: int,
    method: str,
    path: str,
    body: str | None = None,
    accept_encoding: str | None = ACCEPT_ENCODING,
    timeout: float = 10.0,
) -> Response:
    """One HTTP/1.1 request over a fresh socket; counts every byte the server sends back."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if accept_encoding:
        lines.append(f"Accept-Encoding: {accept_encoding}")
    payload = b""
    if body is not None:
        payload = body.encode()
        lines += [
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(payload)}",
        ]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode() + payload
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(request)
        chunks = []
        while data := sock.recv(65536):
            chunks.append(data)
    raw = b"".join(chunks)
    head, _, rest = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = [(k.strip(), v.strip()) for k, _, v in (h.partition(":") for h in header_lines)]
    resp = Response(int(status_line.split()[1]), headers, rest, len(raw))
    if (resp.header("transfer-encoding") or "").lower() == "chunked":
        resp.body = _dechunk(rest)
    return resp


def _dechunk(data: bytes) -> bytes:
    out, pos = bytearray(), 0
    while True:
        end = data.index(b"\r\n", pos)
        size = int(data[pos:end].split(b";")[0], 16)
        if size == 0:
            return bytes(out)
        out += data[end + 2 : end + 2 + size]
        pos = end + 2 + size + 2


def detect_languages(port: int) -> list[str]:
    """Languages whose start page answers 200: the candidates plus any the app declares."""
    candidates = list(CANDIDATE_LANGS)
    try:
        from app.web.i18n import LANGUAGES

        candidates += [code for code in LANGUAGES if code not in candidates]
    except Exception:  # the app's own list is a hint only
        pass
    return [lang for lang in candidates if fetch(port, "GET", f"/{lang}/").status == 200]


def results_ok(port: int, lang: str) -> tuple[bool, str]:
    """Does POST /{lang}/stap with RESULTS_BODY give the results page (not a question or 422)?"""
    resp = fetch(port, "POST", f"/{lang}/stap", RESULTS_BODY, accept_encoding=None)
    if resp.status != 200:
        return False, f"POST /{lang}/stap answered {resp.status}"
    if RESULTS_MARKER not in resp.body:
        return False, f"POST /{lang}/stap did not give the results page"
    return True, ""
