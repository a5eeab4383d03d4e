"""Intake fixtures: every intake test runs on SQLite, and on PostgreSQL when CI provides one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import nacl.signing
import pytest

from tests.unit.intake.helpers import STORES, Intake, make_intake, store_url_for


@pytest.fixture(params=STORES)
def intake(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Intake]:
    with store_url_for(request.param) as url, make_intake(tmp_path, url) as made:
        yield made


@pytest.fixture
def kiosk_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()
