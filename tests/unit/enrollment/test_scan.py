"""Prefill from readings: empty fields only, conflicts reported, nothing overwritten."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

from kiosk.enrollment import AddressKind, EnrollmentFlow, Gender
from kiosk.enrollment.drafts import encode_draft
from kiosk.enrollment.model import DocumentOwner
from kiosk.reading.evidence import EvidencePolicy, Verdict
from kiosk.reading.models import (
    NOTHING_READ,
    Address,
    DocumentClass,
    DocumentFields,
    ReadKind,
    ReadResult,
)
from kiosk.rules import Program
from tests.unit.conftest import FakeClock
from tests.unit.enrollment.conftest import LICENCE, PASSPORT

LICENCE_READING = ReadResult(
    kind=ReadKind.AAMVA,
    valid=True,
    fields=DocumentFields(
        family_name="GARCIA",
        given_names="ANA MARIA",
        birth_date=date(1990, 7, 4),
        expiry_date=date(2030, 7, 4),
        sex="F",
        document_number="123456789",
        address=Address("100 ATLANTIC AVE", "BROOKLYN", "NY", "112010000", "US"),
    ),
    document_class=DocumentClass.DRIVER_LICENSE,
    issuer="NY",
)
PASSPORT_READING = ReadResult(
    kind=ReadKind.MRZ,
    valid=False,
    fields=DocumentFields(
        family_name="GARCIA",
        given_names="ANA",
        birth_date=date(1990, 7, 4),
        expiry_date=date(2031, 1, 1),
        sex="F",
        document_number="X1234567",
        nationality="UTO",
    ),
    problems=("check_digit.document_number",),
)


def test_a_reading_fills_empty_fields(flow: EnrollmentFlow) -> None:
    outcome = flow.apply_scan(LICENCE_READING)
    details = flow.state.application.details
    # "state" is not filled: "NY" was already there (the default) and agrees.
    assert outcome.filled == ("family_name", "given_name", "dob", "street", "city", "postal_code")
    assert outcome.conflicts == () and outcome.valid and outcome.problems == ()
    assert (details.family_name, details.given_name, details.dob) == (
        "GARCIA",
        "ANA MARIA",
        "1990-07-04",
    )
    assert (details.street, details.city, details.postal_code) == (
        "100 ATLANTIC AVE",
        "BROOKLYN",
        "11201",
    )
    assert flow.state.age == 36  # the verdict and age follow the prefilled date of birth


def test_typed_values_win_and_differences_are_reported(flow: EnrollmentFlow) -> None:
    flow.update_details(
        family_name="García",  # same name with its accent: no conflict
        given_name="Ana",
        middle_name="María",
        dob="1990-07-05",
        street="9 Main St",
    )
    outcome = flow.apply_scan(LICENCE_READING)
    details = flow.state.application.details
    assert details.family_name == "García" and details.dob == "1990-07-05"
    assert details.street == "9 Main St" and details.city == ""  # no half-filled address
    assert [(c.field, c.entered, c.read) for c in outcome.conflicts] == [
        ("dob", "1990-07-05", "1990-07-04"),
        ("street", "9 Main St", "100 ATLANTIC AVE"),
    ]
    assert flow.state.conflicts == outcome.conflicts
    assert "Main" not in repr(outcome.conflicts[0])
    flow.apply_scan(NOTHING_READ)
    assert flow.state.conflicts == ()


def test_the_documents_sex_marker_never_touches_gender(flow: EnrollmentFlow) -> None:
    flow.apply_scan(LICENCE_READING)
    assert flow.state.application.details.gender is None
    flow.update_details(gender=Gender.M)
    outcome = flow.apply_scan(LICENCE_READING)
    assert outcome.conflicts == () and flow.state.application.details.gender is Gender.M


def test_no_address_is_taken_when_the_card_shows_none(flow: EnrollmentFlow) -> None:
    flow.update_details(address_kind=AddressKind.NONE)
    outcome = flow.apply_scan(LICENCE_READING)
    assert flow.state.application.details.street == ""
    assert not {"street", "city", "postal_code"} & set(outcome.filled)


def test_a_reading_becomes_the_documents_evidence_and_expiry(
    flow: EnrollmentFlow, program: Program
) -> None:
    outcome = flow.apply_scan(PASSPORT_READING, document_id=PASSPORT, image_jpeg=b"jpeg")
    assert not outcome.valid and outcome.problems == ("check_digit.document_number",)
    assert "documents.foreign_passport_mrz.expires" in outcome.filled
    (entry,) = flow.state.application.documents
    assert entry.presented.expires == date(2031, 1, 1)
    evidence = entry.evidence
    assert evidence is not None and evidence.policy is EvidencePolicy.ATTEST
    assert evidence.verdict is Verdict.FAILED_CHECKS and evidence.attestation.operator == "ana"
    assert evidence.image_jpeg is None  # the IDNYC policy keeps no images
    # An expiry typed by the operator is kept.
    flow.add_document(LICENCE, expires=date(2029, 1, 1), nyc_address=True)
    flow.apply_scan(LICENCE_READING, document_id=LICENCE)
    licence = flow.state.application.documents[1]
    assert licence.presented.expires == date(2029, 1, 1) and licence.evidence is not None


def test_neither_document_numbers_nor_the_mrz_country_code_are_kept(
    flow: EnrollmentFlow,
) -> None:
    flow.apply_scan(PASSPORT_READING, document_id=PASSPORT)
    saved = encode_draft(flow.state).decode("utf-8")
    assert "X1234567" not in saved and "UTO" not in saved
    assert "UTO" not in json.dumps(repr(flow.state))


def test_a_caretakers_document_fills_nothing_of_the_applicant(flow: EnrollmentFlow) -> None:
    outcome = flow.apply_scan(LICENCE_READING, document_id=LICENCE, owner=DocumentOwner.CARETAKER)
    assert outcome.filled == ("documents.nys_dmv_driver_license_or_permit_nyc_address.expires",)
    assert flow.state.application.details.family_name == ""
    assert flow.state.application.documents[0].owner is DocumentOwner.CARETAKER


def test_image_policy_keeps_the_image(program: Program, clock: FakeClock) -> None:
    keeps_images = dataclasses.replace(program, evidence="image")
    flow = EnrollmentFlow(keeps_images, clock=clock, operator="ana")
    flow.apply_scan(LICENCE_READING, document_id=LICENCE, image_jpeg=b"\xff\xd8img")
    evidence = flow.state.application.documents[0].evidence
    assert evidence is not None and evidence.image_jpeg == b"\xff\xd8img"
    assert evidence.document_class is DocumentClass.DRIVER_LICENSE
