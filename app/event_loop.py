"""asyncio's selector event loop (`--loop` in the Makefile), with one fix: running out of file
descriptors is said once, and accepting pauses for a second.

CPython 3.11's accept loop, on EMFILE, logs a traceback and schedules a retry for every slot of
the listen backlog (2,048 under uvicorn) instead of once: 1,030 idle sockets on a worker limited
to 1,024 open files wrote about 6 MB of tracebacks a second and starved every other request
(issue 15). Here the first EMFILE of a tick ends the tick: one retry after a second, and one
line in the log at most every ten seconds, without the client's address or a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

log = logging.getLogger("app.server")

OUT_OF_RESOURCES = "socket.accept() out of system resource"  # asyncio's message for EMFILE & co.
RETRY_SECONDS = 1.0
SAY_AT_MOST_EVERY = 10.0


class _StopAccepting(Exception):
    """Raised from the exception handler to leave asyncio's accept loop at the first EMFILE."""


class EventLoop(asyncio.SelectorEventLoop):
    _said_at = float("-inf")

    def _accept_connection(
        self, protocol_factory: Any, sock: Any, *args: Any, **kwargs: Any
    ) -> None:
        base: Any = super()
        try:
            base._accept_connection(protocol_factory, sock, *args, **kwargs)
        except _StopAccepting:
            loop: Any = self  # asyncio's own internals: the same calls its accept loop makes
            loop._remove_reader(sock.fileno())
            loop.call_later(RETRY_SECONDS, loop._start_serving, protocol_factory, sock, *args)

    def call_exception_handler(self, context: dict[str, Any]) -> None:
        if context.get("message") != OUT_OF_RESOURCES:
            super().call_exception_handler(context)
            return
        if self.time() - self._said_at >= SAY_AT_MOST_EVERY:
            self._said_at = self.time()
            error = context.get("exception")
            log.warning(
                "out of file descriptors (%s): new connections wait; raise the open-files limit",
                type(error).__name__ if error else "error",
            )
        raise _StopAccepting
