"""Outbox fixtures: a real intake served by uvicorn on loopback, with injectable faults."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import nacl.signing
import pytest

from kiosk.intake.app import create_app
from kiosk.intake.server import ServerThread
from kiosk.outbox.client import IntakeClient
from tests.unit.intake.helpers import STORES, Intake, make_intake, store_url_for
from tests.unit.outbox.faults import Faults, FaultyApp
from tests.unit.outbox.helpers import LiveIntake


@pytest.fixture
def kiosk_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


@pytest.fixture(params=STORES)
def intake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Intake]:
    """Every delivery test runs against SQLite, and against PostgreSQL when CI provides one."""
    with store_url_for(request.param) as url, make_intake(tmp_path, url) as made:
        yield made


@pytest.fixture
def serve(intake: Intake) -> Iterator[Callable[..., LiveIntake]]:
    """Start the intake (optionally on a given socket); every server is stopped at the end."""
    servers: list[ServerThread] = []
    faults = Faults()

    def start(sock: object = None) -> LiveIntake:
        server = ServerThread(FaultyApp(create_app(intake.service), faults), sock)  # type: ignore[arg-type]
        servers.append(server.start())
        return LiveIntake(intake, faults, server, server.url)

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def live(serve: Callable[..., LiveIntake]) -> LiveIntake:
    return serve()


@pytest.fixture
def client_for(intake: Intake) -> Iterator[Callable[..., IntakeClient]]:
    clients: list[IntakeClient] = []

    def make(url: str, timeout: float = 5.0) -> IntakeClient:
        client = IntakeClient(url, intake.server_verify_key, timeout=timeout)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
