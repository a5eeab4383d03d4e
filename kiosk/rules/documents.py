"""Checks on one presented document: expiry and grace, date windows, area address, companions.

A document that fails a check may still count as a lesser document the program names
(an expired passport as "passport expired up to 3 years", a licence without a local address as
an identity-only licence): such fallbacks are data (`expired_counts_as`,
`without_area_address_counts_as`), never code.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from kiosk.rules import texts
from kiosk.rules.models import (
    CardAddress,
    DateWindow,
    DocumentType,
    PresentedDocument,
    Program,
    RelationshipDocument,
)


@dataclass(frozen=True)
class Counted:
    """A presented document as it counts after all checks."""

    presented_id: str
    type: DocumentType
    identity_points: int
    residency_points: int
    has_photo: bool
    has_dob: bool
    single_document: bool
    card_address: CardAddress


@dataclass(frozen=True)
class Assessment:
    counted: Counted | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class _Fallback:
    target: str
    reason: str


def assess_document(
    program: Program,
    presented: PresentedDocument,
    today: date,
    *,
    presented_ids: Collection[str],
    caretaker_present: bool,
) -> Assessment:
    """Decide whether and how one document counts; reasons explain anything less than full."""
    doc_type = program.document(presented.id)
    reasons: list[str] = []
    while True:
        outcome = _check(
            program,
            doc_type,
            presented,
            today,
            presented_ids=presented_ids,
            caretaker_present=caretaker_present,
        )
        if isinstance(outcome, _Fallback):
            doc_type = program.document(outcome.target)
            reasons.append(f"{outcome.reason} {texts.counted_as(doc_type.short_name)}")
            continue
        if isinstance(outcome, str):
            return Assessment(None, (*reasons, outcome))
        return Assessment(outcome[0], (*reasons, *outcome[1]))


def assess_relationship(
    document: RelationshipDocument, presented: PresentedDocument, today: date, age: int
) -> str | None:
    """None when the relationship document is valid for this applicant today, else why not."""
    if document.applicant_age_max is not None and age > document.applicant_age_max:
        return texts.relationship_age_band(document.applicant_age_max)
    return _window_problem(document.window, presented, today)


def _check(
    program: Program,
    doc_type: DocumentType,
    presented: PresentedDocument,
    today: date,
    *,
    presented_ids: Collection[str],
    caretaker_present: bool,
) -> tuple[Counted, tuple[str, ...]] | _Fallback | str:
    """One round of checks on `doc_type`: a count, a fallback to another type, or a reason."""
    problem = _validity_problem(
        program,
        doc_type,
        presented,
        today,
        presented_ids=presented_ids,
        caretaker_present=caretaker_present,
    )
    if problem is not None:
        return problem
    counted = Counted(
        presented_id=presented.id,
        type=doc_type,
        identity_points=doc_type.identity_points,
        residency_points=doc_type.residency_points,
        has_photo=doc_type.has_photo and (not doc_type.photo_conditional or bool(presented.photo)),
        has_dob=doc_type.has_dob and (not doc_type.dob_conditional or bool(presented.dob)),
        single_document=doc_type.single_document,
        card_address=doc_type.card_address,
    )
    return _with_area_check(program, doc_type, presented, counted)


def _validity_problem(
    program: Program,
    doc_type: DocumentType,
    presented: PresentedDocument,
    today: date,
    *,
    presented_ids: Collection[str],
    caretaker_present: bool,
) -> _Fallback | str | None:
    unmet = _unmet_condition(program, doc_type, presented_ids, caretaker_present)
    if unmet is not None:
        return unmet
    expiry = _expiry_problem(doc_type, presented, today, presented_ids)
    if expiry is not None:
        if doc_type.expired_counts_as is not None and presented.expires is not None:
            return _Fallback(doc_type.expired_counts_as, expiry)
        return expiry
    return _window_problem(doc_type.window, presented, today)


def _with_area_check(
    program: Program, doc_type: DocumentType, presented: PresentedDocument, counted: Counted
) -> tuple[Counted, tuple[str, ...]] | _Fallback | str:
    """Residency needs an address in the area; without it a document may still prove identity."""
    outside = _area_problem(program, doc_type, presented)
    if outside is None:
        return counted, ()
    if doc_type.without_area_address_counts_as is not None:
        return _Fallback(doc_type.without_area_address_counts_as, outside)
    if doc_type.is_identity:
        identity_only = replace(counted, residency_points=0, single_document=False)
        return identity_only, (texts.identity_only(program.area.name),)
    return outside


def _unmet_condition(
    program: Program,
    doc_type: DocumentType,
    presented_ids: Collection[str],
    caretaker_present: bool,
) -> str | None:
    if doc_type.requires_caretaker and not caretaker_present:
        return texts.needs_caretaker()
    if doc_type.requires_any_of and not any(i in presented_ids for i in doc_type.requires_any_of):
        return texts.needs_companion(
            ", ".join(program.name_of(i) for i in doc_type.requires_any_of)
        )
    return None


def _expiry_problem(
    doc_type: DocumentType,
    presented: PresentedDocument,
    today: date,
    presented_ids: Collection[str],
) -> str | None:
    if not doc_type.checks_expiry:
        return None
    if presented.expires is None:
        return texts.expiry_needed()
    grace = doc_type.expired_grace_days
    days_expired = (today - presented.expires).days
    accepted = days_expired <= (grace or 0) or any(
        i in presented_ids for i in doc_type.expired_accepted_with
    )
    if accepted:
        return None
    if grace is not None:
        return texts.expired_too_long(presented.expires.isoformat(), grace)
    return texts.expired(presented.expires.isoformat())


def _window_problem(window: DateWindow, presented: PresentedDocument, today: date) -> str | None:
    if window.kind == "none":
        return None
    if window.kind == "current":
        return _term_problem(presented, today)
    dated = presented.dated
    if dated is None:
        return texts.date_needed()
    if dated > today:
        return texts.dated_in_future(dated.isoformat())
    if window.kind == "april_15_next_year":
        deadline = date(dated.year + 1, 4, 15)
        return texts.past_deadline(deadline.isoformat()) if today > deadline else None
    assert window.days is not None
    too_old = (today - dated).days > window.days
    return texts.too_old(dated.isoformat(), window.days) if too_old else None


def _term_problem(presented: PresentedDocument, today: date) -> str | None:
    """A lease-like document is current while its term (dated .. expires) includes today."""
    if presented.expires is None:
        return texts.term_end_needed()
    if presented.expires < today:
        return texts.not_current(presented.expires.isoformat())
    if presented.dated is not None and presented.dated > today:
        return texts.not_started(presented.dated.isoformat())
    return None


def _area_problem(
    program: Program, doc_type: DocumentType, presented: PresentedDocument
) -> str | None:
    if not doc_type.requires_area_address:
        return None
    if presented.postal_code is not None and not program.area.contains(presented.postal_code):
        return texts.postal_code_outside_area(program.area.name)
    if presented.local_address is False:
        return texts.outside_area(program.area.name)
    return None
