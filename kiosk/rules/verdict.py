"""The engine's answer: the CLI/UI contract plus what the sealed record needs to cite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.rules.models import CardAddress


@dataclass(frozen=True)
class Problem:
    """Why one presented document does not count (or counts for less than it could)."""

    doc: str
    reason: str


@dataclass(frozen=True)
class Verdict:
    """An eligibility decision and its explanation, for one applicant on one day."""

    eligible: bool
    path: str | None
    identity_points: int
    residency_points: int
    has_photo_id: bool
    has_dob_proof: bool
    card_address: CardAddress | None
    problems: tuple[Problem, ...]
    missing: tuple[str, ...]
    program_id: str
    program_version: str
    program_hash: str
    evaluated_on: date

    def to_json(self) -> dict[str, object]:
        """Exactly the keys of the `kiosk rules check --json` contract (DESIGN.md)."""
        return {
            "eligible": self.eligible,
            "path": self.path,
            "identity_points": self.identity_points,
            "residency_points": self.residency_points,
            "has_photo_id": self.has_photo_id,
            "has_dob_proof": self.has_dob_proof,
            "card_address": self.card_address,
            "problems": [{"doc": p.doc, "reason": p.reason} for p in self.problems],
            "missing": list(self.missing),
        }

    def record(self) -> dict[str, object]:
        """What a sealed application may keep: the decision and the exact rules that made it.

        Deliberately no document ids, problems or hints: application records must not say which
        kinds of document were used (68 RCNY 6-11(b)).
        """
        return {
            "eligible": self.eligible,
            "path": self.path,
            "card_address": self.card_address,
            "program_id": self.program_id,
            "program_version": self.program_version,
            "program_hash": self.program_hash,
            "evaluated_on": self.evaluated_on.isoformat(),
        }
