"""Turning a path's shortfall into sentences a person can act on, with example documents.

Examples come from the program file's `[suggestions]` lists (most common documents first),
filtered to what would actually help and to what the applicant has not already shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from kiosk.rules import texts
from kiosk.rules.models import DocumentType, Program
from kiosk.rules.paths import Shortfall

MAX_EXAMPLES = 3

Predicate = Callable[[DocumentType], bool]


def example_names(
    program: Program, preferred: Iterable[str], exclude: Collection[str], wanted: Predicate
) -> str:
    """Up to three document names, preferred ones first, then any in file order."""
    names: list[str] = []
    candidates = [*(program.document(i) for i in preferred), *program.documents]
    for document in candidates:
        if document.id in exclude or not wanted(document) or document.short_name in names:
            continue
        names.append(document.short_name)
        if len(names) == MAX_EXAMPLES:
            break
    return ", ".join(names) if names else texts.no_examples()


def describe(
    program: Program, shortfall: Shortfall, exclude: Collection[str], age: int
) -> list[str]:
    """The missing items of one path, in the order staff would ask for them."""
    tiers = shortfall.identity_tiers
    suggestions = program.suggestions

    def identity(document: DocumentType) -> bool:
        return document.is_identity and (not tiers or document.tier in tiers)

    def photo(document: DocumentType) -> bool:
        return identity(document) and document.has_photo and not document.photo_conditional

    def dob(document: DocumentType) -> bool:
        return identity(document) and document.has_dob and not document.dob_conditional

    def examples(preferred: Iterable[str], wanted: Predicate) -> str:
        return example_names(program, preferred, exclude, wanted)

    missing = _caretaker_opening(program, shortfall, age)
    if shortfall.identity_points:
        missing.append(
            texts.add_identity_points(
                shortfall.identity_points, examples(suggestions.identity, identity)
            )
        )
    if shortfall.identity_documents:
        tier_name = " / ".join(program.tiers[t] for t in tiers)
        missing.append(
            texts.add_identity_documents(
                shortfall.identity_documents, tier_name, examples(suggestions.identity, identity)
            )
        )
    if shortfall.photo_id:
        missing.append(texts.add_photo_id(examples(suggestions.photo_id, photo)))
    if shortfall.dob_proof:
        missing.append(texts.add_dob_proof(examples(suggestions.dob_proof, dob)))
    if shortfall.photo_and_dob_same_document:
        missing.append(
            texts.add_photo_and_dob(examples(suggestions.photo_id, lambda d: photo(d) and dob(d)))
        )
    if shortfall.residency_points:
        missing.append(
            texts.add_residency_points(
                shortfall.residency_points, program.area.name, _residency_examples(program, exclude)
            )
        )
    missing += _describe_caretaker(program, shortfall, exclude)
    if shortfall.agency_photo_id is not None:
        missing.append(
            texts.agency_needs_photo_id(
                shortfall.agency_photo_id, examples(suggestions.photo_id, photo)
            )
        )
    return missing


def _caretaker_opening(program: Program, shortfall: Shortfall, age: int) -> list[str]:
    missing: list[str] = []
    if shortfall.caretaker and program.age.caretaker_below is not None:
        missing.append(texts.caretaker_required(program.age.caretaker_below))
    if shortfall.relationship:
        valid = [
            r.short_name
            for r in program.relationship_documents
            if r.applicant_age_max is None or age <= r.applicant_age_max
        ]
        missing.append(texts.add_relationship(", ".join(valid[:MAX_EXAMPLES])))
    return missing


def _residency_examples(program: Program, exclude: Collection[str]) -> str:
    return example_names(program, program.suggestions.residency, exclude, lambda d: d.is_residency)


def _describe_caretaker(
    program: Program, shortfall: Shortfall, exclude: Collection[str]
) -> list[str]:
    """What the caretaker still has to show (their documents are not the applicant's)."""
    suggestions = program.suggestions
    missing: list[str] = []
    if shortfall.caretaker_identity_points:
        names = example_names(program, suggestions.identity, (), lambda d: d.is_identity)
        missing.append(texts.caretaker_identity_points(shortfall.caretaker_identity_points, names))
    if shortfall.caretaker_photo_id:
        names = example_names(
            program,
            suggestions.photo_id,
            (),
            lambda d: d.is_identity and d.has_photo and not d.photo_conditional,
        )
        missing.append(texts.caretaker_photo_id(names))
    if shortfall.caretaker_residency:
        missing.append(
            texts.caretaker_residency(program.area.name, _residency_examples(program, exclude))
        )
    if shortfall.attestation:
        missing.append(texts.caretaker_attestation())
    return missing
