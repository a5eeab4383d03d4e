"""Immutable results of reading a document, and their `kiosk scan --json` shape.

A `ReadResult` is what every reader (MRZ, AAMVA, wedge text, camera image) returns, so the GUI,
the CLI and the evidence policy see one type. It carries only what prefill and checking need:
deliberately no fields for anything like immigration or citizenship status, and no raw text.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class ReadKind(enum.StrEnum):
    MRZ = "mrz"
    AAMVA = "aamva"


class DocumentClass(enum.StrEnum):
    """A coarse class of document, the most the `metadata` evidence policy records.

    Visas and other travel documents share `OTHER_TRAVEL_DOCUMENT`: a record saying "visa"
    would hint at a person's status, which the kiosk never records or infers.
    """

    PASSPORT = "passport"
    IDENTITY_CARD = "identity_card"
    DRIVER_LICENSE = "driver_license"
    OTHER_TRAVEL_DOCUMENT = "other_travel_document"


@dataclass(frozen=True, slots=True, repr=False)
class Address:
    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "street": self.street,
            "city": self.city,
            "state": self.state,
            "postal_code": self.postal_code,
            "country": self.country,
        }

    def __repr__(self) -> str:
        return "Address(<redacted>)"  # reprs end up in logs and crash reports


@dataclass(frozen=True, slots=True, repr=False)
class DocumentFields:
    """The prefill fields of DESIGN.md's scan contract; `None` when the document lacks one."""

    family_name: str | None = None
    given_names: str | None = None
    birth_date: date | None = None
    expiry_date: date | None = None
    sex: str | None = None  # "M", "F" or "X"
    document_number: str | None = None
    nationality: str | None = None  # MRZ only, the code as printed
    address: Address | None = None  # AAMVA only

    def to_json(self, kind: ReadKind) -> dict[str, Any]:
        out: dict[str, Any] = {
            "family_name": self.family_name,
            "given_names": self.given_names,
            "birth_date": _iso(self.birth_date),
            "expiry_date": _iso(self.expiry_date),
            "sex": self.sex,
            "document_number": self.document_number,
        }
        if kind is ReadKind.MRZ:
            out["nationality"] = self.nationality
        if kind is ReadKind.AAMVA and self.address is not None:
            out["address"] = self.address.to_json()
        return out

    def __repr__(self) -> str:
        return "DocumentFields(<redacted>)"  # reprs end up in logs and crash reports


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One reading. `valid` is False whenever any check failed; `problems` says which.

    `problems` holds stable codes such as "check_digit.birth_date" or "date.expiry_date",
    never document text, so it may be logged and shown to staff.
    `document_class` and `issuer` (issuing state or country code) exist for the `metadata`
    evidence policy; they are not part of the scan JSON.
    """

    kind: ReadKind | None
    valid: bool
    fields: DocumentFields | None = None
    document_format: str | None = None  # "TD1", "TD2", "TD3", "MRV-A", "MRV-B", "AAMVA-09"...
    document_class: DocumentClass | None = None
    issuer: str | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        """Exactly the `kiosk scan --json` object of DESIGN.md."""
        if self.kind is None or self.fields is None:
            return {
                "kind": None if self.kind is None else str(self.kind),
                "valid": False,
                "fields": {},
            }
        return {
            "kind": str(self.kind),
            "valid": self.valid,
            "fields": self.fields.to_json(self.kind),
        }


NOTHING_READ = ReadResult(kind=None, valid=False, problems=("nothing_found",))


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
