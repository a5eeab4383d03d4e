"""Checks on one document: expiry and grace, date windows, NYC address, companions, fallbacks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kiosk.rules import Program, UnknownDocument
from kiosk.rules.documents import Assessment, assess_document, assess_relationship
from tests.unit.rules.helpers import TODAY, doc


def assess(program: Program, document, *others: str, caretaker: bool = False) -> Assessment:  # type: ignore[no-untyped-def]
    return assess_document(
        program,
        document,
        TODAY,
        presented_ids={document.id, *others},
        caretaker_present=caretaker,
    )


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def points(assessment: Assessment) -> tuple[int, int] | None:
    counted = assessment.counted
    return None if counted is None else (counted.identity_points, counted.residency_points)


# --- expiry ---------------------------------------------------------------------------------------


def test_unexpired_document_counts_in_full(idnyc: Program) -> None:
    result = assess(idnyc, doc("us_passport", expires=TODAY))
    assert points(result) == (3, 0)
    assert result.reasons == ()


def test_expiry_date_is_needed_when_it_matters(idnyc: Program) -> None:
    result = assess(idnyc, doc("consular_id_card"))
    assert result.counted is None
    assert result.reasons == ("The expiry date is needed to check this document.",)


def test_documents_without_expiry_ignore_it(idnyc: Program) -> None:
    assert points(assess(idnyc, doc("us_birth_certificate"))) == (2, 0)
    assert points(assess(idnyc, doc("us_birth_certificate", expires=ago(9000)))) == (2, 0)


def test_expired_document_without_grace_is_refused(idnyc: Program) -> None:
    result = assess(idnyc, doc("consular_id_card", expires=ago(1)))
    assert result.counted is None
    assert result.reasons == (f"Expired on {ago(1).isoformat()}.",)


@pytest.mark.parametrize("passport", ["us_passport", "foreign_passport_mrz"])
def test_passport_expired_up_to_three_years_counts_two_points(
    idnyc: Program, passport: str
) -> None:
    result = assess(idnyc, doc(passport, expires=ago(1095)))
    assert points(result) == (2, 0)
    assert result.counted is not None and result.counted.has_photo and result.counted.has_dob
    assert result.counted.type.id == f"{passport}_expired_3y"
    assert "Counted as:" in result.reasons[0]
    assert "expired up to 3 years" in result.reasons[0]


@pytest.mark.parametrize("passport", ["us_passport", "foreign_passport_mrz"])
def test_passport_expired_more_than_three_years_is_refused(idnyc: Program, passport: str) -> None:
    result = assess(idnyc, doc(passport, expires=ago(1096)))
    assert result.counted is None
    assert "accepted only up to 1095 days after expiry" in result.reasons[-1]


def test_non_machine_readable_foreign_passport_has_no_grace(idnyc: Program) -> None:
    assert assess(idnyc, doc("foreign_passport_non_mrz", expires=ago(10))).counted is None


def test_idnyc_card_inside_the_renewal_period_keeps_four_points(idnyc: Program) -> None:
    result = assess(idnyc, doc("idnyc_card_with_current_address", expires=ago(183)))
    assert points(result) == (3, 1)
    assert result.counted is not None and result.counted.single_document
    assert result.reasons == ()


def test_idnyc_card_past_renewal_counts_as_expired_card(idnyc: Program) -> None:
    result = assess(idnyc, doc("idnyc_card_with_current_address", expires=ago(184)))
    assert points(result) == (2, 0)
    assert result.counted is not None and result.counted.type.id == "idnyc_card_expired_3y"
    assert points(assess(idnyc, doc("idnyc_card_without_current_address", expires=ago(1000)))) == (
        2,
        0,
    )
    assert (
        assess(idnyc, doc("idnyc_card_without_current_address", expires=ago(1096))).counted is None
    )


def test_expired_dmv_licence_counts_with_the_interim_document(idnyc: Program) -> None:
    licence = doc("nys_dmv_driver_license_or_permit_nyc_address", expires=ago(30))
    assert assess(idnyc, licence).counted is None
    assert points(assess(idnyc, licence, "nys_dmv_interim_document")) == (3, 1)


# --- date windows ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "days"),
    [
        ("utility_cable_phone_bill", 60),  # the default window
        ("property_tax_statement", 365),
        ("hospital_clinic_residence_letter", 30),
        ("dv_services_letter_no_address", 30),
        ("homeless_services_letter_no_address", 30),
        ("care_of_address_letter", 14),
        ("nys_doccs_released_offender_id", 365),
    ],
)
def test_date_windows(idnyc: Program, doc_id: str, days: int) -> None:
    assert assess(idnyc, doc(doc_id, dated=ago(days), expires=TODAY)).counted is not None
    late = assess(idnyc, doc(doc_id, dated=ago(days + 1), expires=TODAY))
    assert late.counted is None
    assert late.reasons == (
        f"Dated {ago(days + 1).isoformat()}: it must be dated within the last {days} days.",
    )


def test_date_is_needed_for_windowed_documents(idnyc: Program) -> None:
    result = assess(idnyc, doc("pay_stub"))
    assert result.counted is None
    assert result.reasons == (
        "The date on the document is needed to check that it is recent enough.",
    )


def test_future_dates_are_refused(idnyc: Program) -> None:
    result = assess(idnyc, doc("pay_stub", dated=TODAY + timedelta(days=1)))
    assert result.counted is None
    assert "after today" in result.reasons[0]
    w2 = assess(idnyc, doc("irs_w2_1099_1095", dated=TODAY + timedelta(days=1)))
    assert w2.counted is None


def test_lease_must_be_current(idnyc: Program) -> None:
    assert points(assess(idnyc, doc("residential_lease", dated=ago(700), expires=TODAY))) == (0, 1)
    ended = assess(idnyc, doc("residential_lease", dated=ago(700), expires=ago(1)))
    assert ended.counted is None
    assert ended.reasons == (f"No longer current: it ended on {ago(1).isoformat()}.",)
    future = assess(
        idnyc, doc("residential_lease", dated=TODAY + timedelta(days=3), expires=ago(-400))
    )
    assert future.counted is None and "Not current yet" in future.reasons[0]
    missing = assess(idnyc, doc("college_housing_agreement", dated=ago(5)), "school_id_card")
    assert missing.reasons == ("The end date of the term is needed to check that it is current.",)


def test_tax_forms_count_until_april_15_of_the_next_year(idnyc: Program) -> None:
    form = doc("irs_w2_1099_1095", dated=date(2025, 12, 31))
    on_deadline = assess_document(
        idnyc, form, date(2026, 4, 15), presented_ids={form.id}, caretaker_present=False
    )
    after = assess_document(
        idnyc, form, date(2026, 4, 16), presented_ids={form.id}, caretaker_present=False
    )
    assert on_deadline.counted is not None
    assert after.counted is None
    assert after.reasons == ("Accepted only until 2026-04-15.",)


# --- NYC address ----------------------------------------------------------------------------------


def test_residency_document_needs_an_nyc_address(idnyc: Program) -> None:
    bill = assess(idnyc, doc("utility_cable_phone_bill", dated=ago(3), local_address=False))
    assert bill.counted is None
    assert bill.reasons == ("Does not show an address in New York City.",)
    assert assess(idnyc, doc("utility_cable_phone_bill", dated=ago(3), local_address=True)).counted


def test_zip_code_outside_nyc_is_refused(idnyc: Program) -> None:
    bill = assess(idnyc, doc("utility_cable_phone_bill", dated=ago(3), postal_code="07030"))
    assert bill.counted is None
    assert bill.reasons == ("The postal code is not in New York City.",)
    inside = assess(idnyc, doc("utility_cable_phone_bill", dated=ago(3), postal_code="11368"))
    assert points(inside) == (0, 1)


def test_licence_without_nyc_address_counts_as_an_identity_document(idnyc: Program) -> None:
    licence = doc(
        "nys_dmv_driver_license_or_permit_nyc_address", expires=ago(-300), postal_code="12550"
    )
    result = assess(idnyc, licence)
    assert points(result) == (3, 0)
    assert result.counted is not None and not result.counted.single_document
    assert result.counted.type.id == "us_state_driver_license"


def test_two_way_document_keeps_identity_without_nyc_address(idnyc: Program) -> None:
    interim = assess(idnyc, doc("nys_dmv_interim_document", expires=ago(-30), local_address=False))
    assert points(interim) == (2, 0)
    assert interim.reasons == (
        "Does not show an address in New York City: counted for identity only.",
    )


def test_no_address_letters_need_no_nyc_address(idnyc: Program) -> None:
    letter = doc("dv_services_letter_no_address", dated=ago(2), local_address=False)
    result = assess(idnyc, letter)
    assert points(result) == (0, 1)
    assert result.counted is not None and result.counted.card_address == "none"


# --- conditions -----------------------------------------------------------------------------------


def test_companion_documents(idnyc: Program) -> None:
    letter = doc("college_administrator_letter")
    alone = assess(idnyc, letter)
    assert alone.counted is None
    assert alone.reasons == ("Counts only together with one of: School ID card.",)
    assert points(assess(idnyc, letter, "school_id_card")) == (0, 1)


def test_caretaker_only_documents(idnyc: Program) -> None:
    letter = doc("acs_foster_care_letter", dated=ago(5))
    assert assess(idnyc, letter).reasons == (
        "Counts only when the applicant comes with a caretaker.",
    )
    assert assess(idnyc, letter, caretaker=True).counted is not None


def test_conditional_photo_and_dob(idnyc: Program) -> None:
    voter = assess(idnyc, doc("us_voter_registration_card"))
    assert voter.counted is not None and not voter.counted.has_photo
    with_photo = assess(idnyc, doc("us_voter_registration_card", photo=True))
    assert with_photo.counted is not None and with_photo.counted.has_photo
    national = assess(idnyc, doc("foreign_national_id_mrz", expires=TODAY))
    assert national.counted is not None and not national.counted.has_dob
    shown = assess(idnyc, doc("foreign_national_id_mrz", expires=TODAY, dob=True))
    assert shown.counted is not None and shown.counted.has_dob


def test_relationship_documents_age_band_and_window(idnyc: Program) -> None:
    parent = idnyc.relationship_document(
        "rel_where_caretaker_is_parent_applicant_s_birth_certificate"
    )
    assert parent is not None
    presented = doc(parent.id)
    assert assess_relationship(parent, presented, TODAY, 21) is None
    assert assess_relationship(parent, presented, TODAY, 22) == (
        "Proves the relationship only for applicants aged 21 or younger."
    )
    facility = idnyc.relationship_document(
        "rel_where_caretaker_is_residential_care_facility_employee_signed"
    )
    assert facility is not None and facility.applicant_age_max is None
    assert assess_relationship(facility, doc(facility.id, dated=ago(60)), TODAY, 40) is None
    assert assess_relationship(facility, doc(facility.id, dated=ago(61)), TODAY, 40) is not None
    assert idnyc.relationship_document("us_passport") is None


def test_unknown_document_id(idnyc: Program) -> None:
    with pytest.raises(UnknownDocument, match="unknown document id 'green_card'") as caught:
        assess(idnyc, doc("green_card"))
    assert caught.value.code == "rules.unknown_document"
    assert idnyc.name_of("rel_where_caretaker_is_parent_court_order_of_paternity_filiation")
