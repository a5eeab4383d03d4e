"""The intake's appointment lists: loaded by the program office, served to registered kiosks.

Lists are kept per site and day, encrypted at rest with a key derived from the server signing key
(the intake's store otherwise holds only sealed envelopes, and a database backup or a shared
PostgreSQL should not become a list of names). Lists older than RETENTION_DAYS are deleted when
a new one is loaded. Only a kiosk whose key is registered gets a list, sealed to that kiosk.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import nacl.exceptions
import nacl.secret
import nacl.signing

from kiosk.appointments import wire
from kiosk.appointments.csvfile import only_day, parse_csv
from kiosk.appointments.errors import RowProblem
from kiosk.errors import KioskError
from kiosk.intake.store import IntakeStore, StoreError
from kiosk.sealing import SealingError, canonical_json

RETENTION_DAYS = 7
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,128}")
_SITE = re.compile(r"[^\x00-\x1f\x7f]{0,80}")
_KIOSK_ID = re.compile(r"k-[0-9a-f]{20}")


class NotAuthorised(KioskError):
    """The caller is not a registered kiosk, or did not sign its request with its key."""

    code = "intake.not_authorised"


class BadAppointmentRequest(KioskError):
    code = "intake.bad_request"
    exit_status = 2


@dataclass(frozen=True)
class ListImport:
    site: str
    day: date
    created: int
    updated: int
    unchanged: int
    problems: tuple[RowProblem, ...]
    warnings: tuple[str, ...]
    ignored_columns: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "site": self.site,
            "date": self.day.isoformat(),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.to_dict() for p in self.problems],
            "warnings": list(self.warnings),
            "ignored_columns": list(self.ignored_columns),
        }


def _box(signing_key: nacl.signing.SigningKey) -> nacl.secret.SecretBox:
    seed = bytes(signing_key)
    return nacl.secret.SecretBox(
        hashlib.sha256(b"kiosk-intake-appointments-at-rest\n" + seed).digest()
    )


def check_site(site: str) -> str:
    if not _SITE.fullmatch(site):
        raise BadAppointmentRequest("a site name is up to 80 printable characters")
    return site


class AppointmentLists:
    def __init__(self, store: IntakeStore, signing_key: nacl.signing.SigningKey) -> None:
        self._store = store
        self._box = _box(signing_key)

    def rows(self, site: str, day: date) -> list[wire.Row]:
        sealed = self._store.appointment_list(site, day.isoformat())
        if sealed is None:
            return []
        try:
            rows: list[wire.Row] = json.loads(self._box.decrypt(sealed))["rows"]
        except (nacl.exceptions.CryptoError, ValueError, KeyError) as error:
            raise StoreError("a stored appointment list cannot be read") from error
        return rows

    def import_csv(self, data: bytes, *, site: str, day: date, today: date, now: str) -> ListImport:
        """Merge the file's rows for `day` into the stored list by confirmation code."""
        parsed = only_day(parse_csv(data, today), day)
        by_code = {row["confirmation_code"]: row for row in self.rows(check_site(site), day)}
        created = updated = unchanged = 0
        for row in parsed.rows:
            new = row.to_wire()
            old = by_code.get(row.code)
            if old is None:
                created += 1
            elif old == new:
                unchanged += 1
            else:
                updated += 1
            by_code[row.code] = new
        rows = sorted(by_code.values(), key=lambda r: (r["time"], r["confirmation_code"]))
        sealed = self._box.encrypt(canonical_json({"rows": rows}))
        self._store.put_appointment_list(site, day.isoformat(), bytes(sealed), now)
        self._store.purge_appointment_lists((today - timedelta(days=RETENTION_DAYS)).isoformat())
        return ListImport(
            site,
            day,
            created,
            updated,
            unchanged,
            parsed.problems,
            parsed.warnings,
            parsed.ignored_columns,
        )


def serve_request(
    lists: AppointmentLists,
    kiosk_key: nacl.signing.VerifyKey | None,
    signing_key: nacl.signing.SigningKey,
    *,
    intake_id: str,
    kiosk_id: str,
    day: str,
    site: str,
    nonce: str,
    signature: str,
) -> dict[str, Any]:
    """The signed answer with the list sealed to the kiosk; NotAuthorised for anyone else."""
    if not _NONCE.fullmatch(nonce) or not _KIOSK_ID.fullmatch(kiosk_id):
        raise BadAppointmentRequest("the kiosk id or nonce is malformed")
    try:
        wanted = date.fromisoformat(day)
    except ValueError as error:
        raise BadAppointmentRequest("the date must be YYYY-MM-DD") from error
    check_site(site)
    if kiosk_key is None:
        raise NotAuthorised("this kiosk is not registered with the intake")
    try:
        wire.verify_request(
            kiosk_key, kiosk_id=kiosk_id, day=day, site=site, nonce=nonce, signature=signature
        )
    except SealingError as error:
        raise NotAuthorised("the request is not signed by the registered kiosk key") from error
    sealed = wire.seal_rows(lists.rows(site, wanted), kiosk_key)
    return wire.answer(
        signing_key,
        intake_id=intake_id,
        kiosk_id=kiosk_id,
        day=day,
        site=site,
        nonce=nonce,
        sealed=sealed,
    )
