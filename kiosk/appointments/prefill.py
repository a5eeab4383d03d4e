"""Starting an application from an appointment: what it can fill in, and how.

`prefill_from` gives the applicant-details fields for `EnrollmentFlow.update_details(**fields)`.
The application type and the preferred language are not applicant details in the flow (they are
step 1 choices), so `prefill_choices` gives them separately and `apply_prefill` does all three.
Only fields the appointment actually has are returned: an empty value never overwrites what the
operator typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.appointments.model import Appointment
from kiosk.enrollment.errors import UnknownLanguage
from kiosk.enrollment.flow import EnrollmentFlow
from kiosk.enrollment.languages import OTHER, LanguageChoice, language
from kiosk.enrollment.model import ApplicationType


def prefill_from(appointment: Appointment) -> dict[str, str]:
    """Applicant-details fields (names in any script, as given; DOB as ISO; phone; email)."""
    fields = appointment.fields
    values = {
        "family_name": fields.family_name,
        "given_name": fields.given_names,
        "dob": fields.dob.isoformat() if fields.dob else "",
        "phone": fields.phone,
        "email": fields.email,
    }
    return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class StepOneChoices:
    application_type: ApplicationType | None
    languages: tuple[LanguageChoice, ...]


def language_choice(code: str) -> LanguageChoice | None:
    """A kiosk language when the code is one; otherwise "other" carrying the office's code."""
    if not code:
        return None
    try:
        return LanguageChoice(language(code).code)
    except UnknownLanguage:
        return LanguageChoice(OTHER, code)


def prefill_choices(appointment: Appointment) -> StepOneChoices:
    kind = appointment.fields.application_type
    choice = language_choice(appointment.fields.language)
    return StepOneChoices(
        application_type=ApplicationType(kind) if kind else None,
        languages=(choice,) if choice else (),
    )


def apply_prefill(flow: EnrollmentFlow, appointment: Appointment) -> None:
    """Fill a fresh flow from the appointment; the operator still checks every field."""
    choices = prefill_choices(appointment)
    if choices.application_type is not None:
        flow.set_type(choices.application_type)
    if choices.languages:
        flow.set_languages(choices.languages)
    flow.update_details(**prefill_from(appointment))
