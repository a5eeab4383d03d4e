"""Enrollment: the application model, validation and the Qt-free flow the screens render.

Entry points: `EnrollmentFlow` (intents in, `FlowState` snapshots out), `DraftStore` (autosave,
resume, delete on the vault thread), `submit` (seal, queue, audit, drop the draft) and
`card_fields`/`receipt_fields` (inputs for kiosk.documents' card preview and receipt).
See docs/enrollment.md.
"""

from kiosk.enrollment.catalogue import DocumentChoice, search_documents
from kiosk.enrollment.drafts import Draft, DraftInfo, DraftStore
from kiosk.enrollment.errors import (
    AlreadySubmitted,
    ApplicationIncomplete,
    DraftUnreadable,
    EnrollmentError,
    FlowBusy,
    FlowClosed,
    NotProvisioned,
    StepNotReachable,
    UnknownField,
    UnknownLanguage,
)
from kiosk.enrollment.flow import EnrollmentFlow
from kiosk.enrollment.languages import LANGUAGES, MAX_LANGUAGES, Language, LanguageChoice
from kiosk.enrollment.model import (
    AddressKind,
    ApplicantDetails,
    Application,
    ApplicationType,
    DocumentEntry,
    DocumentOwner,
    EyeColour,
    Gender,
    Submitted,
)
from kiosk.enrollment.numbers import normalise as normalise_application_number
from kiosk.enrollment.preview import card_fields, receipt_fields
from kiosk.enrollment.scan import ScanConflict, ScanOutcome
from kiosk.enrollment.state import FlowState, Outcome, PointsMeter, Step
from kiosk.enrollment.submit import submit
from kiosk.enrollment.validation import FieldProblem

__all__ = [
    "LANGUAGES",
    "MAX_LANGUAGES",
    "AddressKind",
    "AlreadySubmitted",
    "ApplicantDetails",
    "Application",
    "ApplicationIncomplete",
    "ApplicationType",
    "DocumentChoice",
    "DocumentEntry",
    "DocumentOwner",
    "Draft",
    "DraftInfo",
    "DraftStore",
    "DraftUnreadable",
    "EnrollmentError",
    "EnrollmentFlow",
    "EyeColour",
    "FieldProblem",
    "FlowBusy",
    "FlowClosed",
    "FlowState",
    "Gender",
    "Language",
    "LanguageChoice",
    "NotProvisioned",
    "Outcome",
    "PointsMeter",
    "ScanConflict",
    "ScanOutcome",
    "Step",
    "StepNotReachable",
    "Submitted",
    "UnknownField",
    "UnknownLanguage",
    "card_fields",
    "normalise_application_number",
    "receipt_fields",
    "search_documents",
    "submit",
]
