"""The intake's decisions on both stores: idempotent by record id, signed receipts, strict."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import nacl.public
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.intake.service import MAX_BATCH, BadRequest, RegistrationDenied
from kiosk.outbox.bundle import (
    BundleInvalid,
    read_receipts,
    write_bundle,
    write_receipts,
)
from tests.unit.intake.helpers import Intake


def _seal(intake: Intake, key: nacl.signing.SigningKey, record_id: str) -> sealing.Envelope:
    return sealing.seal(record_id, {"n": record_id}, intake.program_public_key, key)


def test_register_is_idempotent_and_needs_the_token(
    intake: Intake, kiosk_key: nacl.signing.SigningKey
) -> None:
    vk = sealing.b64(bytes(kiosk_key.verify_key))
    ack = intake.service.register(vk, "Van 1", intake.token)
    assert ack["kiosk_id"] == sealing.kiosk_id_for(kiosk_key.verify_key)
    sealing.verify_statement(ack, "registration", intake.server_verify_key)
    intake.service.register(vk, "Van 1", intake.token)
    assert intake.service.stats()["kiosks"] == 1
    with pytest.raises(RegistrationDenied):
        intake.service.register(vk, "Van 1", "guess")
    with pytest.raises(RegistrationDenied):
        intake.service.register(vk, "Van 1", None)
    with pytest.raises(BadRequest, match="label"):
        intake.service.register(vk, "bad\nlabel", intake.token)
    with pytest.raises(BadRequest, match="Ed25519"):
        intake.service.register("AAAA", "Van", intake.token)
    with pytest.raises(BadRequest, match="Ed25519"):
        intake.service.register(7, "Van", intake.token)


def test_stored_then_duplicate_with_the_same_receipt(
    intake: Intake, kiosk_key: nacl.signing.SigningKey
) -> None:
    intake.register(kiosk_key)
    envelope = _seal(intake, kiosk_key, "R-1")
    first = intake.service.accept([envelope.to_dict()])
    second = intake.service.accept([envelope.to_dict(), envelope.to_dict()])
    assert [o.status for o in first] == ["stored"]
    assert [o.status for o in second] == ["duplicate", "duplicate"]
    assert first[0].receipt == second[0].receipt == second[1].receipt
    assert first[0].receipt is not None
    sealing.verify_receipt(first[0].receipt, intake.server_verify_key, "R-1", envelope.digest)
    assert intake.service.stats()["records"] == 1


def test_same_record_id_with_other_content_is_a_conflict(
    intake: Intake, kiosk_key: nacl.signing.SigningKey
) -> None:
    intake.register(kiosk_key)
    intake.service.accept([_seal(intake, kiosk_key, "R-1").to_dict()])
    [outcome] = intake.service.accept([_seal(intake, kiosk_key, "R-1").to_dict()])
    assert (outcome.status, outcome.reason, outcome.receipt) == (
        "rejected",
        "intake.record_conflict",
        None,
    )
    assert intake.service.stats()["records"] == 1


def test_rejections_leave_the_rest_of_the_batch_stored(
    intake: Intake, kiosk_key: nacl.signing.SigningKey
) -> None:
    intake.register(kiosk_key)
    stranger = nacl.signing.SigningKey.generate()
    good = _seal(intake, kiosk_key, "R-good")
    tampered = replace(_seal(intake, kiosk_key, "R-tampered"), created_at="2020-01-01T00:00:00Z")
    other_program = sealing.seal(
        "R-other", {}, nacl.public.PrivateKey.generate().public_key, kiosk_key
    )
    items: list[object] = [
        good.to_dict(),
        tampered.to_dict(),
        _seal(intake, stranger, "R-stranger").to_dict(),
        other_program.to_dict(),
        {"record_id": "R-broken", "format": 1},
        "not even an object",
    ]
    outcomes = intake.service.accept(items)
    assert [(o.record_id, o.status, o.reason) for o in outcomes] == [
        ("R-good", "stored", None),
        ("R-tampered", "rejected", "sealing.bad_signature"),
        ("R-stranger", "rejected", "intake.unknown_kiosk"),
        ("R-other", "rejected", "intake.wrong_program_key"),
        ("R-broken", "resend", "sealing.envelope_malformed"),
        (None, "resend", "sealing.envelope_malformed"),
    ]
    assert intake.service.stats()["records"] == 1
    assert outcomes[0].to_dict()["receipt"]["record_id"] == "R-good"
    assert "receipt" not in outcomes[1].to_dict()


def test_batch_limit(intake: Intake) -> None:
    with pytest.raises(BadRequest):
        intake.service.accept([{}] * (MAX_BATCH + 1))


def test_health_echoes_the_nonce_under_signature(intake: Intake) -> None:
    proof = intake.service.health("n" * 16)
    body = sealing.verify_statement(proof, "health", intake.server_verify_key)
    assert body["nonce"] == "n" * 16 and body["intake_id"] == intake.service.intake_id
    for bad in ("short", "x" * 129, "has space and is long enough"):
        with pytest.raises(BadRequest):
            intake.service.health(bad)


def test_envelopes_are_kept_only_sealed(intake: Intake, kiosk_key: nacl.signing.SigningKey) -> None:
    intake.register(kiosk_key)
    envelope = sealing.seal("R-1", {"family_name": "Okafor"}, intake.program_public_key, kiosk_key)
    intake.service.accept([envelope.to_dict()])
    [(wire, received_at)] = list(intake.store.envelopes())
    assert wire == envelope.to_bytes() and b"Okafor" not in wire
    assert received_at == intake.service.stats()["last_received_at"]


def test_bundle_import_is_idempotent(
    intake: Intake, kiosk_key: nacl.signing.SigningKey, tmp_path: Path
) -> None:
    intake.register(kiosk_key)
    envelopes = [_seal(intake, kiosk_key, f"R-{i}") for i in range(5)]
    intake.service.accept([envelopes[0].to_dict()])  # one already uploaded
    path = write_bundle(tmp_path, envelopes, kiosk_key)
    outcomes = intake.service.import_bundle(path)
    assert [o.status for o in outcomes] == ["duplicate"] + ["stored"] * 4
    assert [o.status for o in intake.service.import_bundle(path)] == ["duplicate"] * 5
    assert intake.service.stats()["records"] == 5
    receipts_path = tmp_path / "back.kreceipts"
    write_receipts(receipts_path, [o.receipt for o in outcomes if o.receipt])
    for envelope, receipt in zip(envelopes, read_receipts(receipts_path), strict=True):
        sealing.verify_receipt(
            receipt, intake.server_verify_key, envelope.record_id, envelope.digest
        )


def test_bundle_from_an_unknown_kiosk_or_altered(
    intake: Intake, kiosk_key: nacl.signing.SigningKey, tmp_path: Path
) -> None:
    path = write_bundle(tmp_path, [_seal(intake, kiosk_key, "R-1")], kiosk_key)
    with pytest.raises(BundleInvalid, match="does not know"):
        intake.service.import_bundle(path)
    intake.register(kiosk_key)
    obj = json.loads(path.read_bytes())
    obj["envelopes"][0]["created_at"] = "2000-01-01T00:00:00Z"
    path.write_text(json.dumps(obj))
    with pytest.raises(BundleInvalid, match="do not match"):
        intake.service.import_bundle(path)
    assert intake.service.stats()["records"] == 0
