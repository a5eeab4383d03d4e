"""The eligibility rules engine: program files in, explained verdicts out (no Qt, no I/O
beyond reading program files)."""

from __future__ import annotations

from kiosk.rules.errors import (
    InvalidDate,
    InvalidDocumentSpec,
    ProgramFileInvalid,
    RulesError,
    UnknownAgencyVerification,
    UnknownDocument,
    UnknownProgram,
)
from kiosk.rules.evaluation import age_on, evaluate
from kiosk.rules.loading import (
    ProgramInfo,
    available_programs,
    load_program,
    parse_program,
    programs_dir,
)
from kiosk.rules.models import (
    AgencyVerification,
    CardSpec,
    DocumentType,
    PhotoSpec,
    PresentedDocument,
    Program,
    RelationshipDocument,
)
from kiosk.rules.verdict import Problem, Verdict

__all__ = [
    "AgencyVerification",
    "CardSpec",
    "DocumentType",
    "InvalidDate",
    "InvalidDocumentSpec",
    "PhotoSpec",
    "PresentedDocument",
    "Problem",
    "Program",
    "ProgramFileInvalid",
    "ProgramInfo",
    "RelationshipDocument",
    "RulesError",
    "UnknownAgencyVerification",
    "UnknownDocument",
    "UnknownProgram",
    "Verdict",
    "age_on",
    "available_programs",
    "evaluate",
    "load_program",
    "parse_program",
    "programs_dir",
]
