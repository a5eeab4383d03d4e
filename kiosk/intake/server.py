"""Running the intake app under uvicorn: in the foreground for `serve`, or on an owned thread.

The thread form serves `kiosk --demo` (a local intake), the benchmark and the fault tests. Options
are spelled out (h11, no websockets, no lifespan, asyncio loop) so no optional backend with its own
deprecations is picked up by accident.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn


def uvicorn_config(app: Any, *, host: str, port: int, access_log: bool = False) -> uvicorn.Config:
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        loop="asyncio",
        http="h11",
        ws="none",
        lifespan="off",
        log_level="warning",
        access_log=access_log,
        timeout_graceful_shutdown=5,
    )


def bound_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A bound (not yet listening) socket: its port is known, and refuses connections until used."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


class ServerThread:
    """uvicorn on a thread owned by the caller: start() waits until it serves, stop() joins."""

    def __init__(self, app: Any, sock: socket.socket | None = None) -> None:
        self._sock = sock or bound_socket()
        host, port = self._sock.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._server = uvicorn.Server(uvicorn_config(app, host=host, port=port))
        self._thread = threading.Thread(target=self._run, name="intake-server", daemon=True)
        self._error: BaseException | None = None

    def _run(self) -> None:
        try:
            self._server.run(sockets=[self._sock])
        except BaseException as error:  # reported by start(); the thread must not die silently
            self._error = error

    def start(self, timeout: float = 10.0) -> ServerThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if self._error is not None or not self._thread.is_alive():
                raise RuntimeError("the intake server did not start") from self._error
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the intake server did not start in time")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10.0)
        self._sock.close()
