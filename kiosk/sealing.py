"""Seal records to the program key, sign them with the kiosk key, and sign/verify intake statements.

After `seal` the kiosk holds only an `Envelope`: ciphertext only the program's private key (kept in
the back office) can open, and an Ed25519 signature that binds the record id, kiosk id, program key
and ciphertext together. Receipts and health proofs are statements signed by the intake's key.
Every wire form is canonical JSON, and parsers accept only the canonical form, so any changed byte
is either a parse error or a signature failure.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, ClassVar

import nacl.exceptions
import nacl.public
import nacl.signing

from kiosk.errors import KioskError

# --- errors ------------------------------------------------------------------------------------


class SealingError(KioskError):
    code = "sealing.error"


class EnvelopeMalformed(SealingError):
    """Not an envelope of a format we know, or not in canonical form (damaged or altered)."""

    code = "sealing.envelope_malformed"


class BadSignature(SealingError):
    """The signature does not match the content or the key: altered, moved, or the wrong signer."""

    code = "sealing.bad_signature"


class CannotDecrypt(SealingError):
    """Wrong program key, or the ciphertext does not belong to the record id it travels under."""

    code = "sealing.cannot_decrypt"


class ReceiptInvalid(SealingError):
    code = "sealing.receipt_invalid"


class StatementInvalid(SealingError):
    code = "sealing.statement_invalid"


# --- formats -----------------------------------------------------------------------------------

ENVELOPE_FORMAT = 1
RECORD_SCHEMA_VERSION = 1
STATEMENT_FORMAT = 1
_ENVELOPE_DOMAIN = b"kiosk-envelope-v1\n"
_STATEMENT_DOMAIN = b"kiosk-statement-v1\n"
_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_KEY_ID_HEX = 20

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def canonical_json(obj: object) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8; what signatures are made over."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def parse_canonical(data: bytes, what: type[SealingError]) -> dict[str, Any]:
    """Parse a JSON object and insist it was in canonical form (no alternative spellings)."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise what("not valid JSON") from error
    if not isinstance(obj, dict):
        raise what("not a JSON object")
    if canonical_json(obj) != data:
        raise what("not in canonical form")
    return obj


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, what: type[SealingError]) -> bytes:
    """Decode standard base64 and reject non-canonical spellings (stray bits in the padding)."""
    if not isinstance(text, str):
        raise what("expected base64 text")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise what("invalid base64") from error
    if b64(raw) != text:
        raise what("non-canonical base64")
    return raw


def key_id(public_key_bytes: bytes) -> str:
    """A short, stable name for a public key (program key id, intake id, kiosk id)."""
    return hashlib.sha256(b"kiosk-key-id\n" + public_key_bytes).hexdigest()[:_KEY_ID_HEX]


def kiosk_id_for(verify_key: nacl.signing.VerifyKey) -> str:
    """A kiosk is named by its signing key, so an id cannot be claimed with another key."""
    return "k-" + key_id(bytes(verify_key))


def program_key_id(program_public_key: nacl.public.PublicKey) -> str:
    return "p-" + key_id(bytes(program_public_key))


def intake_id_for(server_verify_key: nacl.signing.VerifyKey) -> str:
    return "i-" + key_id(bytes(server_verify_key))


def check_record_id(record_id: object) -> str:
    if not isinstance(record_id, str) or not _RECORD_ID.fullmatch(record_id):
        raise EnvelopeMalformed("record id must be 1-64 letters, digits, '.', '_' or '-'")
    return record_id


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fields(obj: Mapping[str, Any], spec: Mapping[str, type], what: type[SealingError]) -> None:
    if set(obj) != set(spec):
        raise what("unexpected or missing fields")
    for name, kind in spec.items():
        value = obj[name]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise what(f"field {name!r} has the wrong type")


# --- envelopes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Envelope:
    """A sealed record as it is stored, uploaded and exported; it reveals no applicant data."""

    record_id: str
    kiosk_id: str
    program_key_id: str
    created_at: str
    ciphertext: bytes
    signature: bytes
    format: int = ENVELOPE_FORMAT

    _SPEC: ClassVar[dict[str, type]] = {
        "format": int,
        "record_id": str,
        "kiosk_id": str,
        "program_key_id": str,
        "created_at": str,
        "ciphertext": str,
        "signature": str,
    }

    def signed_bytes(self) -> bytes:
        header = {
            "format": self.format,
            "record_id": self.record_id,
            "kiosk_id": self.kiosk_id,
            "program_key_id": self.program_key_id,
            "created_at": self.created_at,
            "ciphertext_sha256": sha256_hex(self.ciphertext),
        }
        return _ENVELOPE_DOMAIN + canonical_json(header)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "record_id": self.record_id,
            "kiosk_id": self.kiosk_id,
            "program_key_id": self.program_key_id,
            "created_at": self.created_at,
            "ciphertext": b64(self.ciphertext),
            "signature": b64(self.signature),
        }

    def to_bytes(self) -> bytes:
        return canonical_json(self.to_dict())

    @property
    def digest(self) -> str:
        """What receipts name: the SHA-256 of the canonical wire bytes."""
        return sha256_hex(self.to_bytes())

    @classmethod
    def from_dict(cls, obj: object) -> Envelope:
        if not isinstance(obj, dict):
            raise EnvelopeMalformed("an envelope is a JSON object")
        _fields(obj, cls._SPEC, EnvelopeMalformed)
        if obj["format"] != ENVELOPE_FORMAT:
            raise EnvelopeMalformed(f"unknown envelope format {obj['format']}")
        return cls(
            record_id=check_record_id(obj["record_id"]),
            kiosk_id=obj["kiosk_id"],
            program_key_id=obj["program_key_id"],
            created_at=obj["created_at"],
            ciphertext=unb64(obj["ciphertext"], EnvelopeMalformed),
            signature=unb64(obj["signature"], EnvelopeMalformed),
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        return cls.from_dict(parse_canonical(data, EnvelopeMalformed))


def _inner(record_id: str, kiosk_id: str, payload: Mapping[str, Any]) -> bytes:
    # The record id and kiosk id travel inside the ciphertext too: a sealed box has no associated
    # data, so this is what stops a ciphertext being re-signed under another record id.
    return canonical_json(
        {
            "schema": RECORD_SCHEMA_VERSION,
            "record_id": record_id,
            "kiosk_id": kiosk_id,
            "record": dict(payload),
        }
    )


def seal(
    record_id: str,
    payload: Mapping[str, Any],
    program_public_key: nacl.public.PublicKey,
    kiosk_signing_key: nacl.signing.SigningKey,
    *,
    clock: Clock = utc_now,
) -> Envelope:
    """Encrypt `payload` (JSON-compatible; binary as base64 text) for the program and sign it."""
    check_record_id(record_id)
    kiosk_id = kiosk_id_for(kiosk_signing_key.verify_key)
    try:
        plaintext = _inner(record_id, kiosk_id, payload)
    except (TypeError, ValueError) as error:
        raise SealingError("the record holds a value that cannot be serialized") from error
    unsigned = Envelope(
        record_id=record_id,
        kiosk_id=kiosk_id,
        program_key_id=program_key_id(program_public_key),
        created_at=iso_utc(clock()),
        ciphertext=nacl.public.SealedBox(program_public_key).encrypt(plaintext),
        signature=b"",
    )
    signature = kiosk_signing_key.sign(unsigned.signed_bytes()).signature
    return replace(unsigned, signature=signature)


def verify_envelope(envelope: Envelope, kiosk_verify_key: nacl.signing.VerifyKey) -> None:
    """Raise BadSignature unless this kiosk key signed exactly this envelope."""
    if envelope.kiosk_id != kiosk_id_for(kiosk_verify_key):
        raise BadSignature("the envelope names another kiosk")
    try:
        kiosk_verify_key.verify(envelope.signed_bytes(), envelope.signature)
    except nacl.exceptions.BadSignatureError as error:
        raise BadSignature("the envelope signature does not verify") from error


def open_envelope(
    envelope: Envelope, program_private_key: nacl.public.PrivateKey
) -> dict[str, Any]:
    """Back office only: decrypt and check the record id binding; returns the record payload."""
    if envelope.program_key_id != program_key_id(program_private_key.public_key):
        raise CannotDecrypt("the envelope was sealed to another program key")
    try:
        plaintext = nacl.public.SealedBox(program_private_key).decrypt(envelope.ciphertext)
    except nacl.exceptions.CryptoError as error:
        raise CannotDecrypt("the ciphertext does not open with this program key") from error
    inner = parse_canonical(plaintext, CannotDecrypt)
    if inner.get("schema") != RECORD_SCHEMA_VERSION or not isinstance(inner.get("record"), dict):
        raise CannotDecrypt("unknown record schema")
    if inner.get("record_id") != envelope.record_id or inner.get("kiosk_id") != envelope.kiosk_id:
        raise CannotDecrypt("the ciphertext belongs to another record")
    record: dict[str, Any] = inner["record"]
    return record


# --- signed statements (receipts, health proofs) -----------------------------------------------


def sign_statement(
    kind: str, fields: Mapping[str, Any], signing_key: nacl.signing.SigningKey
) -> dict[str, Any]:
    body = {**fields, "kind": kind, "format": STATEMENT_FORMAT}
    signature = signing_key.sign(_STATEMENT_DOMAIN + canonical_json(body)).signature
    return {**body, "signature": b64(signature)}


def verify_statement(
    statement: object, kind: str, verify_key: nacl.signing.VerifyKey
) -> dict[str, Any]:
    """Check a statement's kind and signature; returns its fields without the signature."""
    if not isinstance(statement, dict):
        raise StatementInvalid("a statement is a JSON object")
    body = {k: v for k, v in statement.items() if k != "signature"}
    if body.get("kind") != kind or body.get("format") != STATEMENT_FORMAT:
        raise StatementInvalid(f"not a {kind} statement")
    signature = unb64(statement.get("signature"), StatementInvalid)
    try:
        verify_key.verify(_STATEMENT_DOMAIN + canonical_json(body), signature)
    except (nacl.exceptions.BadSignatureError, TypeError, ValueError) as error:
        raise StatementInvalid(f"the {kind} signature does not verify") from error
    return body


@dataclass(frozen=True)
class Receipt:
    """The intake's signed word that it durably holds `envelope_digest` under `record_id`."""

    record_id: str
    envelope_digest: str
    received_at: str
    intake_id: str
    signature: str

    _SPEC: ClassVar[dict[str, type]] = {
        "kind": str,
        "format": int,
        "record_id": str,
        "envelope_digest": str,
        "received_at": str,
        "intake_id": str,
        "signature": str,
    }

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "receipt",
            "format": STATEMENT_FORMAT,
            "record_id": self.record_id,
            "envelope_digest": self.envelope_digest,
            "received_at": self.received_at,
            "intake_id": self.intake_id,
            "signature": self.signature,
        }

    @classmethod
    def from_dict(cls, obj: object) -> Receipt:
        if not isinstance(obj, dict):
            raise ReceiptInvalid("a receipt is a JSON object")
        _fields(obj, cls._SPEC, ReceiptInvalid)
        return cls(
            record_id=obj["record_id"],
            envelope_digest=obj["envelope_digest"],
            received_at=obj["received_at"],
            intake_id=obj["intake_id"],
            signature=obj["signature"],
        )


def make_receipt(
    record_id: str,
    envelope_digest: str,
    server_signing_key: nacl.signing.SigningKey,
    *,
    received_at: str,
) -> Receipt:
    """Deterministic (Ed25519): the same stored record always yields the same receipt."""
    statement = sign_statement(
        "receipt",
        {
            "record_id": record_id,
            "envelope_digest": envelope_digest,
            "received_at": received_at,
            "intake_id": intake_id_for(server_signing_key.verify_key),
        },
        server_signing_key,
    )
    return Receipt.from_dict(statement)


def verify_receipt(
    receipt: Receipt | Mapping[str, Any],
    server_verify_key: nacl.signing.VerifyKey,
    record_id: str,
    envelope_digest: str,
) -> Receipt:
    """Only a receipt that passes here may let the kiosk purge an envelope."""
    parsed = receipt if isinstance(receipt, Receipt) else Receipt.from_dict(dict(receipt))
    try:
        verify_statement(parsed.to_dict(), "receipt", server_verify_key)
    except StatementInvalid as error:
        raise ReceiptInvalid(error.message) from error
    if parsed.intake_id != intake_id_for(server_verify_key):
        raise ReceiptInvalid("the receipt names another intake")
    if parsed.record_id != record_id or parsed.envelope_digest != envelope_digest:
        raise ReceiptInvalid("the receipt is for another record or another envelope")
    return parsed
