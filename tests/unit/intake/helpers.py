"""Test helpers shared by intake and outbox tests: a fresh intake folder and its keys."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nacl.public
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.intake.service import IntakeService
from kiosk.intake.setup import init_intake, load_intake, load_program_key
from kiosk.intake.store import IntakeStore, open_store

POSTGRES_URL = os.environ.get("KIOSK_TEST_POSTGRES_URL")


@dataclass
class Intake:
    data_dir: Path
    store: IntakeStore
    service: IntakeService
    provisioning: dict[str, Any]
    program_key: nacl.public.PrivateKey
    store_url: str | None

    @property
    def program_public_key(self) -> nacl.public.PublicKey:
        return self.program_key.public_key

    @property
    def server_verify_key(self) -> nacl.signing.VerifyKey:
        raw = sealing.unb64(self.provisioning["server_verify_key"], sealing.SealingError)
        return nacl.signing.VerifyKey(raw)

    @property
    def token(self) -> str:
        return str(self.provisioning["enrolment_token"])

    def register(self, kiosk_key: nacl.signing.SigningKey, label: str = "Van 1") -> None:
        self.service.register(sealing.b64(bytes(kiosk_key.verify_key)), label, self.token)


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A throw-away database in the test cluster, dropped afterwards."""
    if POSTGRES_URL is None:
        pytest.skip("KIOSK_TEST_POSTGRES_URL is not set")
    import psycopg  # noqa: PLC0415 (only when a server is configured)

    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = POSTGRES_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@contextlib.contextmanager
def make_intake(root: Path, store_url: str | None = None, **service_kw: Any) -> Iterator[Intake]:
    data_dir = root / "intake"
    files = init_intake(data_dir, url="http://127.0.0.1:8750")
    config = load_intake(data_dir)
    store = open_store(data_dir, store_url)
    service = IntakeService(
        store,
        config.signing_key,
        program_key_id=config.program_key_id,
        enrolment_token_sha256=config.enrolment_token_sha256,
        **service_kw,
    )
    try:
        yield Intake(
            data_dir=data_dir,
            store=store,
            service=service,
            provisioning=json.loads(files.provisioning.read_text()),
            program_key=load_program_key(files.program_key),
            store_url=store_url,
        )
    finally:
        store.close()


STORES = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextlib.contextmanager
def store_url_for(kind: str) -> Iterator[str | None]:
    if kind == "sqlite":
        yield None
    else:
        with postgres_database() as url:
            yield url
