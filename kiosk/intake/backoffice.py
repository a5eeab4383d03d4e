"""Back office only: open stored envelopes with the program's private key, for card production.

This is the one place plaintext applicant data is written, and only on the back-office machine that
holds the program key: one JSON file per record (0600, atomic), named by record id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nacl.public
import nacl.signing

from kiosk.intake.store import IntakeStore
from kiosk.sealing import (
    Envelope,
    SealingError,
    canonical_json,
    open_envelope,
    verify_envelope,
)
from kiosk.vault.files import atomic_write_bytes


@dataclass
class DecryptReport:
    decrypted: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)


def decrypt_store(
    store: IntakeStore, program_key: nacl.public.PrivateKey, out_dir: Path
) -> DecryptReport:
    """Check each envelope's kiosk signature again, open it, and write <record_id>.json."""
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    report = DecryptReport()
    for wire, received_at in store.envelopes():
        try:
            envelope = Envelope.from_bytes(wire)
            entry = store.kiosk(envelope.kiosk_id)
            if entry is None:
                raise SealingError("unknown kiosk")
            verify_envelope(envelope, nacl.signing.VerifyKey(entry.verify_key))
            record = open_envelope(envelope, program_key)
        except SealingError as error:
            # Report by code only; a damaged envelope's id is still safe to show.
            report.failed.append({"record_id": _safe_id(wire), "reason": error.code})
            continue
        document = {
            "record_id": envelope.record_id,
            "kiosk_id": envelope.kiosk_id,
            "sealed_at": envelope.created_at,
            "received_at": received_at,
            "record": record,
        }
        atomic_write_bytes(
            out_dir / f"{envelope.record_id}.json",
            canonical_json(document) + b"\n",
            what="a decrypted record",
        )
        report.decrypted += 1
    return report


def _safe_id(wire: bytes) -> str:
    try:
        return Envelope.from_bytes(wire).record_id
    except SealingError:
        return "?"
