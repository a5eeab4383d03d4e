"""The four kinds of path a program can offer, checked against what the applicant brought.

Each check returns whether the path is met, the card address it leads to, and a `Shortfall`
(what is still lacking, as numbers) that `explanations.py` turns into sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from kiosk.rules.documents import Counted
from kiosk.rules.models import (
    CARD_ADDRESS_PRIVACY,
    AgencyPath,
    AgencyVerification,
    CardAddress,
    CaretakerPath,
    Path,
    RelationshipDocument,
    SingleDocumentPath,
    ThresholdPath,
)


@dataclass(frozen=True)
class Pool:
    """Everything that counts for one applicant after the per-document checks."""

    age: int
    applicant: tuple[Counted, ...]
    relationships: tuple[RelationshipDocument, ...]
    caretaker: tuple[Counted, ...]
    caretaker_present: bool
    attestation: bool
    agencies: tuple[AgencyVerification, ...]
    needs_caretaker: bool

    @property
    def identity_points(self) -> int:
        return sum(c.identity_points for c in self.applicant) + sum(
            a.identity_points for a in self.agencies
        )

    @property
    def residency_points(self) -> int:
        return sum(c.residency_points for c in self.applicant) + sum(
            a.residency_points for a in self.agencies
        )

    @property
    def has_photo_id(self) -> bool:
        return any(c.has_photo for c in self.applicant) or any(a.photo_id for a in self.agencies)

    @property
    def has_dob_proof(self) -> bool:
        return (
            any(c.has_dob for c in self.applicant)
            or any(a.dob_proof for a in self.agencies)
            or any(r.establishes_dob for r in self.relationships)
        )


@dataclass(frozen=True)
class Shortfall:
    """What a path still lacks; every field at its default means nothing is missing."""

    identity_points: int = 0
    identity_documents: int = 0
    identity_tiers: tuple[str, ...] = ()
    photo_id: bool = False
    dob_proof: bool = False
    photo_and_dob_same_document: bool = False
    residency_points: int = 0
    caretaker: bool = False
    relationship: bool = False
    caretaker_identity_points: int = 0
    caretaker_photo_id: bool = False
    caretaker_residency: bool = False
    attestation: bool = False
    agency_photo_id: str | None = None

    @property
    def size(self) -> int:
        """How many separate things are missing (to pick the closest path to suggest)."""
        return sum(1 for f in fields(self) if f.name != "identity_tiers" and getattr(self, f.name))


@dataclass(frozen=True)
class PathOutcome:
    path: Path
    met: bool
    card_address: CardAddress | None
    shortfall: Shortfall


def most_private(addresses: Iterable[CardAddress]) -> CardAddress | None:
    ordered = sorted(addresses, key=lambda a: CARD_ADDRESS_PRIVACY[a])
    return ordered[-1] if ordered else None


def check_path(path: Path, pool: Pool) -> PathOutcome:
    if isinstance(path, SingleDocumentPath):
        met = not pool.needs_caretaker and any(c.single_document for c in pool.applicant)
        return PathOutcome(path, met, "home" if met else None, Shortfall())
    if isinstance(path, ThresholdPath):
        return _threshold(path, pool)
    if isinstance(path, CaretakerPath):
        return _caretaker(path, pool)
    return _agency(path, pool)


def _applicant_card_address(pool: Pool) -> CardAddress | None:
    addresses = [c.card_address for c in pool.applicant if c.residency_points > 0]
    addresses += [a.card_address or "home" for a in pool.agencies if a.residency_points > 0]
    return most_private(addresses)


def _threshold(path: ThresholdPath, pool: Pool) -> PathOutcome:
    identity = [
        c
        for c in pool.applicant
        if c.type.is_identity and (not path.identity_tiers or c.type.tier in path.identity_tiers)
    ]
    agencies = [] if path.identity_tiers else list(pool.agencies)
    points = sum(c.identity_points for c in identity) + sum(a.identity_points for a in agencies)
    documents = len(identity) + sum(1 for a in agencies if a.identity_points > 0)
    photo = any(c.has_photo for c in identity) or any(a.photo_id for a in agencies)
    dob = any(c.has_dob for c in identity) or any(a.dob_proof for a in agencies)
    same = any(c.has_photo and c.has_dob for c in identity) or any(
        a.photo_id and a.dob_proof for a in agencies
    )
    photo_needed = path.photo_id and pool.age >= path.photo_id_min_age
    shortfall = Shortfall(
        identity_points=max(0, path.identity_points - points),
        identity_documents=max(0, path.identity_documents - documents),
        identity_tiers=path.identity_tiers,
        photo_id=photo_needed and not photo,
        dob_proof=path.dob_proof and not dob,
        photo_and_dob_same_document=(
            path.photo_and_dob_same_document and photo and dob and not same
        ),
        residency_points=max(0, path.residency_points - pool.residency_points),
    )
    met = shortfall.size == 0 and not pool.needs_caretaker
    address = _applicant_card_address(pool) if met else None
    return PathOutcome(path, met, address or ("home" if met else None), shortfall)


def _caretaker(path: CaretakerPath, pool: Pool) -> PathOutcome:
    applicant_points = pool.identity_points
    caretaker_points = sum(c.identity_points for c in pool.caretaker)
    caretaker_photo = any(c.has_photo for c in pool.caretaker)
    own_residency = pool.residency_points >= path.residency_points
    caretaker_residency = (
        path.caretaker_residency_with_attestation
        and sum(c.residency_points for c in pool.caretaker) >= path.residency_points
    )
    shortfall = Shortfall(
        caretaker=not pool.caretaker_present,
        relationship=not pool.relationships,
        identity_points=max(0, path.applicant_identity_points - applicant_points),
        dob_proof=not pool.has_dob_proof,
        caretaker_identity_points=max(0, path.caretaker_identity_points - caretaker_points),
        caretaker_photo_id=path.caretaker_photo_id and not caretaker_photo,
        caretaker_residency=not own_residency and not caretaker_residency,
        attestation=not own_residency and caretaker_residency and not pool.attestation,
    )
    met = shortfall.size == 0
    address: CardAddress | None = None
    if met:
        address = _applicant_card_address(pool) if own_residency else "home"
    return PathOutcome(path, met, address, shortfall)


def _agency(path: AgencyPath, pool: Pool) -> PathOutcome:
    qualifying = [
        a for a in pool.agencies if a.qualifies and (a.waives_caretaker or not pool.needs_caretaker)
    ]
    for agency in qualifying:
        if not agency.requires_photo_id or pool.has_photo_id:
            return PathOutcome(path, True, agency.card_address or "home", Shortfall())
    missing_photo = qualifying[0].name if qualifying else None
    return PathOutcome(path, False, None, Shortfall(agency_photo_id=missing_photo))
