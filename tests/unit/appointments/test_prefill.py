"""Prefill from an appointment: names in any script reach the flow intact."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.appointments.book import AppointmentBook
from kiosk.appointments.model import APPLICATION_TYPES
from kiosk.appointments.prefill import apply_prefill, prefill_choices, prefill_from
from kiosk.enrollment import ApplicationType, EnrollmentFlow, LanguageChoice
from kiosk.rules import load_program
from tests.unit.appointments.conftest import csv_bytes
from tests.unit.conftest import FakeClock


@pytest.fixture
def make_flow(clock: FakeClock) -> Callable[[], EnrollmentFlow]:
    program = load_program("idnyc")
    return lambda: EnrollmentFlow(program, clock=clock, operator="ana")


def test_application_types_match_the_enrollment_model() -> None:
    assert set(APPLICATION_TYPES) == {t.value for t in ApplicationType}


def test_prefill_maps_names_dob_and_contact(book: AppointmentBook) -> None:
    book.import_csv(csv_bytes())
    assert prefill_from(book.get("AB-1001")) == {
        "family_name": "Núñez",
        "given_name": "Ana María",
        "dob": "1990-07-04",
        "phone": "718-555-0100",
        "email": "ana@example.org",
    }
    # Only what the appointment has: nothing empty overwrites what the operator typed.
    assert prefill_from(book.get("AB-1002")) == {"family_name": "محمد", "given_name": "فاطمة"}
    choices = prefill_choices(book.get("AB-1003"))
    assert choices.application_type is None and choices.languages == (LanguageChoice("zh_Hans"),)


def test_apply_prefill_fills_a_flow(
    book: AppointmentBook, make_flow: Callable[[], EnrollmentFlow]
) -> None:
    rows = [
        "AB-2001,2026-11-23,09:00,محمد,فاطمة,1991-03-02,,,ar,renewal",
        "AB-2002,2026-11-23,09:00,王,秀英,,,,yi,",
    ]
    book.import_csv(csv_bytes(rows))
    flow = make_flow()
    apply_prefill(flow, book.get("AB-2001"))
    app = flow.state.application
    assert (app.details.family_name, app.details.given_name) == ("محمد", "فاطمة")
    assert app.details.dob == "1991-03-02"
    assert app.application_type is ApplicationType.RENEWAL
    assert app.languages == (LanguageChoice("ar"),)
    other = make_flow()
    apply_prefill(other, book.get("AB-2002"))
    assert other.state.application.details.given_name == "秀英"
    assert other.state.application.languages == (LanguageChoice("other", "yi"),)
