"""Provisioning: read provisioning.json, and keep the kiosk's delivery identity in the vault.

The identity holds the kiosk's Ed25519 signing key (made once, at the first provisioning, and kept
on re-provisioning so envelopes already signed stay verifiable) and the public keys it trusts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import nacl.public
import nacl.signing

from kiosk.outbox.errors import ProvisioningInvalid
from kiosk.sealing import (
    SealingError,
    intake_id_for,
    kiosk_id_for,
    program_key_id,
    unb64,
)
from kiosk.vault.database import Connection


@dataclass(frozen=True)
class Provisioning:
    intake_id: str
    server_verify_key: nacl.signing.VerifyKey
    program_public_key: nacl.public.PublicKey
    url: str
    enrolment_token: str


def read_provisioning(path: Path) -> Provisioning:
    """Parse and cross-check provisioning.json (ids must match the keys they name)."""
    try:
        obj: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        verify_key = nacl.signing.VerifyKey(unb64(obj["server_verify_key"], SealingError))
        program = nacl.public.PublicKey(unb64(obj["program_public_key"], SealingError))
        provisioning = Provisioning(
            intake_id=str(obj["intake_id"]),
            server_verify_key=verify_key,
            program_public_key=program,
            url=str(obj["url"]),
            enrolment_token=str(obj["enrolment_token"]),
        )
    except FileNotFoundError as error:
        raise ProvisioningInvalid(f"no provisioning file at {path}") from error
    except (OSError, ValueError, KeyError, TypeError, SealingError) as error:
        raise ProvisioningInvalid(f"{path.name} is not a kiosk provisioning file") from error
    if obj.get("kind") != "kiosk-provisioning" or provisioning.intake_id != intake_id_for(
        verify_key
    ):
        raise ProvisioningInvalid(f"{path.name} is not a kiosk provisioning file, or is damaged")
    if obj.get("program_key_id") != program_key_id(program):
        raise ProvisioningInvalid(f"{path.name} is damaged (program key id does not match)")
    return provisioning


@dataclass(frozen=True)
class KioskIdentity:
    signing_key: nacl.signing.SigningKey
    label: str
    intake_id: str
    server_verify_key: nacl.signing.VerifyKey
    program_public_key: nacl.public.PublicKey
    intake_url: str
    enrolment_token: str | None
    registered: bool

    @property
    def kiosk_id(self) -> str:
        return kiosk_id_for(self.signing_key.verify_key)


def load_identity(conn: Connection) -> KioskIdentity | None:
    row = conn.execute(
        "SELECT signing_key, label, intake_id, server_verify_key, program_public_key,"
        " intake_url, enrolment_token, registered_at FROM kiosk_identity WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return KioskIdentity(
        signing_key=nacl.signing.SigningKey(bytes(row[0])),
        label=row[1],
        intake_id=row[2],
        server_verify_key=nacl.signing.VerifyKey(bytes(row[3])),
        program_public_key=nacl.public.PublicKey(bytes(row[4])),
        intake_url=row[5],
        enrolment_token=row[6],
        registered=row[7] is not None,
    )


def save_identity(
    conn: Connection,
    provisioning: Provisioning,
    *,
    label: str,
    url: str,
    now: datetime,
) -> KioskIdentity:
    """Install a provisioning (inside the caller's transaction); keeps an existing kiosk key."""
    existing = load_identity(conn)
    signing_key = existing.signing_key if existing else nacl.signing.SigningKey.generate()
    conn.execute("DELETE FROM kiosk_identity")
    conn.execute(
        "INSERT INTO kiosk_identity (id, kiosk_id, signing_key, label, intake_id,"
        " server_verify_key, program_key_id, program_public_key, intake_url, enrolment_token,"
        " provisioned_at, registered_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        (
            kiosk_id_for(signing_key.verify_key),
            bytes(signing_key),
            label,
            provisioning.intake_id,
            bytes(provisioning.server_verify_key),
            program_key_id(provisioning.program_public_key),
            bytes(provisioning.program_public_key),
            url,
            provisioning.enrolment_token,
            now.isoformat(timespec="seconds"),
        ),
    )
    identity = load_identity(conn)
    assert identity is not None
    return identity


def mark_registered(conn: Connection, now: datetime) -> None:
    """The intake knows our key: the enrolment token is no longer needed, so it is erased."""
    conn.execute(
        "UPDATE kiosk_identity SET registered_at = ?, enrolment_token = NULL WHERE id = 1",
        (now.isoformat(timespec="seconds"),),
    )
