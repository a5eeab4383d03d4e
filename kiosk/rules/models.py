"""The typed, immutable shape of a program file and of what the operator presents.

Everything here is data: the engine in `evaluation.py` reads these objects and never needs to
know which city a program belongs to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from kiosk.rules.errors import UnknownAgencyVerification, UnknownDocument

CardAddress = Literal["home", "none", "care_of", "po_box"]
CARD_ADDRESSES: tuple[CardAddress, ...] = ("home", "none", "care_of", "po_box")
Evidence = Literal["attest", "metadata", "image"]
EVIDENCE_KINDS: tuple[Evidence, ...] = ("attest", "metadata", "image")
WindowKind = Literal["none", "days", "current", "april_15_next_year"]
WINDOW_KINDS: tuple[WindowKind, ...] = ("none", "days", "current", "april_15_next_year")

# When several residency documents qualify, the card shows the most private address:
# an applicant who brought a domestic-violence letter must never get a home address by accident.
CARD_ADDRESS_PRIVACY: Mapping[CardAddress, int] = MappingProxyType(
    {"home": 0, "care_of": 1, "po_box": 2, "none": 3}
)


@dataclass(frozen=True)
class DateWindow:
    """How recent a document must be: `days` after its date, `current` (a term), or April 15."""

    kind: WindowKind
    days: int | None = None


NO_WINDOW = DateWindow("none")


@dataclass(frozen=True)
class DocumentType:
    """One kind of document the program accepts, and what it is worth."""

    id: str
    name: str
    short_name: str
    identity_points: int = 0
    residency_points: int = 0
    tier: str | None = None
    has_photo: bool = False
    photo_conditional: bool = False
    has_dob: bool = False
    dob_conditional: bool = False
    single_document: bool = False
    must_be_unexpired: bool = False
    expired_grace_days: int | None = None
    expired_counts_as: str | None = None
    expired_accepted_with: tuple[str, ...] = ()
    window: DateWindow = NO_WINDOW
    requires_area_address: bool = False
    without_area_address_counts_as: str | None = None
    card_address: CardAddress = "home"
    requires_caretaker: bool = False
    requires_any_of: tuple[str, ...] = ()

    @property
    def is_identity(self) -> bool:
        return self.identity_points > 0 or self.tier is not None

    @property
    def is_residency(self) -> bool:
        return self.residency_points > 0

    @property
    def checks_expiry(self) -> bool:
        """Whether `expires` matters: the document must be valid, or is valid for a grace period."""
        return self.must_be_unexpired or self.expired_grace_days is not None

    @property
    def needs(self) -> tuple[str, ...]:
        """The instance attributes that matter for this document (shown by `rules list`)."""
        wanted: list[str] = []
        if self.checks_expiry or self.window.kind == "current":
            wanted.append("expires")
        if self.window.kind in ("days", "april_15_next_year"):
            wanted.append("dated")
        if self.requires_area_address:
            wanted.append("nyc_address")
        return tuple(wanted)


@dataclass(frozen=True)
class RelationshipDocument:
    """A proof of the caretaker's relationship to the applicant; no points, it opens a path."""

    id: str
    name: str
    short_name: str
    applicant_age_max: int | None = None
    establishes_dob: bool = False
    window: DateWindow = NO_WINDOW

    @property
    def needs(self) -> tuple[str, ...]:
        return ("dated",) if self.window.kind == "days" else ()


@dataclass(frozen=True)
class AgencyVerification:
    """A verification recorded by the operator (an agency confirmed identity and/or residency)."""

    id: str
    name: str
    qualifies: bool = False
    identity_points: int = 0
    residency_points: int = 0
    photo_id: bool = False
    dob_proof: bool = False
    requires_photo_id: bool = False
    waives_caretaker: bool = False
    card_address: CardAddress | None = None


@dataclass(frozen=True)
class SingleDocumentPath:
    """One document that proves everything (e.g. IDNYC's 4-point documents)."""

    id: str


@dataclass(frozen=True)
class ThresholdPath:
    """Enough identity (points or documents) plus residency, with photo and DOB among them."""

    id: str
    identity_points: int = 0
    identity_documents: int = 0
    identity_tiers: tuple[str, ...] = ()
    residency_points: int = 0
    photo_id: bool = False
    photo_id_min_age: int = 0
    dob_proof: bool = False
    photo_and_dob_same_document: bool = False


@dataclass(frozen=True)
class CaretakerPath:
    """The applicant comes with a caretaker who proves the relationship and their own identity."""

    id: str
    applicant_identity_points: int = 0
    caretaker_identity_points: int = 0
    caretaker_photo_id: bool = True
    residency_points: int = 1
    caretaker_residency_with_attestation: bool = True


@dataclass(frozen=True)
class AgencyPath:
    """A qualifying agency verification recorded by the operator."""

    id: str


Path = SingleDocumentPath | ThresholdPath | CaretakerPath | AgencyPath


@dataclass(frozen=True)
class AgeRules:
    minimum: int = 0
    caretaker_below: int | None = None


@dataclass(frozen=True)
class Area:
    """Where residents live: a name for messages and the postal codes that belong to it."""

    name: str
    postal_codes: frozenset[str] = frozenset()

    def contains(self, postal_code: str) -> bool:
        return postal_code.strip()[:5] in self.postal_codes


@dataclass(frozen=True)
class PhotoSpec:
    """What the card photo must look like (used by capture/ for cropping and checks)."""

    aspect_width: float
    aspect_height: float
    face_height_min: float
    face_height_max: float
    output_width: int
    output_height: int

    @property
    def aspect_ratio(self) -> float:
        """Width divided by height (IDNYC 2:2.5 gives 0.8)."""
        return self.aspect_width / self.aspect_height


@dataclass(frozen=True)
class CardSpec:
    validity_years: int
    minor_validity_years: int | None = None
    minor_below_age: int | None = None

    def validity_years_for(self, age: int) -> int:
        if (
            self.minor_validity_years is not None
            and self.minor_below_age is not None
            and age < self.minor_below_age
        ):
            return self.minor_validity_years
        return self.validity_years


@dataclass(frozen=True)
class Suggestions:
    """Curated document ids to name in "missing" hints, most common first."""

    identity: tuple[str, ...] = ()
    photo_id: tuple[str, ...] = ()
    dob_proof: tuple[str, ...] = ()
    residency: tuple[str, ...] = ()


@dataclass(frozen=True)
class Program:
    """One program file, validated; `content_hash` is the sha256 of the file's bytes."""

    id: str
    name: str
    version: str
    content_hash: str
    file_name: str
    evidence: Evidence
    photo: PhotoSpec
    card: CardSpec | None
    age: AgeRules
    area: Area
    residency_window_days: int
    tiers: Mapping[str, str]
    documents: tuple[DocumentType, ...]
    relationship_documents: tuple[RelationshipDocument, ...]
    agency_verifications: tuple[AgencyVerification, ...]
    paths: tuple[Path, ...]
    suggestions: Suggestions
    _documents: Mapping[str, DocumentType] = field(init=False, repr=False, compare=False)
    _relationships: Mapping[str, RelationshipDocument] = field(
        init=False, repr=False, compare=False
    )
    _agencies: Mapping[str, AgencyVerification] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_documents", {d.id: d for d in self.documents})
        object.__setattr__(self, "_relationships", {d.id: d for d in self.relationship_documents})
        object.__setattr__(self, "_agencies", {a.id: a for a in self.agency_verifications})

    def document(self, doc_id: str) -> DocumentType:
        try:
            return self._documents[doc_id]
        except KeyError:
            raise UnknownDocument(
                f"unknown document id {doc_id!r} for program {self.id} (see `kiosk rules list`)",
                doc=doc_id,
            ) from None

    def relationship_document(self, doc_id: str) -> RelationshipDocument | None:
        return self._relationships.get(doc_id)

    def is_relationship_document(self, doc_id: str) -> bool:
        return doc_id in self._relationships

    def agency_verification(self, agency_id: str) -> AgencyVerification:
        try:
            return self._agencies[agency_id]
        except KeyError:
            raise UnknownAgencyVerification(
                f"unknown agency verification {agency_id!r} for program {self.id}"
                " (see `kiosk rules list`)",
                agency=agency_id,
            ) from None

    def name_of(self, doc_id: str) -> str:
        """The short display name of a document or relationship document id."""
        relationship = self._relationships.get(doc_id)
        if relationship is not None:
            return relationship.short_name
        return self.document(doc_id).short_name


@dataclass(frozen=True)
class PresentedDocument:
    """One document the operator examined, with what they read from it.

    `local_address` is the CLI's `nyc_address`: whether the address shown is inside the
    program's area. `postal_code`, when known (e.g. from a scanned licence), is checked against
    the area's postal codes. `photo`/`dob` only matter for documents whose photo or date of
    birth is conditional ("counts as photo ID if it bears a photo").
    """

    id: str
    expires: date | None = None
    dated: date | None = None
    local_address: bool | None = None
    postal_code: str | None = None
    photo: bool | None = None
    dob: bool | None = None
