"""The immutable snapshot a screen renders: the flow's steps, its data, problems and verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.enrollment.model import AddressKind, Application, Submitted
from kiosk.enrollment.scan import ScanConflict
from kiosk.enrollment.validation import FieldProblem
from kiosk.rules import Problem, Program, Verdict
from kiosk.rules.models import CaretakerPath, ThresholdPath


class Step(StrEnum):
    TYPE = "type"  # application type and preferred languages
    DETAILS = "details"
    DOCUMENTS = "documents"
    PHOTO = "photo"
    REVIEW = "review"  # card preview, front and back
    CONFIRM = "confirm"  # the applicant checks, the operator attests
    RECEIPT = "receipt"  # after submit: application number only

    @property
    def position(self) -> int:
        return STEPS.index(self)


STEPS: tuple[Step, ...] = tuple(Step)
ENTRY_STEPS: tuple[Step, ...] = STEPS[:-1]  # the steps that collect something


class Outcome(StrEnum):
    OPEN = "open"
    SUBMITTED = "submitted"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class PointsMeter:
    """The live meter on the documents step: "identity 2/3, residency 0/1, photo ID, DOB".

    Points are the applicant's own (and agency verifications'); `*_needed` follow the caretaker
    path while the caretaker section is open, otherwise the program's points path.
    """

    identity_points: int
    identity_needed: int
    residency_points: int
    residency_needed: int
    has_photo_id: bool
    photo_id_needed: bool
    has_dob_proof: bool
    dob_proof_needed: bool
    eligible: bool
    suggestions: tuple[str, ...]  # the engine's "missing" sentences
    document_problems: tuple[Problem, ...]  # why a presented document counts for less


@dataclass(frozen=True)
class FlowState:
    """Everything a screen shows. After submit or cancel it holds no applicant data."""

    draft_id: str
    started_at: datetime
    step: Step
    outcome: Outcome
    application: Application = field(repr=False)
    problems: tuple[FieldProblem, ...]  # the current step's, once `next()` has found any
    conflicts: tuple[ScanConflict, ...]  # from the last reading; nothing was overwritten
    verdict: Verdict | None = field(repr=False)
    meter: PointsMeter | None = field(repr=False)
    age: int | None = field(repr=False)
    caretaker_required: bool  # the program's caretaker ages (IDNYC: 10-13)
    caretaker_section: bool  # required, or chosen by the applicant
    allowed_address_kinds: tuple[AddressKind, ...]
    visited: tuple[Step, ...]
    reachable: tuple[Step, ...]  # where `go_to` may go from here
    submitting: bool
    receipt: Submitted | None
    receipt_locale: str  # written language of the confirmation screen and receipt

    def problems_for(self, field_name: str) -> tuple[FieldProblem, ...]:
        return tuple(p for p in self.problems if p.field == field_name)

    @property
    def is_open(self) -> bool:
        return self.outcome is Outcome.OPEN

    @property
    def can_go_back(self) -> bool:
        return self.is_open and not self.submitting and self.step is not Step.TYPE


def points_meter(
    program: Program, verdict: Verdict | None, caretaker_section: bool
) -> PointsMeter | None:
    """The applicant's own numbers against the path the screen is working towards: the
    caretaker path while its section is open, otherwise the program's points path."""
    if verdict is None:
        return None
    paths = program.paths
    threshold = next((p for p in paths if isinstance(p, ThresholdPath)), None)
    caretaker = next((p for p in paths if isinstance(p, CaretakerPath)), None)
    if caretaker_section and caretaker is not None:
        needed = (caretaker.applicant_identity_points, caretaker.residency_points)
        photo_needed, dob_needed = False, False
    elif threshold is not None:
        needed = (threshold.identity_points, threshold.residency_points)
        photo_needed, dob_needed = threshold.photo_id, threshold.dob_proof
    else:
        needed, photo_needed, dob_needed = (0, 0), False, False
    return PointsMeter(
        identity_points=verdict.identity_points,
        identity_needed=needed[0],
        residency_points=verdict.residency_points,
        residency_needed=needed[1],
        has_photo_id=verdict.has_photo_id,
        photo_id_needed=photo_needed,
        has_dob_proof=verdict.has_dob_proof,
        dob_proof_needed=dob_needed,
        eligible=verdict.eligible,
        suggestions=verdict.missing,
        document_problems=verdict.problems,
    )
