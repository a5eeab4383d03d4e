"""Fault injection for the real-server tests: an ASGI wrapper and a raw TCP proxy that resets."""

from __future__ import annotations

import asyncio
import selectors
import socket
import struct
import threading
from typing import Any

Scope = dict[str, Any]


class Faults:
    """What the next uploads to /v1/envelopes suffer; each counter is consumed per request."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.http_500 = 0
        self.slow_responses = 0  # -1: every response
        self.delay_s = 0.0
        self.requests = 0

    def take(self) -> tuple[bool, float]:
        with self._lock:
            self.requests += 1
            if self.http_500 > 0:
                self.http_500 -= 1
                return True, 0.0
            if self.slow_responses != 0:
                self.slow_responses -= 1 if self.slow_responses > 0 else 0
                return False, self.delay_s
            return False, 0.0


class FaultyApp:
    def __init__(self, app: Any, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != "/v1/envelopes":
            await self.app(scope, receive, send)
            return
        fail, delay = self.faults.take()
        if fail:
            await send({"type": "http.response.start", "status": 500, "headers": []})
            await send({"type": "http.response.body", "body": b"Internal Server Error"})
            return

        async def slow_send(message: dict[str, Any]) -> None:
            # The record is already stored when the response is held back.
            if message["type"] == "http.response.start" and delay:
                await asyncio.sleep(delay)
            await send(message)

        await self.app(scope, receive, slow_send)


def _reset(sock: socket.socket) -> None:
    """Close with RST, not FIN: what a dropped NAT entry or a crashing middlebox looks like."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class ResettingProxy:
    """A TCP proxy on loopback; `arm("request")` or `arm("response")` cuts the next upload."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self._upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        host, port = self._listener.getsockname()[:2]
        self.url = f"http://{host}:{port}"
        self._armed: str | None = None
        self._cut_response: set[socket.socket] = set()
        self._peers: dict[socket.socket, socket.socket] = {}
        self._from_client: set[socket.socket] = set()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._stopping = threading.Event()
        self.cuts = 0
        self._thread = threading.Thread(target=self._serve, name="resetting-proxy")

    def arm(self, where: str) -> None:
        self._armed = where

    def start(self) -> ResettingProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        for sock in list(self._peers):
            self._drop(sock)
        self._selector.close()
        self._listener.close()

    def _drop(self, sock: socket.socket, *, reset: bool = False) -> None:
        for s in (sock, self._peers.get(sock)):
            if s is None or s not in self._peers:
                continue
            self._selector.unregister(s)
            self._peers.pop(s, None)
            self._from_client.discard(s)
            self._cut_response.discard(s)
            if reset:
                _reset(s)
            else:
                s.close()

    def _serve(self) -> None:
        while not self._stopping.is_set():
            for key, _ in self._selector.select(timeout=0.05):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                if sock is self._listener:
                    self._accept()
                elif sock in self._peers:
                    self._pump(sock)

    def _accept(self) -> None:
        client, _ = self._listener.accept()
        upstream = socket.create_connection(self._upstream)
        for s in (client, upstream):
            s.setblocking(True)
            self._selector.register(s, selectors.EVENT_READ)
        self._peers[client], self._peers[upstream] = upstream, client
        self._from_client.add(client)

    def _pump(self, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._drop(sock)
            return
        peer = self._peers[sock]
        if sock in self._from_client and b"POST /v1/envelopes" in data and self._armed:
            where, self._armed = self._armed, None
            self.cuts += 1
            if where == "request":
                peer.sendall(data[: len(data) // 2])
                self._drop(sock, reset=True)
                return
            self._cut_response.add(peer)
        elif sock in self._cut_response:
            # The intake has stored the batch; the kiosk gets half an answer and a reset.
            peer.sendall(data[: len(data) // 2])
            self._drop(sock, reset=True)
            return
        peer.sendall(data)
