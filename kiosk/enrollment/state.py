"""The immutable snapshot a screen renders: the flow's steps, its data, problems and verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.enrollment.model import AddressKind, Application, Submitted
from kiosk.enrollment.scan import ScanConflict
from kiosk.enrollment.validation import FieldProblem
from kiosk.rules import Problem, Verdict


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
    """The live meter on the documents step: "identity 2/3, residency 0/1, photo ID, DOB"."""

    identity_points: int
    identity_needed: int
    residency_points: int
    residency_needed: int
    has_photo_id: bool
    has_dob_proof: bool
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
