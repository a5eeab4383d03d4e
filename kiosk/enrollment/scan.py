"""Prefill from a document reading: fill only empty fields, report disagreements, overwrite none.

What the operator typed always wins; a reading that disagrees becomes a `ScanConflict` for the
screen to show beside the field. Only names, date of birth, a home address and the document's
expiry are taken. The document's sex marker is never used: gender on the card is the applicant's
own designation and needs no proof, so a document must neither fill it nor contradict it.
Document numbers are never kept.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from dataclasses import dataclass

from kiosk.enrollment.model import AddressKind, ApplicantDetails
from kiosk.reading.models import Address, DocumentFields


@dataclass(frozen=True)
class ScanConflict:
    """The reading says `read` where the operator entered `entered`; nothing was changed."""

    field: str
    entered: str
    read: str

    def __repr__(self) -> str:
        return f"ScanConflict({self.field}, <redacted>)"  # reprs end up in logs


@dataclass(frozen=True)
class ScanOutcome:
    """What one reading did: fields filled, conflicts found, and the reading's own checks."""

    filled: tuple[str, ...] = ()
    conflicts: tuple[ScanConflict, ...] = ()
    valid: bool = False
    problems: tuple[str, ...] = ()  # the reading's stable codes (never document text)


def comparable(text: str) -> str:
    """Case, accents, spacing and punctuation ignored: `GARCIA` matches `García`."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c) and c.isalnum())
    return "".join(kept).casefold()


def prefill(
    details: ApplicantDetails, fields: DocumentFields
) -> tuple[ApplicantDetails, tuple[str, ...], tuple[ScanConflict, ...]]:
    """The details with empty fields filled from `fields`, the names filled, and conflicts."""
    changes: dict[str, str] = {}
    conflicts: list[ScanConflict] = []

    def offer(name: str, read: str | None, entered: str | None = None) -> None:
        if read is None or not read.strip():
            return
        current = getattr(details, name) if entered is None else entered
        if not current.strip():
            changes[name] = read.strip()
        elif comparable(current) != comparable(read):
            conflicts.append(ScanConflict(name, current.strip(), read.strip()))

    offer("family_name", fields.family_name)
    # A reading joins all given names; the form splits given and middle names.
    entered_given = " ".join(p for p in (details.given_name, details.middle_name) if p.strip())
    offer("given_name", fields.given_names, entered_given)
    offer("dob", None if fields.birth_date is None else fields.birth_date.isoformat())
    if details.address_kind is AddressKind.HOME and fields.address is not None:
        _offer_address(details, fields.address, changes, conflicts)
    updated = dataclasses.replace(details, **changes) if changes else details  # type: ignore[arg-type]
    return updated, tuple(changes), tuple(conflicts)


def _offer_address(
    details: ApplicantDetails,
    address: Address,
    changes: dict[str, str],
    conflicts: list[ScanConflict],
) -> None:
    """A whole address is filled when none was typed; otherwise typed parts are compared."""
    read = {
        "street": address.street,
        "city": address.city,
        "state": address.state,
        "postal_code": None if address.postal_code is None else address.postal_code[:5],
    }
    typed_nothing = not (details.street.strip() or details.postal_code.strip())
    for name, value in read.items():
        if value is None or not value.strip():
            continue
        current = getattr(details, name)
        if not current.strip():
            if typed_nothing:
                changes[name] = value.strip()
        elif comparable(current) != comparable(value):
            conflicts.append(ScanConflict(name, current.strip(), value.strip()))
