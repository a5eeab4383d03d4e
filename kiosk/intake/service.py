"""The intake's decisions, free of HTTP: register kiosks, accept envelopes, sign receipts.

The web app (app.py) and `kiosk intake import` both call this, so an uploaded envelope and one
carried on a USB stick go through the same checks and the same idempotent store.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nacl.exceptions
import nacl.signing

from kiosk.errors import KioskError
from kiosk.intake.appointments import AppointmentLists, serve_request
from kiosk.intake.store import IntakeStore, KioskEntry, NewEnvelope
from kiosk.outbox.bundle import read_bundle
from kiosk.sealing import (
    Clock,
    Envelope,
    Receipt,
    SealingError,
    intake_id_for,
    iso_utc,
    kiosk_id_for,
    make_receipt,
    sign_statement,
    unb64,
    utc_now,
    verify_envelope,
)

log = logging.getLogger("kiosk.intake")

MAX_BATCH = 500
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_LABEL = re.compile(r"[^\x00-\x1f\x7f]{0,80}")


class RegistrationDenied(KioskError):
    code = "intake.registration_denied"


class BadRequest(KioskError):
    code = "intake.bad_request"
    exit_status = 2


def token_digest(token: str) -> str:
    return hashlib.sha256(b"kiosk-enrolment-token\n" + token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Outcome:
    """One record's verdict: stored/duplicate carry a receipt; rejected/resend carry a reason."""

    record_id: str | None
    status: str  # "stored" | "duplicate" | "rejected" | "resend"
    reason: str | None = None
    receipt: Receipt | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"record_id": self.record_id, "status": self.status}
        if self.reason is not None:
            out["reason"] = self.reason
        if self.receipt is not None:
            out["receipt"] = self.receipt.to_dict()
        return out


class IntakeService:
    def __init__(
        self,
        store: IntakeStore,
        server_signing_key: nacl.signing.SigningKey,
        *,
        program_key_id: str,
        enrolment_token_sha256: str,
        clock: Clock = utc_now,
    ) -> None:
        self.store = store
        self._key = server_signing_key
        self._program_key_id = program_key_id
        self._token_sha256 = enrolment_token_sha256
        self._clock = clock
        self.intake_id = intake_id_for(server_signing_key.verify_key)

    # --- kiosks --------------------------------------------------------------------------------

    def register(self, verify_key_b64: object, label: object, token: object) -> dict[str, Any]:
        """Possession of the provisioning file's enrolment token lets a kiosk register its key."""
        if not isinstance(token, str) or not hmac.compare_digest(
            token_digest(token), self._token_sha256
        ):
            raise RegistrationDenied("the enrolment token is not this intake's")
        if not isinstance(label, str) or not _LABEL.fullmatch(label):
            raise BadRequest("the kiosk label must be up to 80 printable characters")
        try:
            verify_key = nacl.signing.VerifyKey(unb64(verify_key_b64, SealingError))
        except (SealingError, nacl.exceptions.ValueError, TypeError) as error:
            raise BadRequest("the kiosk key is not an Ed25519 public key") from error
        kiosk_id = kiosk_id_for(verify_key)
        self.store.register_kiosk(
            KioskEntry(kiosk_id, bytes(verify_key), label, iso_utc(self._clock()))
        )
        log.info("kiosk %s registered", kiosk_id)
        return sign_statement(
            "registration", {"kiosk_id": kiosk_id, "intake_id": self.intake_id}, self._key
        )

    def kiosk_key(self, kiosk_id: str) -> nacl.signing.VerifyKey | None:
        entry = self.store.kiosk(kiosk_id)
        return None if entry is None else nacl.signing.VerifyKey(entry.verify_key)

    # --- envelopes -----------------------------------------------------------------------------

    def _check(self, item: object) -> Envelope | Outcome:
        record_id = item.get("record_id") if isinstance(item, dict) else None
        record_id = record_id if isinstance(record_id, str) else None
        try:
            envelope = Envelope.from_dict(item)
        except SealingError as error:
            # Damaged on the way (or by a bug): the kiosk's supervisor decides what to resend.
            return Outcome(record_id, "resend", error.code)
        verify_key = self.kiosk_key(envelope.kiosk_id)
        if verify_key is None:
            return Outcome(record_id, "rejected", "intake.unknown_kiosk")
        try:
            verify_envelope(envelope, verify_key)
        except SealingError as error:
            return Outcome(record_id, "rejected", error.code)
        if envelope.program_key_id != self._program_key_id:
            return Outcome(record_id, "rejected", "intake.wrong_program_key")
        return envelope

    def accept(self, items: Sequence[object], *, source: str = "upload") -> list[Outcome]:
        """Verify and store a batch; one outcome per item, in order."""
        if len(items) > MAX_BATCH:
            raise BadRequest(f"at most {MAX_BATCH} envelopes per request")
        checked = [self._check(item) for item in items]
        envelopes = [c for c in checked if isinstance(c, Envelope)]
        received_at = iso_utc(self._clock())
        stored = self.store.put_envelopes(
            [
                NewEnvelope(e.record_id, e.kiosk_id, e.digest, e.to_bytes(), received_at, source)
                for e in envelopes
            ]
        )
        by_position = iter(zip(envelopes, stored, strict=True))
        outcomes = []
        for item in checked:
            if isinstance(item, Outcome):
                outcomes.append(item)
                continue
            envelope, record = next(by_position)
            if record.digest != envelope.digest or record.kiosk_id != envelope.kiosk_id:
                outcomes.append(Outcome(envelope.record_id, "rejected", "intake.record_conflict"))
                continue
            receipt = make_receipt(
                record.record_id, record.digest, self._key, received_at=record.received_at
            )
            status = "stored" if record.created else "duplicate"
            outcomes.append(Outcome(envelope.record_id, status, receipt=receipt))
        counts = {s: sum(o.status == s for o in outcomes) for s in ("stored", "duplicate")}
        log.info("batch of %d: %s", len(items), counts)
        return outcomes

    def import_bundle(self, path: Path) -> list[Outcome]:
        bundle = read_bundle(path, self.kiosk_key)
        outcomes: list[Outcome] = []
        envelopes = [e.to_dict() for e in bundle.envelopes]
        for start in range(0, len(envelopes), MAX_BATCH):
            outcomes += self.accept(envelopes[start : start + MAX_BATCH], source="import")
        return outcomes

    # --- liveness ------------------------------------------------------------------------------

    def health(self, nonce: str) -> dict[str, Any]:
        """Echo the caller's nonce under our signature: a captive portal cannot forge this."""
        if not _NONCE.fullmatch(nonce):
            raise BadRequest("the nonce must be 16-128 URL-safe characters")
        return sign_statement(
            "health",
            {"nonce": nonce, "intake_id": self.intake_id, "time": iso_utc(self._clock())},
            self._key,
        )

    def stats(self) -> dict[str, Any]:
        return {**self.store.stats(), "intake_id": self.intake_id}

    # --- appointments --------------------------------------------------------------------------

    @property
    def appointment_lists(self) -> AppointmentLists:
        return AppointmentLists(self.store, self._key)

    def appointments(
        self, *, kiosk_id: str, day: str, site: str, nonce: str, signature: str
    ) -> dict[str, Any]:
        """A day's list for a registered kiosk that signed the request, sealed to that kiosk."""
        known = self.kiosk_key(kiosk_id) if kiosk_id.startswith("k-") else None
        answer = serve_request(
            self.appointment_lists,
            known,
            self._key,
            intake_id=self.intake_id,
            kiosk_id=kiosk_id,
            day=day,
            site=site,
            nonce=nonce,
            signature=signature,
        )
        log.info("appointment list for %s sent to kiosk %s", day, kiosk_id)
        return answer
