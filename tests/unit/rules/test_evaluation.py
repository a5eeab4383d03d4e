"""Whole verdicts: each IDNYC path, age rules, card address kinds, and the record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.rules import (
    InvalidDate,
    PresentedDocument,
    Program,
    UnknownAgencyVerification,
    UnknownDocument,
    Verdict,
    age_on,
    evaluate,
)
from tests.unit.rules.helpers import ADULT, TODAY, doc

SOON = TODAY + timedelta(days=400)
RECENT = TODAY - timedelta(days=5)
PARENT_BC = "rel_where_caretaker_is_parent_applicant_s_birth_certificate"
GUARDIAN_ORDER = "rel_where_caretaker_is_applicant_s_court_appointed_guardian_cust"

PASSPORT = doc("us_passport", expires=SOON)
BIRTH_CERT = doc("us_birth_certificate")
SSN = doc("social_security_card")
BILL = doc("utility_cable_phone_bill", dated=RECENT, local_address=True)
CARETAKER_ID = doc("foreign_passport_mrz", expires=SOON)
CARETAKER_BILL = doc("pay_stub", dated=RECENT)


def born(years: int, days_after_birthday: int = 0) -> date:
    """A date of birth that makes the applicant exactly `years` old (plus some days) today."""
    return TODAY.replace(year=TODAY.year - years) - timedelta(days=days_after_birthday)


def check(program: Program, dob: date, *docs: PresentedDocument, **kwargs: object) -> Verdict:
    return evaluate(program, dob, TODAY, list(docs), **kwargs)  # type: ignore[arg-type]


def test_single_document_path(idnyc: Program) -> None:
    licence = doc("nys_dmv_non_driver_id_nyc_address", expires=SOON, local_address=True)
    verdict = check(idnyc, ADULT, licence)
    assert verdict.to_json() == {
        "eligible": True,
        "path": "single_document",
        "identity_points": 3,
        "residency_points": 1,
        "has_photo_id": True,
        "has_dob_proof": True,
        "card_address": "home",
        "problems": [],
        "missing": [],
    }


def test_points_path(idnyc: Program) -> None:
    verdict = check(idnyc, ADULT, PASSPORT, BILL)
    assert (verdict.eligible, verdict.path) == (True, "points")
    assert (verdict.identity_points, verdict.residency_points) == (3, 1)
    assert verdict.card_address == "home"


def test_points_path_needs_photo_and_dob(idnyc: Program) -> None:
    no_photo = check(idnyc, ADULT, BIRTH_CERT, SSN, BILL)
    assert not no_photo.eligible
    assert (no_photo.identity_points, no_photo.has_photo_id, no_photo.has_dob_proof) == (
        4,
        False,
        True,
    )
    assert no_photo.missing[0].startswith("Add a photo ID, for example: ")
    no_dob = check(idnyc, ADULT, doc("us_government_employee_id", expires=SOON), SSN, BILL)
    assert not no_dob.eligible and no_dob.has_photo_id and not no_dob.has_dob_proof
    assert no_dob.missing[0].startswith("Add a document that shows the date of birth")


def test_points_path_needs_residency(idnyc: Program) -> None:
    verdict = check(idnyc, ADULT, PASSPORT)
    assert not verdict.eligible
    assert verdict.missing == (
        "Add 1 proof of residency (a recent document with an address in New York City), for"
        " example: Utility, cable or phone bill, Bank or credit card statement, Residential lease",
    )


def test_each_kind_of_document_counts_once(idnyc: Program) -> None:
    verdict = check(
        idnyc, ADULT, doc("school_id_card", expires=SOON), doc("school_id_card", expires=SOON)
    )
    assert verdict.identity_points == 1
    assert verdict.problems[0].reason == (
        "This kind of document is already counted; each kind counts once."
    )


@pytest.mark.parametrize(
    ("letter", "address"),
    [
        ("dv_services_letter_no_address", "none"),
        ("homeless_services_letter_no_address", "none"),
        ("hospital_clinic_residence_letter", "none"),
        ("care_of_address_letter", "care_of"),
        ("hra_dv_residential_program_letter", "po_box"),
        ("homeless_shelter_letter", "home"),
    ],
)
def test_card_address_from_homeless_and_dv_letters(
    idnyc: Program, letter: str, address: str
) -> None:
    verdict = check(idnyc, ADULT, PASSPORT, doc(letter, dated=RECENT))
    assert (verdict.eligible, verdict.card_address) == (True, address)


def test_most_private_card_address_wins(idnyc: Program) -> None:
    verdict = check(
        idnyc, ADULT, PASSPORT, BILL, doc("dv_services_letter_no_address", dated=RECENT)
    )
    assert verdict.card_address == "none"


# --- age ------------------------------------------------------------------------------------------


def test_age_on_birthdays() -> None:
    assert age_on(date(2000, 11, 23), TODAY) == 26
    assert age_on(date(2000, 11, 24), TODAY) == 25
    assert age_on(date(2000, 2, 29), date(2026, 2, 28)) == 25
    assert age_on(date(2000, 2, 29), date(2026, 3, 1)) == 26


def test_age_9_is_too_young_even_with_a_caretaker(idnyc: Program) -> None:
    verdict = check(
        idnyc,
        born(9, 364),
        BIRTH_CERT,
        SSN,
        doc(PARENT_BC),
        caretaker_documents=[CARETAKER_ID, CARETAKER_BILL],
        caretaker_attestation=True,
    )
    assert not verdict.eligible
    assert verdict.path is None and verdict.card_address is None
    assert verdict.missing == ("The applicant must be at least 10 years old.",)


@pytest.mark.parametrize("age", [10, 13])
def test_ages_10_to_13_only_with_a_caretaker(idnyc: Program, age: int) -> None:
    alone = check(idnyc, born(age), PASSPORT, BILL)
    assert not alone.eligible
    assert alone.missing[0] == "Applicants younger than 14 must come with a caretaker."
    with_caretaker = check(
        idnyc,
        born(age),
        BIRTH_CERT,
        doc(PARENT_BC),
        caretaker_documents=[CARETAKER_ID, CARETAKER_BILL],
        caretaker_attestation=True,
    )
    assert (with_caretaker.eligible, with_caretaker.path) == (True, "caretaker")


def test_single_document_does_not_bypass_the_caretaker_rule(idnyc: Program) -> None:
    card = doc("idnyc_card_with_current_address", expires=SOON)
    assert not check(idnyc, born(13), card).eligible
    assert check(idnyc, born(14), card).path == "single_document"


def test_age_14_may_apply_alone(idnyc: Program) -> None:
    verdict = check(idnyc, born(14), PASSPORT, BILL)
    assert (verdict.eligible, verdict.path) == (True, "points")


def test_date_of_birth_after_today_is_an_error(idnyc: Program) -> None:
    with pytest.raises(InvalidDate, match="after today") as caught:
        check(idnyc, TODAY + timedelta(days=1), PASSPORT)
    assert caught.value.code == "rules.invalid_date"


# --- caretaker ------------------------------------------------------------------------------------


def caretaker_check(
    program: Program, age: int, *docs: PresentedDocument, **kwargs: object
) -> Verdict:
    defaults: dict[str, object] = {
        "caretaker_documents": [CARETAKER_ID, CARETAKER_BILL],
        "caretaker_attestation": True,
    }
    return check(program, born(age), *docs, **(defaults | kwargs))


def test_caretaker_path_with_the_caretakers_residency(idnyc: Program) -> None:
    verdict = caretaker_check(idnyc, 30, BIRTH_CERT, doc(GUARDIAN_ORDER))
    assert (verdict.eligible, verdict.path, verdict.card_address) == (True, "caretaker", "home")
    assert not verdict.has_photo_id
    assert verdict.identity_points == 2 and verdict.residency_points == 0


def test_caretaker_path_with_the_applicants_own_residency(idnyc: Program) -> None:
    letter = doc("care_of_address_letter", dated=RECENT)
    verdict = caretaker_check(
        idnyc,
        12,
        SSN,
        doc(PARENT_BC),
        letter,
        caretaker_documents=[CARETAKER_ID],
        caretaker_attestation=False,
    )
    assert (verdict.eligible, verdict.card_address) == (True, "care_of")
    assert verdict.has_dob_proof  # from the relationship document


def test_caretaker_residency_needs_the_signed_attestation(idnyc: Program) -> None:
    verdict = caretaker_check(idnyc, 12, BIRTH_CERT, doc(PARENT_BC), caretaker_attestation=False)
    assert not verdict.eligible
    assert verdict.missing == (
        "The caretaker must sign the attestation that the applicant lives with them.",
    )


def test_caretaker_needs_three_points_and_a_photo_id(idnyc: Program) -> None:
    verdict = caretaker_check(
        idnyc, 12, BIRTH_CERT, doc(PARENT_BC), caretaker_documents=[SSN, CARETAKER_BILL]
    )
    assert not verdict.eligible
    assert verdict.missing[0].startswith("The caretaker needs 1 more identity point, for example: ")
    assert verdict.missing[1].startswith("The caretaker needs a photo ID, for example: ")


def test_caretaker_applicant_needs_two_points_and_dob(idnyc: Program) -> None:
    verdict = caretaker_check(idnyc, 30, doc("medicare_card"), doc(GUARDIAN_ORDER))
    assert not verdict.eligible
    assert verdict.missing[0].startswith("Add 1 identity point, for example: Social Security card")
    guardian_dob = caretaker_check(idnyc, 30, SSN, doc(GUARDIAN_ORDER))
    assert guardian_dob.eligible and guardian_dob.has_dob_proof


def test_relationship_document_must_fit_the_age_band(idnyc: Program) -> None:
    verdict = caretaker_check(idnyc, 22, BIRTH_CERT, doc(PARENT_BC))
    assert not verdict.eligible
    assert verdict.problems[0].doc == PARENT_BC
    assert "21 or younger" in verdict.problems[0].reason
    assert verdict.missing[0].startswith(
        "Add a document proving the caretaker's relationship to the applicant,"
        " for example: Court order"
    )
    examples = verdict.missing[0].split(": ", 1)[1]
    assert "naming the caretaker as parent" not in examples  # (b)(1) documents end at 21


def test_caretaker_missing_everything(idnyc: Program) -> None:
    verdict = check(idnyc, born(11), doc(PARENT_BC))
    assert not verdict.eligible
    assert verdict.missing[0] == "Applicants younger than 14 must come with a caretaker."
    assert verdict.missing[1].startswith("Add 2 identity points")
    assert not any("date of birth" in m for m in verdict.missing)  # the birth certificate shows it
    assert any(m.startswith("The caretaker needs 3 more identity points") for m in verdict.missing)
    assert any(
        m.startswith("Add the applicant's proof of residency in New York City")
        for m in verdict.missing
    )


def test_caretaker_documents_problems_are_marked(idnyc: Program) -> None:
    verdict = caretaker_check(
        idnyc,
        12,
        BIRTH_CERT,
        doc(PARENT_BC),
        caretaker_documents=[doc("us_passport", expires=date(2010, 1, 1))],
    )
    assert verdict.problems[0].reason.startswith("Caretaker's document: Expired on 2010-01-01.")


def test_relationship_documents_may_come_with_the_caretakers(idnyc: Program) -> None:
    verdict = caretaker_check(
        idnyc, 12, BIRTH_CERT, caretaker_documents=[CARETAKER_ID, CARETAKER_BILL, doc(PARENT_BC)]
    )
    assert verdict.eligible and verdict.path == "caretaker"


def test_caretaker_only_residency_letter(idnyc: Program) -> None:
    letter = doc("residential_care_facility_letter", dated=RECENT)
    alone = check(idnyc, ADULT, PASSPORT, letter)
    assert not alone.eligible
    assert alone.problems[0].reason == "Counts only when the applicant comes with a caretaker."


# --- agency verification --------------------------------------------------------------------------


def test_agency_verification_qualifies_alone(idnyc: Program) -> None:
    verdict = check(idnyc, ADULT, agency_verifications=["probation"])
    assert (verdict.eligible, verdict.path, verdict.card_address) == (True, "agency", "home")


def test_doe_middle_school_waives_the_caretaker_and_the_address(idnyc: Program) -> None:
    verdict = check(idnyc, born(11), agency_verifications=["doe_middle_school"])
    assert (verdict.eligible, verdict.path, verdict.card_address) == (True, "agency", "none")
    assert not check(idnyc, born(11), agency_verifications=["probation"]).eligible


def test_agency_verification_that_needs_a_photo_id(idnyc: Program) -> None:
    without = check(idnyc, born(16), agency_verifications=["dycd_syep"])
    assert not without.eligible
    assert without.missing[0].startswith(
        "DYCD Summer Youth Employment Program verification also needs a photo ID, for example: "
    )
    with_photo = check(
        idnyc, born(16), doc("school_id_card", expires=SOON), agency_verifications=["dycd_syep"]
    )
    assert (with_photo.eligible, with_photo.path) == (True, "agency")


def test_agency_records_add_points(idnyc: Program) -> None:
    verdict = check(idnyc, ADULT, agency_verifications=["dss_photo_name_dob", "nycha", "nycha"])
    assert (verdict.eligible, verdict.path) == (True, "points")
    assert (verdict.identity_points, verdict.residency_points) == (3, 1)
    partial = check(idnyc, ADULT, agency_verifications=["dss_name_dob", "dss_address"])
    assert not partial.eligible
    assert (partial.identity_points, partial.residency_points, partial.has_dob_proof) == (
        1,
        1,
        True,
    )


def test_unknown_ids_are_errors(idnyc: Program) -> None:
    with pytest.raises(UnknownAgencyVerification) as caught:
        check(idnyc, ADULT, agency_verifications=["fbi"])
    assert caught.value.code == "rules.unknown_agency"
    with pytest.raises(UnknownDocument):
        check(idnyc, ADULT, caretaker_documents=[doc("library_card")])


# --- the record ---------------------------------------------------------------------------------


def test_verdict_records_the_program_and_no_documents(idnyc: Program) -> None:
    verdict = check(idnyc, ADULT, PASSPORT, BILL)
    assert (verdict.program_id, verdict.program_version) == ("idnyc", idnyc.version)
    assert verdict.program_hash == idnyc.content_hash
    record = verdict.record()
    assert record == {
        "eligible": True,
        "path": "points",
        "card_address": "home",
        "program_id": "idnyc",
        "program_version": idnyc.version,
        "program_hash": idnyc.content_hash,
        "evaluated_on": "2026-11-23",
    }
    assert "us_passport" not in repr(record)
