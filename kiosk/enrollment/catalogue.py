"""Searching the program's document list by name, the way an operator types it.

Every word typed must appear in the document's name or short name, ignoring case and accents,
so "birth cert" finds both birth certificates. Relationship documents (the caretaker path) are
listed only when the caretaker section is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.enrollment.scan import comparable
from kiosk.rules import Program

MAX_RESULTS = 30


@dataclass(frozen=True)
class DocumentChoice:
    id: str
    name: str
    short_name: str
    identity_points: int
    residency_points: int
    has_photo: bool
    has_dob: bool
    relationship: bool  # proves a caretaker's relationship; no points
    needs: tuple[str, ...]  # which facts matter: "expires", "dated", "nyc_address"


def _words(text: str) -> list[str]:
    return [comparable(word) for word in text.split() if comparable(word)]


def document_choices(program: Program, *, caretaker: bool) -> tuple[DocumentChoice, ...]:
    choices = [
        DocumentChoice(
            d.id,
            d.name,
            d.short_name,
            d.identity_points,
            d.residency_points,
            d.has_photo,
            d.has_dob,
            relationship=False,
            needs=d.needs,
        )
        for d in program.documents
    ]
    if caretaker:
        choices += [
            DocumentChoice(
                r.id, r.name, r.short_name, 0, 0, False, r.establishes_dob, True, r.needs
            )
            for r in program.relationship_documents
        ]
    return tuple(choices)


def search_documents(
    program: Program, query: str, *, caretaker: bool = False, limit: int = MAX_RESULTS
) -> tuple[DocumentChoice, ...]:
    """Documents whose names contain every typed word, in the program file's order."""
    wanted = _words(query)
    found = []
    for choice in document_choices(program, caretaker=caretaker):
        haystack = comparable(choice.name) + " " + comparable(choice.short_name)
        if all(word in haystack for word in wanted):
            found.append(choice)
            if len(found) == limit:
                break
    return tuple(found)
