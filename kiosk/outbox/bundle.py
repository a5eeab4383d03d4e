"""Removable-media formats: a kiosk-signed bundle of envelopes, and the receipts file carried back.

A bundle is one canonical JSON file: a manifest signed by the kiosk (record ids, per-envelope
SHA-256 digests, a checksum over all envelopes) and the envelopes themselves. A truncated copy, a
swapped envelope or an edited manifest fails to load. Receipts need no file signature: each one is
signed by the intake and checked against the record and digest it names before anything is purged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nacl.signing

from kiosk.outbox.errors import BundleInvalid
from kiosk.sealing import (
    Clock,
    Envelope,
    Receipt,
    SealingError,
    canonical_json,
    iso_utc,
    kiosk_id_for,
    sha256_hex,
    sign_statement,
    utc_now,
    verify_statement,
)
from kiosk.vault.files import atomic_write_bytes

BUNDLE_SUFFIX = ".kbundle"
RECEIPTS_SUFFIX = ".kreceipts"
_MAX_FILE_BYTES = 2 * 1024**3


@dataclass(frozen=True)
class Bundle:
    kiosk_id: str
    created_at: str
    envelopes: tuple[Envelope, ...]


def _checksum(envelopes: Sequence[dict[str, Any]]) -> str:
    return sha256_hex(canonical_json(list(envelopes)))


def bundle_bytes(
    envelopes: Sequence[Envelope],
    kiosk_signing_key: nacl.signing.SigningKey,
    *,
    clock: Clock = utc_now,
) -> bytes:
    wire = [envelope.to_dict() for envelope in envelopes]
    manifest = sign_statement(
        "bundle",
        {
            "kiosk_id": kiosk_id_for(kiosk_signing_key.verify_key),
            "created_at": iso_utc(clock()),
            "count": len(wire),
            "entries": [{"record_id": e.record_id, "digest": e.digest} for e in envelopes],
            "checksum": _checksum(wire),
        },
        kiosk_signing_key,
    )
    return canonical_json({"manifest": manifest, "envelopes": wire})


def write_bundle(
    directory: Path,
    envelopes: Sequence[Envelope],
    kiosk_signing_key: nacl.signing.SigningKey,
    *,
    clock: Clock = utc_now,
) -> Path:
    """Write the bundle atomically into `directory`; returns its path."""
    moment = clock()
    kiosk_id = kiosk_id_for(kiosk_signing_key.verify_key)
    name = f"{kiosk_id}-{moment.strftime('%Y%m%dT%H%M%S%fZ')}{BUNDLE_SUFFIX}"
    path = directory / name
    atomic_write_bytes(
        path,
        bundle_bytes(envelopes, kiosk_signing_key, clock=lambda: moment),
        what="the export bundle",
    )
    return path


def _load_json(path: Path) -> object:
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            raise BundleInvalid("the file is too large to be a bundle")
        return json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise BundleInvalid(f"cannot read {path.name}: {error.strerror}") from error
    except (UnicodeDecodeError, ValueError) as error:
        raise BundleInvalid(f"{path.name} is damaged (not valid JSON)") from error


def parse_bundle(obj: object, kiosk_key: Callable[[str], nacl.signing.VerifyKey | None]) -> Bundle:
    """Check the manifest signature (with the key registered for its kiosk) and every digest."""
    if not isinstance(obj, dict) or set(obj) != {"manifest", "envelopes"}:
        raise BundleInvalid("not a kiosk bundle")
    manifest, wire = obj["manifest"], obj["envelopes"]
    if not isinstance(manifest, dict) or not isinstance(wire, list):
        raise BundleInvalid("not a kiosk bundle")
    kiosk_id = manifest.get("kiosk_id")
    if not isinstance(kiosk_id, str) or (verify_key := kiosk_key(kiosk_id)) is None:
        raise BundleInvalid("the bundle comes from a kiosk this intake does not know")
    try:
        body = verify_statement(manifest, "bundle", verify_key)
        envelopes = tuple(Envelope.from_dict(item) for item in wire)
    except SealingError as error:
        raise BundleInvalid(f"the bundle was altered or damaged ({error.code})") from error
    entries = [{"record_id": e.record_id, "digest": e.digest} for e in envelopes]
    if (
        body.get("count") != len(envelopes)
        or body.get("entries") != entries
        or body.get("checksum") != _checksum(wire)
    ):
        raise BundleInvalid("the bundle's envelopes do not match its signed manifest")
    created_at = body.get("created_at")
    return Bundle(kiosk_id=kiosk_id, created_at=str(created_at), envelopes=envelopes)


def read_bundle(path: Path, kiosk_key: Callable[[str], nacl.signing.VerifyKey | None]) -> Bundle:
    return parse_bundle(_load_json(path), kiosk_key)


def write_receipts(path: Path, receipts: Iterable[Receipt]) -> None:
    body = {"kind": "receipts", "format": 1, "receipts": [r.to_dict() for r in receipts]}
    atomic_write_bytes(path, canonical_json(body), what="the receipts file", mode=0o644)


def read_receipts(path: Path) -> list[Receipt]:
    """Parse a receipts file; the caller verifies each receipt before it purges anything."""
    obj = _load_json(path)
    if not isinstance(obj, dict) or obj.get("kind") != "receipts" or obj.get("format") != 1:
        raise BundleInvalid("not a receipts file")
    items = obj.get("receipts")
    if not isinstance(items, list):
        raise BundleInvalid("not a receipts file")
    try:
        return [Receipt.from_dict(item) for item in items]
    except SealingError as error:
        raise BundleInvalid(f"the receipts file is damaged ({error.code})") from error
