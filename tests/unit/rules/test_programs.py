"""San Francisco and Newburgh: the same engine, other rules, nothing IDNYC-specific in code."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.rules import PresentedDocument, Program, Verdict, evaluate
from tests.unit.rules.helpers import ADULT, TODAY, doc

SOON = TODAY + timedelta(days=100)
RECENT = TODAY - timedelta(days=3)


def check(program: Program, dob: date, *docs: PresentedDocument, **kwargs: object) -> Verdict:
    return evaluate(program, dob, TODAY, list(docs), **kwargs)  # type: ignore[arg-type]


# --- San Francisco: one primary or two secondary documents, no points -----------------------------


def test_sf_one_primary_document(sf: Program) -> None:
    verdict = check(
        sf, ADULT, doc("consular_id_card", expires=SOON), doc("utility_bill", dated=RECENT)
    )
    assert (verdict.eligible, verdict.path) == (True, "primary_document")
    assert verdict.identity_points == 0  # no points in this program
    assert verdict.residency_points == 1


def test_sf_two_secondary_documents(sf: Program) -> None:
    verdict = check(
        sf,
        ADULT,
        doc("us_birth_certificate"),
        doc("california_school_id", expires=SOON),
        doc("pay_stub", dated=RECENT),
    )
    assert (verdict.eligible, verdict.path) == (True, "secondary_documents")


def test_sf_one_secondary_document_is_not_enough(sf: Program) -> None:
    verdict = check(sf, ADULT, doc("us_birth_certificate"), doc("utility_bill", dated=RECENT))
    assert not verdict.eligible
    assert verdict.missing[0].startswith("Add 1 secondary identity document, for example: ")
    assert "U.S. passport" not in verdict.missing[0]  # primary documents are another path


def test_sf_nothing_suggests_the_primary_path(sf: Program) -> None:
    verdict = check(sf, ADULT)
    assert verdict.missing[0].startswith(
        "Add 1 primary identity document, for example: Foreign passport"
    )


def test_sf_secondary_photo_only_from_age_14(sf: Program) -> None:
    papers = (doc("us_birth_certificate"), doc("itin_letter"), doc("utility_bill", dated=RECENT))
    child = TODAY.replace(year=TODAY.year - 13)
    assert check(sf, child, *papers).eligible
    teen = TODAY.replace(year=TODAY.year - 14)
    verdict = check(sf, teen, *papers)
    assert not verdict.eligible
    assert verdict.missing[0].startswith("Add a photo ID")


def test_sf_no_expired_documents_and_a_30_day_window(sf: Program) -> None:
    expired = check(
        sf,
        ADULT,
        doc("us_passport", expires=TODAY - timedelta(days=1)),
        doc("utility_bill", dated=RECENT),
    )
    assert not expired.eligible
    old_bill = check(
        sf,
        ADULT,
        doc("us_passport", expires=SOON),
        doc("utility_bill", dated=TODAY - timedelta(days=31)),
    )
    assert not old_bill.eligible
    assert old_bill.problems[0].reason.endswith("within the last 30 days.")


def test_sf_address_must_be_in_san_francisco(sf: Program) -> None:
    verdict = check(
        sf,
        ADULT,
        doc("us_passport", expires=SOON),
        doc("utility_bill", dated=RECENT, postal_code="10001"),
    )
    assert not verdict.eligible
    assert verdict.problems[0].reason == "The postal code is not in San Francisco."


def test_sf_primary_needs_photo_and_dob_on_the_same_document(sf: Program) -> None:
    assert sf.paths[0].photo_and_dob_same_document  # type: ignore[union-attr]


# --- Newburgh: 4 identity + 1 residency points, expired up to five years --------------------------


def test_newburgh_list_one_document_and_a_bill(newburgh: Program) -> None:
    verdict = check(
        newburgh, ADULT, doc("us_passport", expires=SOON), doc("jury_summons", dated=RECENT)
    )
    assert (verdict.eligible, verdict.path, verdict.identity_points) == (True, "points", 4)


def test_newburgh_needs_four_identity_points(newburgh: Program) -> None:
    verdict = check(
        newburgh, ADULT, doc("foreign_national_id", expires=SOON), doc("utility_bill", dated=RECENT)
    )
    assert not verdict.eligible
    assert verdict.missing == (
        # the curated list first (minus what was shown), then the file's order
        "Add 1 identity point, for example: U.S. birth certificate, Social Security card,"
        " U.S. passport",
    )


def test_newburgh_accepts_identity_documents_expired_up_to_five_years(newburgh: Program) -> None:
    bill = doc("utility_bill", dated=RECENT)
    within = check(newburgh, ADULT, doc("us_passport", expires=TODAY - timedelta(days=1826)), bill)
    assert within.eligible and within.problems == ()
    beyond = check(newburgh, ADULT, doc("us_passport", expires=TODAY - timedelta(days=1827)), bill)
    assert not beyond.eligible
    assert "1826 days after expiry" in beyond.problems[0].reason


def test_newburgh_minors_apply_with_a_caretaker(newburgh: Program) -> None:
    minor = TODAY.replace(year=TODAY.year - 17)
    alone = check(
        newburgh, minor, doc("us_passport", expires=SOON), doc("utility_bill", dated=RECENT)
    )
    assert not alone.eligible
    assert alone.missing[0] == "Applicants younger than 18 must come with a caretaker."
    verdict = check(
        newburgh,
        minor,
        doc("us_birth_certificate"),
        doc("birth_certificate_naming_parent"),
        caretaker_documents=[
            doc("us_state_driver_license_or_id", expires=SOON),
            doc("utility_bill", dated=RECENT),
        ],
        caretaker_attestation=True,
    )
    assert (verdict.eligible, verdict.path) == (True, "caretaker")


def test_newburgh_zip_code(newburgh: Program) -> None:
    assert newburgh.area.contains("12550")
    assert not newburgh.area.contains("11201")
