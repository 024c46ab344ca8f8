"""app/http_protocol.py: every connection gets TCP_NODELAY, also on the socket uvicorn binds for
several workers (it names no protocol there, and asyncio then leaves Nagle's algorithm on)."""

from __future__ import annotations

import asyncio
import socket

import pytest
from uvicorn import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from app.http_protocol import NoDelayHttpToolsProtocol
from tests.conftest import ROOT, run_async


async def _hello(scope: dict[str, object], receive: object, send: object) -> None:
    assert callable(send)
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _nodelay_of_a_connection(protocol_class: type[HttpToolsProtocol]) -> int:
    """Serve one request on a socket bound as uvicorn binds it for several workers; return the
    TCP_NODELAY of the server side of the connection."""

    async def run() -> int:
        listener = socket.socket(family=socket.AF_INET)  # uvicorn's bind_socket(): proto 0
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        config = Config(app=_hello, http=protocol_class, lifespan="off", log_config=None)
        config.load()
        state = ServerState()
        made: list[HttpToolsProtocol] = []

        def factory() -> HttpToolsProtocol:
            made.append(protocol_class(config=config, server_state=state, app_state={}))
            return made[-1]

        server = await asyncio.get_running_loop().create_server(factory, sock=listener)
        reader, writer = await asyncio.open_connection(*listener.getsockname())
        writer.write(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        assert (await reader.readuntil(b"ok")).startswith(b"HTTP/1.1 200")
        accepted = made[0].transport.get_extra_info("socket")
        nodelay = int(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        writer.close()
        server.close()
        return nodelay

    return run_async(run())


def test_asyncio_leaves_nagle_on_for_such_a_socket() -> None:
    """The problem itself: if this fails, asyncio or uvicorn changed and the fix may go."""
    assert _nodelay_of_a_connection(HttpToolsProtocol) == 0


def test_our_protocol_switches_nagle_off() -> None:
    assert _nodelay_of_a_connection(NoDelayHttpToolsProtocol) == 1


@pytest.mark.parametrize(
    ("path", "loop"),
    [
        ("Makefile", "--loop app.event_loop:EventLoop"),
        ("Dockerfile", '"--loop", "app.event_loop:EventLoop"'),
    ],
)
def test_the_server_is_started_with_it(path: str, loop: str) -> None:
    text = (ROOT / path).read_text()
    assert "app.http_protocol:NoDelayHttpToolsProtocol" in text
    assert loop in text  # uvloop serves a full load unfairly (Makefile)
