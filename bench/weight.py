"""Step 1, page weight.

a) First view of /{lang}/ in Chromium (Playwright, Debian's /usr/bin/chromium, 360x740 phone,
   a fresh context each run): every byte received for the navigation and everything after it
   until the network is idle, service-worker requests included. Page requests are counted from
   CDP Network.loadingFinished.encodedDataLength (headers + body as transferred) on a CDP session
   of the page; requests of a service worker are counted from the Network domain of the service
   worker's own target, which Playwright attaches (context "serviceworker" / "request" events;
   request.sizes() is that target's encodedDataLength split into headers and body). A page
   request answered by the service worker moves no bytes itself and is listed but not counted.
   Median of 3 fresh contexts. Budget: <= 40 KB.
b) Every HTML page as transferred (status line + headers + compressed body, over a raw socket,
   Accept-Encoding: gzip, br): /, stap, overzicht, tips, over and the results (POST). <= 14 KB each.

A self-check first serves a tiny site with a service worker that precaches two files and asserts
that the harness counts the worker's script and both precache requests.

Usage: .venv/bin/python bench/weight.py      writes bench/out/weight.json and weight-*.txt
"""

from __future__ import annotations

import http.server
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from common import (
    ACCEPT_ENCODING,
    CHROMIUM,
    CHROMIUM_ARGS,
    KB,
    OUT,
    PHONE,
    RESULTS_BODY,
    AppServer,
    Row,
    detect_languages,
    fetch,
    median,
    results_ok,
    write_rows,
)
from playwright.sync_api import Browser, sync_playwright

RUNS = 3
QUIET_MS = 1000  # "idle": no request in flight (page or service worker) for this long
MAX_WAIT_MS = 15000
PAGE_BUDGET = 40 * KB
HTML_BUDGET = 14 * KB
HTML_PAGES = [  # (label, method, path, body)
    ("start", "GET", "/{lang}/", None),
    ("stap (1st question)", "GET", "/{lang}/stap", None),
    ("overzicht", "GET", "/{lang}/overzicht", None),
    ("tips", "GET", "/{lang}/tips", None),
    ("over", "GET", "/{lang}/over", None),
    ("results (POST stap)", "POST", "/{lang}/stap", RESULTS_BODY),
]


def first_view(browser: Browser, url: str) -> dict[str, Any]:
    """Bytes received for a first view of url in a fresh phone context."""
    ctx = browser.new_context(**PHONE, extra_http_headers={"Accept-Encoding": ACCEPT_ENCODING})
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    reqs: dict[str, dict[str, Any]] = {}  # CDP requestId -> record (page)
    sw_reqs: list[dict[str, Any]] = []  # service-worker requests (Playwright's SW target session)
    inflight: set[object] = set()
    last_activity = [time.monotonic()]

    def touch() -> None:
        last_activity[0] = time.monotonic()

    def will_be_sent(e: dict[str, Any]) -> None:
        touch()
        rid = e["requestId"]
        if rid in reqs and e.get("redirectResponse"):  # the 3xx hop moved bytes too
            hop = reqs.pop(rid)
            hop.update(
                status=e["redirectResponse"]["status"],
                bytes=e["redirectResponse"].get("encodedDataLength", 0),
                done=True,
            )
            reqs[f"{rid}:{hop['url']}"] = hop
        reqs[rid] = {
            "source": "page",
            "url": e["request"]["url"],
            "type": e.get("type", ""),
            "status": None,
            "bytes": 0,
            "via_sw": False,
            "cache": False,
            "done": False,
            "accept_encoding": e["request"]["headers"].get("Accept-Encoding"),
        }
        inflight.add(rid)

    def extra_info(e: dict[str, Any]) -> None:  # the headers really sent on the wire
        rec = reqs.get(e["requestId"])
        if rec is not None:
            sent = {k.lower(): v for k, v in e.get("headers", {}).items()}
            rec["accept_encoding"] = sent.get("accept-encoding", rec["accept_encoding"])

    def response(e: dict[str, Any]) -> None:
        rec = reqs.get(e["requestId"])
        if rec is not None:
            r = e["response"]
            headers = {k.lower(): v for k, v in r["headers"].items()}
            length = headers.get("content-length")
            rec["encoding"] = headers.get("content-encoding", "identity")
            rec.update(
                status=r["status"],
                via_sw=bool(r.get("fromServiceWorker")),
                cache=bool(r.get("fromDiskCache") or r.get("fromPrefetchCache")),
                head=int(r.get("encodedDataLength", 0)),
                length=int(length or 0),
            )

    def finished(e: dict[str, Any]) -> None:
        touch()
        rec = reqs.get(e["requestId"])
        if rec is not None:
            total = int(e.get("encodedDataLength", 0))
            head, length = rec.get("head", 0), rec.get("length", 0)
            if total and head and not rec["cache"] and not rec["via_sw"] and total < head + length:
                # Seen in the self-check: a small response on a reused connection reported
                # without its header bytes. Count what was sent: headers + Content-Length.
                total, rec["note"] = head + length, "headers + Content-Length"
            rec.update(bytes=total, done=True)
        inflight.discard(e["requestId"])

    def failed(e: dict[str, Any]) -> None:
        touch()
        rec = reqs.get(e["requestId"])
        if rec is not None:
            rec.update(done=True, failed=e.get("errorText", "failed"))
        inflight.discard(e["requestId"])

    cdp.on("Network.requestWillBeSent", will_be_sent)
    cdp.on("Network.requestWillBeSentExtraInfo", extra_info)
    cdp.on("Network.responseReceived", response)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", failed)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})

    workers: list[str] = []

    def on_worker(worker: Any) -> None:
        touch()
        workers.append(worker.url)

    ctx.on("serviceworker", on_worker)

    def sw_request(req: Any) -> None:
        if req.service_worker is not None:
            touch()
            inflight.add(req)

    def sw_done(req: Any, ok: bool) -> None:
        if req.service_worker is None:
            return
        touch()
        inflight.discard(req)
        rec = {
            "source": "sw",
            "url": req.url,
            "type": req.resource_type,
            "status": None,
            "bytes": 0,
            "via_sw": False,
            "cache": False,
            "done": True,
            "accept_encoding": req.headers.get("accept-encoding"),
        }
        if ok:
            resp = req.response()
            sizes = req.sizes()
            head, body = sizes["responseHeadersSize"], sizes["responseBodySize"]
            length = int((resp.headers.get("content-length") if resp else None) or 0)
            if head + body == 0:  # encodedDataLength 0: served from the HTTP cache
                body, rec["note"] = -head, "from the HTTP cache"
            elif body < length:
                # Chromium reports no body for a worker's own script (the browser process loads
                # it); its Content-Length is the body as sent (after any Content-Encoding).
                body, rec["note"] = length, "body from Content-Length"
            elif body == 0 and resp is not None and resp.headers.get("transfer-encoding"):
                # Chunked and unreported: measure the same URL again over a raw socket.
                parts = urlsplit(req.url)
                again = fetch(parts.port or 80, "GET", parts.path or "/")
                body, rec["note"] = len(again.body), "body re-measured"
            rec["encoding"] = (resp.headers.get("content-encoding") if resp else None) or "identity"
            rec.update(status=resp.status if resp else None, bytes=head + body)
        else:
            rec["failed"] = req.failure or "failed"
        sw_reqs.append(rec)

    ctx.on("request", sw_request)
    ctx.on("requestfinished", lambda r: sw_done(r, True))
    ctx.on("requestfailed", lambda r: sw_done(r, False))

    page.goto(url, wait_until="load", timeout=30000)
    # A registered worker installs (and precaches) after load: wait for it to be active.
    has_sw = page.evaluate(
        "async () => 'serviceWorker' in navigator"
        " && (await navigator.serviceWorker.getRegistrations()).length > 0"
    )
    if has_sw:
        page.evaluate(
            "() => Promise.race([navigator.serviceWorker.ready,"
            " new Promise(r => setTimeout(r, 10000))]).then(() => true)"
        )
    start = time.monotonic()
    while (time.monotonic() - start) * 1000 < MAX_WAIT_MS:
        page.wait_for_timeout(100)
        if not inflight and (time.monotonic() - last_activity[0]) * 1000 >= QUIET_MS:
            break
    ctx.close()

    rows = list(reqs.values()) + sw_reqs
    counted = [r for r in rows if r["source"] == "sw" or not r["via_sw"]]
    return {
        "url": url,
        "total": sum(r["bytes"] for r in counted),
        "sw_bytes": sum(r["bytes"] for r in rows if r["source"] == "sw"),
        "service_workers": workers,
        "requests": rows,
        "unfinished": len(inflight),
    }


def describe(view: dict[str, Any]) -> str:
    lines = [
        f"first view of {view['url']}: {view['total']} bytes received "
        f"(service worker: {view['sw_bytes']}; workers: {view['service_workers'] or 'none'})"
    ]
    for r in view["requests"]:
        flag = (
            " (answered by the service worker: not counted)"
            if r["via_sw"] and r["source"] == "page"
            else ""
        )
        flag += f" FAILED {r.get('failed')}" if r.get("failed") else ""
        flag += f" ({r['note']})" if r.get("note") else ""
        lines.append(
            f"  {r['source']:4} {r['bytes']:7} B  {r['status']!s:4} {r['type']:10} "
            f"{r['url']}  [sent Accept-Encoding: {r['accept_encoding']}; got "
            f"{r.get('encoding', '-')}]{flag}"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- self-check with a service worker

SW_INDEX = b"""<!doctype html><html lang=en><meta charset=utf-8><title>sw check</title>
<h1>sw check</h1><img src="/cached.bin" alt="">
<script>
navigator.serviceWorker.addEventListener('controllerchange',
  () => fetch('/late.bin').then(r => r.arrayBuffer()));
navigator.serviceWorker.register('/sw.js');
</script></html>"""
SW_SCRIPT = b"""self.addEventListener('install', e => { self.skipWaiting();
  e.waitUntil(caches.open('v1')
    .then(c => c.addAll(['/pre-a.bin', '/pre-b.bin', '/cached.bin']))); });
self.addEventListener('activate', e => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', e => e.respondWith(fetch(e.request)));
"""
# path -> (size, cache-control). The page loads /cached.bin first, so the worker's copy of it
# comes from the HTTP cache (0 bytes); /late.bin is fetched through the worker once it controls
# the page: counted once, on the worker's side.
FIXTURE = {
    "/pre-a.bin": (5000, "no-store"),
    "/pre-b.bin": (7000, "no-store"),
    "/cached.bin": (3000, "max-age=3600"),
    "/late.bin": (4000, "no-store"),
}


class _FixtureHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        files = {
            "/": (SW_INDEX, "text/html", "no-store"),
            "/sw.js": (SW_SCRIPT, "text/javascript", "no-store"),
        }
        files |= {p: (bytes(n), "application/octet-stream", cc) for p, (n, cc) in FIXTURE.items()}
        body, ctype, cache = files.get(self.path, (b"", "text/plain", "no-store"))
        self.send_response(200 if self.path in files else 404)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return


def self_check(browser: Browser) -> Row:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FixtureHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        view = first_view(browser, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    (OUT / "weight-selfcheck.txt").write_text(describe(view))
    # Every response that crossed the wire is counted once with at least its body; the worker's
    # copy of /cached.bin (HTTP cache) and the page's view of /late.bin (the worker) are not.
    sizes = {"/": len(SW_INDEX), "/sw.js": len(SW_SCRIPT)} | {p: n for p, (n, _) in FIXTURE.items()}
    counted: dict[str, int] = {}
    for r in view["requests"]:
        if r["source"] == "sw" or not r["via_sw"]:
            path = "/" + r["url"].split("/", 3)[-1]
            counted[path] = counted.get(path, 0) + r["bytes"]
    wrong = [p for p, n in sizes.items() if not n < counted.get(p, 0) < n + 1000]
    ok = not wrong and view["unfinished"] == 0
    note = (
        "page, worker script, precache, cache hit and pass-through counted right"
        if ok
        else f"miscounted: {wrong or 'unfinished requests'}; see bench/out/weight-selfcheck.txt"
    )
    return Row(
        "harness self-check: service-worker requests counted",
        1.0 if ok else 0.0,
        "",
        ">=",
        1.0,
        note,
    )


# ---------------------------------------------------------------- main


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    details: dict[str, Any] = {}
    with AppServer(1, "weight") as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        rows.append(self_check(browser))
        langs = detect_languages(app.port)
        details["languages"] = langs
        for lang in langs:
            views = [first_view(browser, f"{app.base}/{lang}/") for _ in range(RUNS)]
            totals = [v["total"] for v in views]
            (OUT / f"weight-{lang}.txt").write_text("".join(describe(v) + "\n" for v in views))
            note = f"{len(views[0]['requests'])} requests; runs {totals}"
            if any(v["unfinished"] for v in views):
                note += f"; still in flight after {MAX_WAIT_MS // 1000} s: not counted"
            if views[0]["service_workers"]:
                note += f"; service worker {views[0]['sw_bytes']} B"
            rows.append(
                Row(
                    f"[{lang}] page weight, first view /{lang}/ (median of {RUNS})",
                    median(totals) / KB,
                    "KB",
                    "<=",
                    PAGE_BUDGET / KB,
                    note,
                )
            )
            ok, why = results_ok(app.port, lang)
            for label, method, path, body in HTML_PAGES:
                resp = fetch(app.port, method, path.format(lang=lang), body)
                enc = resp.header("content-encoding") or "identity"
                note = (
                    f"{resp.status}, {enc}, headers {resp.header_bytes} B + body {len(resp.body)} B"
                )
                value: float | None = resp.wire_bytes / KB
                if resp.status != 200 or (body and not ok):
                    note = f"{why or resp.status}; {note}"
                    value = None if body else value
                rows.append(
                    Row(f"[{lang}] HTML {label}", value, "KB", "<=", HTML_BUDGET / KB, note)
                )
        browser.close()
    write_rows("weight", rows, details)
    for r in rows:
        shown = "-" if r.value is None else f"{r.value:.2f}"
        print(f"{r.status:5} {r.figure}: {shown} {r.unit} {r.note}")


if __name__ == "__main__":
    main()
