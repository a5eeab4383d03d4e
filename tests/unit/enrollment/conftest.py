"""Enrollment fixtures: the IDNYC program, flows on a fake clock, a provisioned test vault."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import nacl.public
import nacl.signing
import pytest

from kiosk.capture.photo import CardPhoto
from kiosk.enrollment import (
    ApplicationType,
    EnrollmentFlow,
    EyeColour,
    Gender,
    LanguageChoice,
    Step,
)
from kiosk.outbox.identity import KioskIdentity, Provisioning, save_identity
from kiosk.rules import Program, load_program
from kiosk.sealing import intake_id_for
from kiosk.staff import Session
from tests.unit.conftest import FakeClock

LICENCE = "nys_dmv_driver_license_or_permit_nyc_address"
PASSPORT = "foreign_passport_mrz"
DV_LETTER = "dv_services_letter_no_address"
FUTURE = date(2030, 1, 1)

DETAILS: dict[str, Any] = {
    "family_name": "Núñez",
    "given_name": "Ana María",
    "dob": "1990-07-04",
    "gender": Gender.X,
    "height_feet": "5",
    "height_inches": "6",
    "eye_colour": EyeColour.BROWN,
    "street": "100 Atlantic Ave",
    "city": "Brooklyn",
    "postal_code": "11201",
}


@pytest.fixture(scope="session")
def program() -> Program:
    return load_program("idnyc")


def photo_of(marker: bytes = b"") -> CardPhoto:
    return CardPhoto(
        jpeg=b"\xff\xd8\xff\xe0 test photo " + marker, width=400, height=500, face_fraction=0.6
    )


@pytest.fixture
def make_flow(program: Program, clock: FakeClock) -> Callable[..., EnrollmentFlow]:
    def make(**kwargs: Any) -> EnrollmentFlow:
        kwargs.setdefault("operator", "ana")
        return EnrollmentFlow(program, clock=clock, **kwargs)

    return make


@pytest.fixture
def flow(make_flow: Callable[..., EnrollmentFlow]) -> EnrollmentFlow:
    return make_flow()


def fill_to(flow: EnrollmentFlow, step: Step, *, photo: CardPhoto | None = None) -> None:
    """Enter a complete, eligible application and walk forward until `step`."""
    if flow.state.step is Step.TYPE and step is not Step.TYPE:
        flow.set_type(ApplicationType.NEW)
        flow.set_languages([LanguageChoice("es")])
        assert flow.next()
    if flow.state.step is Step.DETAILS and step is not Step.DETAILS:
        flow.update_details(**DETAILS)
        assert flow.next(), flow.state.problems
    if flow.state.step is Step.DOCUMENTS and step is not Step.DOCUMENTS:
        flow.add_document(LICENCE, expires=FUTURE, nyc_address=True)
        assert flow.next(), flow.state.problems
    if flow.state.step is Step.PHOTO and step is not Step.PHOTO:
        flow.set_photo(photo or photo_of())
        assert flow.next()
    if flow.state.step is Step.REVIEW and step is not Step.REVIEW:
        assert flow.next()
    if flow.state.step is Step.CONFIRM and step is not Step.CONFIRM:
        raise AssertionError("the confirmation step ends with submit")
    assert flow.state.step is step


@pytest.fixture
def program_key() -> nacl.public.PrivateKey:
    return nacl.public.PrivateKey.generate()


@pytest.fixture
def identity(session: Session, program_key: nacl.public.PrivateKey) -> KioskIdentity:
    """The kiosk provisioned as `kiosk provision` would, without an intake to register with."""
    server_key = nacl.signing.SigningKey.generate()
    provisioning = Provisioning(
        intake_id=intake_id_for(server_key.verify_key),
        server_verify_key=server_key.verify_key,
        program_public_key=program_key.public_key,
        url="http://127.0.0.1:9",
        enrolment_token="test-token",
    )
    with session.vault.transaction() as conn:
        return save_identity(
            conn, provisioning, label="Van 1", url=provisioning.url, now=session.clock()
        )
