"""Sealing: envelopes only the program can open, bound to their record id, and signed statements."""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import nacl.public
import nacl.signing
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk import sealing
from kiosk.sealing import (
    BadSignature,
    CannotDecrypt,
    Envelope,
    EnvelopeMalformed,
    Receipt,
    ReceiptInvalid,
    SealingError,
    StatementInvalid,
)

PAYLOAD: dict[str, Any] = {
    "applicant": {"family_name": "Núñez", "given_names": "Ana María"},
    "photo_jpeg_b64": base64.b64encode(b"\xff\xd8fake").decode(),
    "verdict": {"eligible": True, "rules_version": "idnyc-2020"},
}
FIXED = datetime(2026, 11, 23, 2, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def program() -> nacl.public.PrivateKey:
    return nacl.public.PrivateKey.generate()


@pytest.fixture(scope="module")
def kiosk_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


@pytest.fixture(scope="module")
def server_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey.generate()


@pytest.fixture(scope="module")
def envelope(program: nacl.public.PrivateKey, kiosk_key: nacl.signing.SigningKey) -> Envelope:
    return sealing.seal("NYC-000123", PAYLOAD, program.public_key, kiosk_key, clock=lambda: FIXED)


def test_round_trip(envelope: Envelope, program: nacl.public.PrivateKey, kiosk_key: Any) -> None:
    sealing.verify_envelope(envelope, kiosk_key.verify_key)
    assert sealing.open_envelope(envelope, program) == PAYLOAD
    assert envelope.created_at == "2026-11-23T02:30:00Z"
    assert envelope.kiosk_id == sealing.kiosk_id_for(kiosk_key.verify_key)
    assert envelope.program_key_id == sealing.program_key_id(program.public_key)


def test_the_envelope_reveals_no_applicant_data(envelope: Envelope) -> None:
    wire = envelope.to_bytes()
    for secret in (b"Ana", "Núñez".encode(), b"eligible", b"idnyc"):
        assert secret not in wire


def test_wire_round_trip_and_digest(envelope: Envelope) -> None:
    again = Envelope.from_bytes(envelope.to_bytes())
    assert again == envelope
    assert again.digest == envelope.digest == sealing.sha256_hex(envelope.to_bytes())


def test_default_clock_is_utc_now(program: Any, kiosk_key: Any) -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    env = sealing.seal("R1", {}, program.public_key, kiosk_key)
    stamped = datetime.strptime(env.created_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert before <= stamped <= datetime.now(UTC)


def test_flipping_any_byte_is_rejected(envelope: Envelope, kiosk_key: Any) -> None:
    wire = envelope.to_bytes()
    for position in range(len(wire)):
        damaged = bytearray(wire)
        damaged[position] ^= 0x01
        with pytest.raises(SealingError):
            sealing.verify_envelope(Envelope.from_bytes(bytes(damaged)), kiosk_key.verify_key)


@pytest.mark.parametrize(
    "change",
    [
        {"record_id": "NYC-000124"},
        {"kiosk_id": "k-00000000000000000000"},
        {"program_key_id": "p-00000000000000000000"},
        {"created_at": "2026-11-23T02:30:01Z"},
        {"ciphertext": b"x" * 100},
        {"signature": bytes(64)},
    ],
)
def test_any_changed_field_breaks_the_signature(
    envelope: Envelope, kiosk_key: Any, change: dict[str, Any]
) -> None:
    with pytest.raises(BadSignature):
        sealing.verify_envelope(replace(envelope, **change), kiosk_key.verify_key)


def test_another_kiosk_key_is_rejected(envelope: Envelope) -> None:
    other = nacl.signing.SigningKey.generate().verify_key
    with pytest.raises(BadSignature, match="another kiosk"):
        sealing.verify_envelope(envelope, other)


def test_ciphertext_resigned_under_another_record_id_does_not_open(
    envelope: Envelope, program: Any, kiosk_key: Any
) -> None:
    # Even the kiosk's own key cannot move a ciphertext to another record id.
    moved = replace(envelope, record_id="NYC-999999", signature=b"")
    moved = replace(moved, signature=kiosk_key.sign(moved.signed_bytes()).signature)
    sealing.verify_envelope(moved, kiosk_key.verify_key)
    with pytest.raises(CannotDecrypt, match="another record"):
        sealing.open_envelope(moved, program)


def test_wrong_program_key(envelope: Envelope) -> None:
    with pytest.raises(CannotDecrypt, match="another program key"):
        sealing.open_envelope(envelope, nacl.public.PrivateKey.generate())


def test_ciphertext_that_does_not_open(envelope: Envelope, program: Any) -> None:
    with pytest.raises(CannotDecrypt, match="does not open"):
        sealing.open_envelope(replace(envelope, ciphertext=b"\0" * 80), program)


def _sealed_inner(program: Any, inner: bytes, envelope: Envelope) -> Envelope:
    return replace(envelope, ciphertext=nacl.public.SealedBox(program.public_key).encrypt(inner))


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        (b"not json", "not valid JSON"),
        (b"[1]", "not a JSON object"),
        (b'{ "a": 1}', "canonical"),
        (b'{"record":{},"record_id":"NYC-000123","schema":2}', "schema"),
        (b'{"record":[],"record_id":"NYC-000123","schema":1}', "schema"),
    ],
)
def test_inner_format_is_checked(
    envelope: Envelope, program: Any, inner: bytes, message: str
) -> None:
    with pytest.raises(CannotDecrypt, match=message):
        sealing.open_envelope(_sealed_inner(program, inner, envelope), program)


def test_inner_kiosk_id_must_match(envelope: Envelope, program: Any) -> None:
    inner = sealing.canonical_json(
        {"schema": 1, "record_id": envelope.record_id, "kiosk_id": "k-x", "record": {}}
    )
    with pytest.raises(CannotDecrypt, match="another record"):
        sealing.open_envelope(_sealed_inner(program, inner, envelope), program)


@pytest.mark.parametrize("record_id", ["", "-lead", "a" * 65, "with space", "ü", 7])
def test_bad_record_ids(program: Any, kiosk_key: Any, record_id: Any) -> None:
    with pytest.raises(EnvelopeMalformed):
        sealing.seal(record_id, {}, program.public_key, kiosk_key)


def test_payload_that_cannot_be_serialized(program: Any, kiosk_key: Any) -> None:
    with pytest.raises(SealingError, match="cannot be serialized"):
        sealing.seal("R1", {"photo": b"raw bytes"}, program.public_key, kiosk_key)
    with pytest.raises(SealingError, match="cannot be serialized"):
        sealing.seal("R1", {"x": float("nan")}, program.public_key, kiosk_key)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: [d], "JSON object"),
        (lambda d: {**d, "extra": 1}, "unexpected or missing"),
        (lambda d: {k: v for k, v in d.items() if k != "signature"}, "unexpected or missing"),
        (lambda d: {**d, "format": "1"}, "wrong type"),
        (lambda d: {**d, "format": True}, "wrong type"),
        (lambda d: {**d, "format": 2}, "unknown envelope format"),
        (lambda d: {**d, "signature": "@@@@"}, "invalid base64"),
        (lambda d: {**d, "signature": "QR=="}, "non-canonical base64"),
    ],
)
def test_malformed_envelope_dicts(envelope: Envelope, mutate: Any, message: str) -> None:
    with pytest.raises(EnvelopeMalformed, match=message):
        Envelope.from_dict(mutate(envelope.to_dict()))


def test_non_canonical_wire_bytes(envelope: Envelope) -> None:
    pretty = json.dumps(envelope.to_dict(), indent=1).encode()
    with pytest.raises(EnvelopeMalformed, match="canonical"):
        Envelope.from_bytes(pretty)
    with pytest.raises(EnvelopeMalformed, match="not valid JSON"):
        Envelope.from_bytes(b"\xff")
    with pytest.raises(EnvelopeMalformed, match="expected base64"):
        sealing.unb64(5, EnvelopeMalformed)


# --- receipts and statements -------------------------------------------------------------------


def test_receipt_round_trip(server_key: nacl.signing.SigningKey, envelope: Envelope) -> None:
    receipt = sealing.make_receipt(
        envelope.record_id, envelope.digest, server_key, received_at="2026-11-23T03:00:00Z"
    )
    again = sealing.make_receipt(
        envelope.record_id, envelope.digest, server_key, received_at="2026-11-23T03:00:00Z"
    )
    assert receipt == again  # a duplicate upload gets the very same receipt
    vk = server_key.verify_key
    assert sealing.verify_receipt(receipt, vk, envelope.record_id, envelope.digest) == receipt
    as_dict = receipt.to_dict()
    assert sealing.verify_receipt(as_dict, vk, envelope.record_id, envelope.digest) == receipt
    assert Receipt.from_dict(json.loads(json.dumps(as_dict))) == receipt


def test_receipt_for_another_record_or_digest(server_key: Any, envelope: Envelope) -> None:
    receipt = sealing.make_receipt("R1", "d" * 64, server_key, received_at="t")
    vk = server_key.verify_key
    with pytest.raises(ReceiptInvalid, match="another record"):
        sealing.verify_receipt(receipt, vk, "R2", "d" * 64)
    with pytest.raises(ReceiptInvalid, match="another record"):
        sealing.verify_receipt(receipt, vk, "R1", "e" * 64)


def test_receipt_from_another_intake_or_forged(server_key: Any) -> None:
    receipt = sealing.make_receipt("R1", "d" * 64, server_key, received_at="t")
    other = nacl.signing.SigningKey.generate()
    with pytest.raises(ReceiptInvalid, match="does not verify"):
        sealing.verify_receipt(receipt, other.verify_key, "R1", "d" * 64)
    forged = replace(receipt, received_at="later")
    with pytest.raises(ReceiptInvalid, match="does not verify"):
        sealing.verify_receipt(forged, server_key.verify_key, "R1", "d" * 64)
    # Correctly signed by the key, but claiming another intake id.
    body = {
        "record_id": "R1",
        "envelope_digest": "d" * 64,
        "received_at": "t",
        "intake_id": "i-someone-else",
    }
    lying = Receipt.from_dict(sealing.sign_statement("receipt", body, server_key))
    with pytest.raises(ReceiptInvalid, match="another intake"):
        sealing.verify_receipt(lying, server_key.verify_key, "R1", "d" * 64)


@pytest.mark.parametrize(
    "obj", ["<html>", {"kind": "receipt"}, {"kind": "receipt", "format": 1, "record_id": 5}]
)
def test_malformed_receipts(obj: Any) -> None:
    with pytest.raises(ReceiptInvalid):
        Receipt.from_dict(obj)


def test_statements(server_key: Any) -> None:
    vk = server_key.verify_key
    statement = sealing.sign_statement("health", {"nonce": "abc"}, server_key)
    assert sealing.verify_statement(statement, "health", vk)["nonce"] == "abc"
    with pytest.raises(StatementInvalid, match="not a receipt"):
        sealing.verify_statement(statement, "receipt", vk)
    with pytest.raises(StatementInvalid, match="JSON object"):
        sealing.verify_statement("<html>captive portal</html>", "health", vk)
    with pytest.raises(StatementInvalid, match="does not verify"):
        sealing.verify_statement({**statement, "nonce": "abd"}, "health", vk)
    with pytest.raises(StatementInvalid, match="does not verify"):
        sealing.verify_statement({**statement, "signature": "AAAA"}, "health", vk)


def test_ids_and_time_helpers() -> None:
    key = nacl.signing.SigningKey(bytes(32))
    assert sealing.kiosk_id_for(key.verify_key).startswith("k-")
    assert len(sealing.intake_id_for(key.verify_key)) == 22
    assert sealing.iso_utc(datetime(2026, 1, 1, 5, tzinfo=UTC) + timedelta(hours=-6)) == (
        "2025-12-31T23:00:00Z"
    )
    assert sealing.check_record_id("A.b_c-1") == "A.b_c-1"


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(
    record_id=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", fullmatch=True),
    payload=st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=5),
)
def test_any_json_payload_round_trips(
    record_id: str,
    payload: dict[str, Any],
    program: nacl.public.PrivateKey,
    kiosk_key: nacl.signing.SigningKey,
) -> None:
    envelope = sealing.seal(record_id, payload, program.public_key, kiosk_key)
    wire = Envelope.from_bytes(envelope.to_bytes())
    sealing.verify_envelope(wire, kiosk_key.verify_key)
    assert sealing.open_envelope(wire, program) == payload
