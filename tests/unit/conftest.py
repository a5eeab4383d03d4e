"""Shared core fixtures: a controllable clock and a fresh vault with an admin signed in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.staff import Session, create_vault
from kiosk.vault import KdfParams

ADMIN = "ana"
ADMIN_PASSWORD = "correct horse battery"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault_dir(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def session(vault_dir: Path, clock: FakeClock) -> Iterator[Session]:
    s = create_vault(
        vault_dir,
        admin_username=ADMIN,
        admin_password=ADMIN_PASSWORD,
        admin_display_name="Ana Admin",
        clock=clock,
        kdf=KdfParams.fast_for_tests(),
    )
    yield s
    s.close()
