"""The eligibility decision: check each document, try the program's paths in file order,
and when none is met explain the closest one.

Pure and deterministic: the same program, dates and documents always give the same verdict
(`today` is an argument, never the clock). Nothing here logs, because document lists must not
end up anywhere (68 RCNY 6-11(b)).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kiosk.rules import texts
from kiosk.rules.documents import Counted, assess_document, assess_relationship
from kiosk.rules.errors import InvalidDate
from kiosk.rules.explanations import describe
from kiosk.rules.models import (
    AgencyPath,
    CaretakerPath,
    PresentedDocument,
    Program,
    RelationshipDocument,
    ThresholdPath,
)
from kiosk.rules.paths import PathOutcome, Pool, check_path
from kiosk.rules.verdict import Problem, Verdict


def age_on(dob: date, today: date) -> int:
    """Completed years of age on `today`."""
    before_birthday = (today.month, today.day) < (dob.month, dob.day)
    return today.year - dob.year - int(before_birthday)


def evaluate(
    program: Program,
    dob: date,
    today: date,
    documents: Sequence[PresentedDocument],
    caretaker_documents: Sequence[PresentedDocument] = (),
    *,
    caretaker_attestation: bool = False,
    agency_verifications: Sequence[str] = (),
) -> Verdict:
    """Decide eligibility from the date of birth and the documents examined.

    `documents` are the applicant's (including caretaker-relationship documents, whose ids
    come from the program's `[[relationship_document]]` list); `caretaker_documents` are the
    caretaker's own identity and residency documents; `caretaker_attestation` is the signed
    statement that the applicant lives with the caretaker; `agency_verifications` are ids of
    the program's `[[agency_verification]]` entries the operator recorded.
    Raises `UnknownDocument`, `UnknownAgencyVerification` or `InvalidDate` for bad input.
    """
    if dob > today:
        raise InvalidDate(
            f"the date of birth {dob.isoformat()} is after today ({today.isoformat()})"
        )
    for presented in (*documents, *caretaker_documents):
        if not program.is_relationship_document(presented.id):
            program.document(presented.id)
    agencies = tuple(program.agency_verification(a) for a in dict.fromkeys(agency_verifications))
    age = age_on(dob, today)
    caretaker_present = bool(caretaker_documents)
    problems: list[Problem] = []

    relationships: list[RelationshipDocument] = []
    applicant_docs: list[PresentedDocument] = []
    brought_relationship = False
    for owner_is_applicant, group in ((True, documents), (False, caretaker_documents)):
        for presented in group:
            relationship = program.relationship_document(presented.id)
            if relationship is None:
                if owner_is_applicant:
                    applicant_docs.append(presented)
                continue
            brought_relationship = True
            reason = assess_relationship(relationship, presented, today, age)
            if reason is None:
                relationships.append(relationship)
            else:
                problems.append(Problem(presented.id, reason))

    applicant = _count(
        program,
        applicant_docs,
        today,
        caretaker_present=caretaker_present,
        problems=problems,
        of_caretaker=False,
    )
    caretaker = _count(
        program,
        [d for d in caretaker_documents if not program.is_relationship_document(d.id)],
        today,
        caretaker_present=True,
        problems=problems,
        of_caretaker=True,
    )
    needs_caretaker = program.age.caretaker_below is not None and age < program.age.caretaker_below
    pool = Pool(
        age=age,
        applicant=applicant,
        relationships=tuple(relationships),
        caretaker=caretaker,
        caretaker_present=caretaker_present,
        attestation=caretaker_attestation,
        agencies=agencies,
        needs_caretaker=needs_caretaker,
    )
    outcomes = [check_path(path, pool) for path in program.paths]
    met = next((o for o in outcomes if o.met), None)
    too_young = age < program.age.minimum
    eligible = met is not None and not too_young
    missing: list[str] = []
    if too_young:
        missing.append(texts.too_young(program.age.minimum))
    elif met is None:
        exclude = {d.id for d in documents} | {c.type.id for c in applicant}
        closest = _closest(outcomes, pool, brought_relationship)
        if closest is not None:
            missing = describe(program, closest.shortfall, exclude, age)
    return Verdict(
        eligible=eligible,
        path=met.path.id if eligible and met is not None else None,
        identity_points=pool.identity_points,
        residency_points=pool.residency_points,
        has_photo_id=pool.has_photo_id,
        has_dob_proof=pool.has_dob_proof,
        card_address=met.card_address if eligible and met is not None else None,
        problems=tuple(problems),
        missing=tuple(missing),
        program_id=program.id,
        program_version=program.version,
        program_hash=program.content_hash,
        evaluated_on=today,
    )


def _count(
    program: Program,
    presented: Sequence[PresentedDocument],
    today: date,
    *,
    caretaker_present: bool,
    problems: list[Problem],
    of_caretaker: bool,
) -> tuple[Counted, ...]:
    """Assess each document; each kind of document counts once (the first valid one)."""
    ids = {d.id for d in presented}
    counted: dict[str, Counted] = {}
    for document in presented:
        assessment = assess_document(
            program, document, today, presented_ids=ids, caretaker_present=caretaker_present
        )
        reasons = list(assessment.reasons)
        if assessment.counted is not None:
            if assessment.counted.type.id in counted:
                reasons.append(texts.counted_once())
            else:
                counted[assessment.counted.type.id] = assessment.counted
        for reason in reasons:
            text = texts.caretaker_document(reason) if of_caretaker else reason
            problems.append(Problem(document.id, text))
    return tuple(counted.values())


def _closest(
    outcomes: list[PathOutcome], pool: Pool, brought_relationship: bool
) -> PathOutcome | None:
    """The path to explain: the caretaker path when a caretaker is involved or required,
    otherwise the threshold path missing the fewest things; a recorded agency verification
    that only lacks a photo ID is explained too."""
    caretaker_involved = (
        pool.needs_caretaker or pool.caretaker_present or pool.attestation or brought_relationship
    )
    for outcome in outcomes:
        if isinstance(outcome.path, AgencyPath) and outcome.shortfall.agency_photo_id:
            return outcome
    preferred: tuple[type, ...] = (CaretakerPath, ThresholdPath)
    if not caretaker_involved:
        preferred = (ThresholdPath, CaretakerPath)
    for kind in preferred:
        candidates = [o for o in outcomes if isinstance(o.path, kind)]
        if candidates:
            return min(candidates, key=lambda o: o.shortfall.size)
    return None
