"""The application as entered: immutable values the flow replaces on every intent.

Typed-in fields (names, dates, numbers, addresses) are kept as the text the operator typed, so
a failed validation never loses input; `validation.py` parses them and `record.py` turns them
into the sealed record. Choices are enums. Every field is here on purpose: the kiosk never
asks about a person's status (DESIGN.md, "Who uses it"), so nothing here asks or stands in for it.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.capture.photo import CardPhoto
from kiosk.enrollment.errors import UnknownField
from kiosk.enrollment.languages import LanguageChoice
from kiosk.errors import InvalidInput
from kiosk.reading.evidence import DocumentEvidence
from kiosk.rules import PresentedDocument


class ApplicationType(StrEnum):
    NEW = "new"
    RENEWAL = "renewal"
    REPLACEMENT = "replacement"
    UPDATE = "update"


class Gender(StrEnum):
    """Self-designated, no proof asked (IDNYC since January 2019)."""

    F = "F"
    M = "M"
    X = "X"
    NOT_DESIGNATED = "not_designated"


class EyeColour(StrEnum):
    BROWN = "brown"
    HAZEL = "hazel"
    BLACK = "black"
    BLUE = "blue"
    GREEN = "green"
    GRAY = "gray"
    MULTICOLOR = "multicolor"


class AddressKind(StrEnum):
    """What the card shows; the values are the rules engine's `card_address` values."""

    HOME = "home"
    NONE = "none"  # no address on the card (homeless applicants, survivors of violence)
    CARE_OF = "care_of"  # care of an organization that serves the applicant
    PO_BOX = "po_box"


class DocumentOwner(StrEnum):
    APPLICANT = "applicant"
    CARETAKER = "caretaker"


@dataclass(frozen=True)
class ApplicantDetails:
    """Step 2, flat so that every field has one name for widgets, intents and problems.

    Names take any script and are stored NFC-normalised; nothing assumes ASCII or a
    given-name/family-name order. Phone and email are for program contact only.
    """

    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    dob: str = ""  # ISO YYYY-MM-DD as typed
    gender: Gender | None = None
    height_feet: str = ""
    height_inches: str = ""
    eye_colour: EyeColour | None = None
    address_kind: AddressKind = AddressKind.HOME
    care_of: str = ""  # the organization's name, for a care-of address
    po_box: str = ""  # the box number, for a P.O. box
    street: str = ""
    unit: str = ""
    city: str = ""
    state: str = "NY"
    postal_code: str = ""
    phone: str = ""
    email: str = ""
    emergency_name: str = ""
    emergency_phone: str = ""
    emergency_relationship: str = ""
    veteran: bool = False
    organ_donor: bool = False

    def __repr__(self) -> str:
        return "ApplicantDetails(<redacted>)"  # reprs end up in logs and crash reports


DETAIL_FIELDS: frozenset[str] = frozenset(f.name for f in dataclasses.fields(ApplicantDetails))
TEXT_FIELDS: frozenset[str] = frozenset(
    f.name for f in dataclasses.fields(ApplicantDetails) if f.type == "str"
)
ADDRESS_FIELDS = ("street", "unit", "city", "state", "postal_code")


BOOL_FIELDS = frozenset({"veteran", "organ_donor"})
_ENUM_FIELDS: dict[str, type[Gender] | type[EyeColour] | type[AddressKind]] = {
    "gender": Gender,
    "eye_colour": EyeColour,
    "address_kind": AddressKind,
}


def details_with(details: ApplicantDetails, fields: Mapping[str, object]) -> ApplicantDetails:
    """`details` with `fields` set by name; text is cleaned but otherwise kept as typed."""
    unknown = set(fields) - DETAIL_FIELDS
    if unknown:
        raise UnknownField(f"not applicant-details fields: {sorted(unknown)}")
    values = {name: _coerce(name, value) for name, value in fields.items()}
    return dataclasses.replace(details, **values)  # type: ignore[arg-type]


def _coerce(name: str, value: object) -> object:
    """Check an update_details value's type; enum fields take the enum or its value."""
    if name in TEXT_FIELDS:
        if not isinstance(value, str):
            raise InvalidInput(f"{name} takes text")
        return clean_text(value)
    if name in BOOL_FIELDS:
        if not isinstance(value, bool):
            raise InvalidInput(f"{name} takes True or False")
        return value
    enum = _ENUM_FIELDS[name]
    if value is None and name != "address_kind":
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} takes one of {[e.value for e in enum]}")
    try:
        return enum(value)
    except ValueError:
        raise InvalidInput(f"{name} takes one of {[e.value for e in enum]}") from None


def clean_text(value: str) -> str:
    """NFC, no control characters; inner spacing kept as typed, ends stripped on read."""
    normalised = unicodedata.normalize("NFC", value)
    return "".join(c for c in normalised if unicodedata.category(c) != "Cc")


@dataclass(frozen=True)
class DocumentEntry:
    """A document the operator examined; `evidence` is what a reading of it left, if any."""

    presented: PresentedDocument = field(repr=False)
    owner: DocumentOwner = DocumentOwner.APPLICANT
    evidence: DocumentEvidence | None = field(default=None, repr=False)

    @property
    def key(self) -> tuple[str, DocumentOwner]:
        return (self.presented.id, self.owner)


@dataclass(frozen=True)
class Application:
    application_type: ApplicationType | None = None
    languages: tuple[LanguageChoice, ...] = ()
    details: ApplicantDetails = ApplicantDetails()
    documents: tuple[DocumentEntry, ...] = ()
    caretaker_chosen: bool = False  # "applying with a caretaker", whatever the age
    caretaker_attestation: bool = False  # the caretaker's signed statement of shared residence
    agency_verifications: tuple[str, ...] = ()
    photo: CardPhoto | None = field(default=None, repr=False)
    attested: bool = False  # the operator's tick on the confirmation step

    def __repr__(self) -> str:
        return "Application(<redacted>)"  # reprs end up in logs and crash reports

    def documents_of(self, owner: DocumentOwner) -> tuple[DocumentEntry, ...]:
        return tuple(d for d in self.documents if d.owner is owner)

    @property
    def is_empty(self) -> bool:
        return self == EMPTY_APPLICATION


EMPTY_APPLICATION = Application()


@dataclass(frozen=True)
class Submitted:
    """What the receipt needs, and all the flow keeps after submit: no applicant data."""

    application_number: str
    record_id: str
    submitted_at: datetime
    card_mailed: bool = True  # False: no address on the card, it is collected at the center
