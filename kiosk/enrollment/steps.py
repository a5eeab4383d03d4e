"""Which step asks what: one step's validation, shared by the flow and by submit's re-check."""

from __future__ import annotations

from datetime import date

from kiosk.enrollment import validation as check
from kiosk.enrollment.model import Application
from kiosk.enrollment.state import Step
from kiosk.enrollment.validation import FieldProblem
from kiosk.rules import Program, Verdict


def validate_step(
    step: Step, app: Application, program: Program, today: date, verdict: Verdict | None
) -> list[FieldProblem]:
    """One step's problems (the receipt and review steps ask nothing themselves)."""
    if step is Step.TYPE:
        return check.validate_type(app)
    if step is Step.DETAILS:
        problems = check.validate_details(app.details, program, today)
        if verdict is not None and verdict.card_address is not None:
            # Documents chosen after the address may restrict what the card can show.
            problems += [
                p for p in check.validate_documents(app, verdict) if p.field == "address_kind"
            ]
        return problems
    if step is Step.DOCUMENTS:
        return check.validate_documents(app, verdict)
    if step is Step.PHOTO:
        return check.validate_photo(app)
    if step is Step.CONFIRM:
        return check.validate_confirmation(app)
    return []
