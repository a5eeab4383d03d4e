"""Fixtures for field-health tests: a supervisor account, queued records, a fake disk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import nacl.public
import nacl.signing
import pytest

from kiosk.outbox.identity import KioskIdentity, Provisioning, save_identity
from kiosk.sealing import intake_id_for
from kiosk.staff import Role, Session

SUPERVISOR = "sam"
SUPERVISOR_PASSWORD = "supervisor pass 1"
ENROLLER = "eli"
ENROLLER_PASSWORD = "enroller pass 1"
GB = 1024**3


@dataclass(frozen=True)
class FakeDiskUsage:
    total: int
    used: int
    free: int


class FakeDisk:
    """Stands in for shutil.disk_usage; records the folders it was asked about."""

    def __init__(self, free: int = 50 * GB) -> None:
        self.free = free
        self.asked: list[Path] = []

    def __call__(self, path: Path) -> FakeDiskUsage:
        self.asked.append(Path(path))
        return FakeDiskUsage(total=100 * GB, used=100 * GB - self.free, free=self.free)


@pytest.fixture
def disk() -> FakeDisk:
    return FakeDisk()


@pytest.fixture
def staffed(session: Session) -> Session:
    session.staff.add(
        session.member, SUPERVISOR, "Sam Supervisor", Role.SUPERVISOR, SUPERVISOR_PASSWORD
    )
    session.staff.add(session.member, ENROLLER, "Eli Enroller", Role.ENROLLER, ENROLLER_PASSWORD)
    return session


def queue_sealed(
    session: Session, count: int, at: datetime, *, state: str = "sealed", exported: bool = False
) -> None:
    """Rows as the outbox keeps them; the envelope bytes do not matter to counts and ages."""
    stamp = at.isoformat(timespec="seconds")
    exported_at = stamp if exported else None
    with session.vault.transaction() as conn:
        start = int(conn.execute("SELECT count(*) FROM submissions").fetchone()[0])
        for n in range(start, start + count):
            conn.execute(
                "INSERT INTO submissions (record_id, application_number, state, submitted_by,"
                " submitted_at, updated_at, envelope, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    f"r-{n:024x}",
                    f"T{n:05d}",
                    state,
                    session.member.id,
                    stamp,
                    stamp,
                    b"{}",
                    exported_at,
                ),
            )


@dataclass(frozen=True)
class Provisioned:
    identity: KioskIdentity
    server_key: nacl.signing.SigningKey


@pytest.fixture
def provisioned(session: Session) -> Provisioned:
    """The kiosk provisioned as `kiosk provision` would, pointing at an intake nobody runs."""
    server_key = nacl.signing.SigningKey.generate()
    provisioning = Provisioning(
        intake_id=intake_id_for(server_key.verify_key),
        server_verify_key=server_key.verify_key,
        program_public_key=nacl.public.PrivateKey.generate().public_key,
        url="http://intake.test",
        enrolment_token="test-token",
    )
    with session.vault.transaction() as conn:
        identity = save_identity(
            conn, provisioning, label="Van 1", url=provisioning.url, now=session.clock()
        )
    return Provisioned(identity, server_key)
