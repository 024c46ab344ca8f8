"""The TLS front of the reference deployment (deploy/nginx), rendered and run.

    python scripts/front.py render --out DIR --listen 443 --server-name jeugd.example.nl \
        --cert /etc/ssl/fullchain.pem --key /etc/ssl/key.pem --app 127.0.0.1:8000
        writes DIR/nginx.conf, DIR/security-headers.conf and DIR/errors/ for an operator.
    python scripts/front.py run      (make tls) a local CA, a certificate for 127.0.0.1, the app
        and nginx on https://127.0.0.1:$TLS_PORT; prints CA=<path>; stops on Ctrl-C or SIGTERM.
    python scripts/front.py observatory   (make observatory) the same, graded by the MDN HTTP
        Observatory; fails unless A+.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
MODULE = Path("/usr/lib/nginx/modules/ngx_http_headers_more_filter_module.so")
sys.path.insert(0, str(ROOT))

from app.content.loader import load_content  # noqa: E402
from app.settings import get_settings  # noqa: E402
from app.web.middleware.security import PERMISSIONS_POLICY  # noqa: E402


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for the front, the app, a test)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def render(out: Path, listen: str, server_name: str, cert: Path, key: Path, app: str) -> Path:
    """The front's files in `out` (made if missing); returns the nginx.conf to start with."""
    settings = get_settings()
    title = load_content(settings.content_dir, settings.region).region.site_title
    run = out / "run"
    for folder in (out, run, out / "errors"):
        folder.mkdir(parents=True, exist_ok=True)
    headers = (DEPLOY / "nginx" / "security-headers.conf").read_text()
    (out / "security-headers.conf").write_text(headers.replace("@PERMISSIONS@", PERMISSIONS_POLICY))
    # The front's own error pages: one list of helplines (errors/helplines.inc) in each page.
    helplines = (DEPLOY / "errors" / "helplines.inc").read_text().rstrip("\n")
    for page in (DEPLOY / "errors").glob("*.html"):
        text = page.read_text().replace("@TITLE@", title).replace("@HELPLINES@", helplines)
        (out / "errors" / page.name).write_text(text)
    # The static files, copied: nginx's workers do not run as root and may not read the clone.
    shutil.rmtree(out / "static", ignore_errors=True)
    shutil.copytree(ROOT / "static", out / "static")
    for folder in (out, *(p for p in out.rglob("*") if p.is_dir())):
        folder.chmod(0o755)
    for file in (p for p in out.rglob("*") if p.is_file()):
        file.chmod(0o644)
    values = {
        "@RUN@": str(run), "@CONF@": str(out), "@ROOT@": str(ROOT), "@APP@": app,
        "@LISTEN@": listen, "@SERVER_NAME@": server_name, "@CERT@": str(cert), "@KEY@": str(key),
    }  # fmt: skip
    conf = (DEPLOY / "nginx" / "nginx.conf.template").read_text()
    conf = conf.replace("alias @ROOT@/deploy/errors/", f"alias {out}/errors/")
    conf = conf.replace("alias @ROOT@/static/", f"alias {out}/static/")
    for name, value in values.items():
        conf = conf.replace(name, value)
    (out / "nginx.conf").write_text(conf)
    return out / "nginx.conf"


def _openssl(*args: str) -> None:
    subprocess.run(["openssl", *args], check=True, capture_output=True)


def local_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A CA made on the spot and a certificate for 127.0.0.1 signed by it: (ca, cert, key)."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    ca_key, ca, key, csr, cert = (
        folder / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem")
    )
    curve = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    _openssl("req", "-x509", *curve, "-days", "30", "-subj", "/CN=Wie helpt mij local CA",
             "-keyout", str(ca_key), "-out", str(ca))  # fmt: skip
    _openssl("req", *curve, "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(csr))
    extensions = folder / "server.ext"
    extensions.write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
        "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
    )
    _openssl("x509", "-req", "-in", str(csr), "-CA", str(ca), "-CAkey", str(ca_key),
             "-CAcreateserial", "-days", "30", "-extfile", str(extensions),
             "-out", str(cert))  # fmt: skip
    return ca, cert, key


def _wait(url: str, ca: Path, seconds: float) -> None:
    context = ssl.create_default_context(cafile=str(ca))
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, context=context, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"error: {url} did not answer within {seconds:.0f} s")
        time.sleep(0.2)


@contextmanager
def deployment(tls_port: int, app_port: int, folder: Path) -> Iterator[Path]:
    """The app and nginx in front of it, until the block ends; yields the local CA's path."""
    if not MODULE.exists():
        raise SystemExit(
            f"{MODULE} is missing: run `apt-get install libnginx-mod-http-headers-more-filter`"
            " (make nginx does, as root)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    ca, cert, key = local_ca(folder / "ca")
    conf = render(folder / "nginx", f"127.0.0.1:{tls_port}", "127.0.0.1", cert, key,
                  f"127.0.0.1:{app_port}")  # fmt: skip
    app = subprocess.Popen(["make", "-s", "serve", "HOST=127.0.0.1", f"PORT={app_port}"],
                           cwd=ROOT, start_new_session=True)  # fmt: skip
    run_dir = folder / "nginx" / "run"
    front = subprocess.Popen(
        ["nginx", "-e", str(run_dir / "error.log"), "-p", str(run_dir), "-c", str(conf),
         "-g", "daemon off;"],
        start_new_session=True,
    )  # fmt: skip
    try:
        _wait(f"https://127.0.0.1:{tls_port}/healthz", ca, 30)
        yield ca
        if app.poll() is not None or front.poll() is not None:
            raise SystemExit("error: the app or nginx stopped")
    finally:
        for process in (front, app):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in (front, app):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def run(tls_port: int, app_port: int, folder: Path) -> int:
    """make tls: serve until Ctrl-C or SIGTERM."""
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    with deployment(tls_port, app_port, folder) as ca:
        print(f"CA={ca}", flush=True)
        print(
            f"URL=https://127.0.0.1:{tls_port}/ (plain HTTP on that port is redirected)", flush=True
        )
        while not stopping:
            time.sleep(0.2)
    return 0


OBSERVATORY = DEPLOY / "observatory" / "node_modules"


def observatory(tls_port: int, app_port: int, folder: Path) -> int:
    """make observatory: the MDN HTTP Observatory grades the deployment; A+ or it fails."""
    package = OBSERVATORY / "@mdn" / "mdn-http-observatory"
    if not package.is_dir():
        raise SystemExit("the Observatory is not installed: run `make observatory`")
    # What its install script would download (we run npm with --ignore-scripts): an empty HSTS
    # preload list, and the top-level domains it needs to know.
    (package / "conf" / "hsts-preload.json").write_text("{}\n")
    (package / "conf" / "tld-list.json").write_text('["nl"]\n')
    bundle = OBSERVATORY / "node_extra_ca_certs_mozilla_bundle" / "ca_bundle"
    bundle.mkdir(parents=True, exist_ok=True)
    with deployment(tls_port, app_port, folder) as ca:
        # The Observatory trusts only its own bundle: the local CA goes in it.
        shutil.copy(ca, bundle / "ca_intermediate_bundle.pem")
        scan = subprocess.run(
            [str(OBSERVATORY / ".bin" / "mdn-http-observatory-scan"), f"127.0.0.1:{tls_port}"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    if scan.returncode != 0:
        sys.stderr.write(scan.stderr)
        return 1
    result = json.loads(scan.stdout)
    summary = result["scan"]
    for name, test in sorted(result.get("tests", {}).items()):
        mark = "pass" if test.get("pass") else "FAIL"
        print(f"{mark:4}  {name}: {test.get('result')} ({test.get('scoreModifier', 0):+d})")
    print(f"grade {summary['grade']}, score {summary['score']}, "
          f"{summary['testsPassed']} of {summary['testsQuantity']} tests passed")  # fmt: skip
    return 0 if summary["grade"] == "A+" else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("render", help="write the front's files for an operator")
    made.add_argument("--out", type=Path, required=True)
    made.add_argument("--listen", default="443")
    made.add_argument("--server-name", required=True)
    made.add_argument("--cert", type=Path, required=True)
    made.add_argument("--key", type=Path, required=True)
    made.add_argument("--app", default="127.0.0.1:8000")
    local = commands.add_parser("run", help="the local reference deployment (make tls)")
    graded = commands.add_parser("observatory", help="grade it with the MDN HTTP Observatory")
    for sub in (local, graded):
        sub.add_argument("--tls-port", type=int, default=int(os.environ.get("TLS_PORT", "8443")))
        sub.add_argument(
            "--app-port", type=int, default=int(os.environ.get("TLS_APP_PORT", "8091"))
        )
        sub.add_argument(
            "--folder", type=Path, default=Path(tempfile.gettempdir()) / "wie-helpt-mij-tls"
        )
    args = parser.parse_args(argv)
    if args.command == "render":
        conf = render(args.out, args.listen, args.server_name, args.cert, args.key, args.app)
        print(f"wrote {conf}; check it with: nginx -t -c {conf}")
        return 0
    if shutil.which("nginx") is None:
        sys.stderr.write("nginx is missing: run `apt-get install nginx` (make tls does, as root)\n")
        return 1
    if args.command == "observatory":
        return observatory(args.tls_port, args.app_port, args.folder)
    return run(args.tls_port, args.app_port, args.folder)


if __name__ == "__main__":
    sys.exit(main())
