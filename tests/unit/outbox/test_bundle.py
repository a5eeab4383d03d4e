"""Media bundles: signed manifest, per-envelope digests, atomic write; receipts carried back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import nacl.public
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.outbox.bundle import (
    BUNDLE_SUFFIX,
    BundleInvalid,
    read_bundle,
    read_receipts,
    write_bundle,
    write_receipts,
)

KIOSK = nacl.signing.SigningKey.generate()
PROGRAM = nacl.public.PrivateKey.generate()
AT = datetime(2026, 11, 23, 4, 5, 6, 789000, tzinfo=UTC)


def known(kiosk_id: str) -> nacl.signing.VerifyKey | None:
    return KIOSK.verify_key if kiosk_id == sealing.kiosk_id_for(KIOSK.verify_key) else None


@pytest.fixture
def bundle_path(tmp_path: Path) -> Path:
    envelopes = [sealing.seal(f"R-{i}", {"n": i}, PROGRAM.public_key, KIOSK) for i in range(3)]
    return write_bundle(tmp_path, envelopes, KIOSK, clock=lambda: AT)


def test_round_trip(bundle_path: Path, tmp_path: Path) -> None:
    assert bundle_path.name.endswith("-20261123T040506789000Z" + BUNDLE_SUFFIX)
    assert bundle_path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == [bundle_path.name]  # no temp files left
    bundle = read_bundle(bundle_path, known)
    assert [e.record_id for e in bundle.envelopes] == ["R-0", "R-1", "R-2"]
    assert bundle.created_at == "2026-11-23T04:05:06Z"
    for envelope in bundle.envelopes:
        sealing.verify_envelope(envelope, KIOSK.verify_key)


def test_every_changed_byte_is_caught(bundle_path: Path) -> None:
    data = bundle_path.read_bytes()
    for position in range(0, len(data), 7):
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        bundle_path.write_bytes(bytes(damaged))
        with pytest.raises(BundleInvalid):
            read_bundle(bundle_path, known)


def _edit(path: Path, change: object) -> None:
    obj = json.loads(path.read_bytes())
    change(obj)  # type: ignore[operator]
    path.write_text(json.dumps(obj))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda o: o["envelopes"].pop(), "do not match"),
        (lambda o: o["envelopes"].reverse(), "do not match"),
        (lambda o: o["manifest"].update(count=2), "altered"),
        (lambda o: o.update(extra=1), "not a kiosk bundle"),
        (lambda o: o.update(envelopes={}), "not a kiosk bundle"),
        (lambda o: o["manifest"].update(kiosk_id=5), "does not know"),
    ],
)
def test_altered_bundles(bundle_path: Path, change: object, message: str) -> None:
    _edit(bundle_path, change)
    with pytest.raises(BundleInvalid, match=message):
        read_bundle(bundle_path, known)


def test_unknown_kiosk_truncated_and_missing(bundle_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BundleInvalid, match="does not know"):
        read_bundle(bundle_path, lambda kiosk_id: None)
    bundle_path.write_bytes(bundle_path.read_bytes()[:-40])
    with pytest.raises(BundleInvalid, match="damaged"):
        read_bundle(bundle_path, known)
    with pytest.raises(BundleInvalid, match="cannot read"):
        read_bundle(tmp_path / "nothing", known)
    (tmp_path / "list").write_text("[]")
    with pytest.raises(BundleInvalid, match="not a kiosk bundle"):
        read_bundle(tmp_path / "list", known)


def test_receipts_file(tmp_path: Path) -> None:
    server = nacl.signing.SigningKey.generate()
    receipts = [sealing.make_receipt(f"R-{i}", "d" * 64, server, received_at="t") for i in range(2)]
    path = tmp_path / "back.kreceipts"
    write_receipts(path, receipts)
    assert read_receipts(path) == receipts
    for bad in ('{"kind": "receipts", "format": 1, "receipts": [{}]}', "[]", '{"kind": "x"}'):
        path.write_text(bad)
        with pytest.raises(BundleInvalid):
            read_receipts(path)
    path.write_text('{"kind": "receipts", "format": 1, "receipts": 3}')
    with pytest.raises(BundleInvalid):
        read_receipts(path)
