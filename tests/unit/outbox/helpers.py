"""Helpers for the outbox tests: the live intake handle and sealing synthetic records."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import nacl.signing

from kiosk import sealing
from kiosk.intake.server import ServerThread
from tests.unit.intake.helpers import Intake
from tests.unit.outbox.faults import Faults


@dataclass
class LiveIntake:
    intake: Intake
    faults: Faults
    server: ServerThread | None
    url: str

    def records(self) -> int:
        return int(self.intake.service.stats()["records"])

    def stored_digests(self) -> dict[str, str]:
        found = {}
        for wire, _ in self.intake.store.envelopes():
            envelope = sealing.Envelope.from_bytes(wire)
            assert envelope.record_id not in found
            found[envelope.record_id] = envelope.digest
        return found


def fill(
    store: Any,
    intake: Intake,
    key: nacl.signing.SigningKey,
    count: int,
    *,
    prefix: str = "R",
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[sealing.Envelope]:
    envelopes = [
        sealing.seal(
            f"{prefix}-{i:05d}",
            {"given_names": "Test Person", "n": i},
            intake.program_public_key,
            key,
            clock=clock,
        )
        for i in range(count)
    ]
    for envelope in envelopes:
        store.add(envelope)
    return envelopes
