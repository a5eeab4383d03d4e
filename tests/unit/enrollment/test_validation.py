"""Per-step validation: stable codes, clear messages, nothing typed changed."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from kiosk.capture.photo import CardPhoto
from kiosk.enrollment import validation as v
from kiosk.enrollment.model import AddressKind, ApplicantDetails, Application
from kiosk.rules import Program
from tests.unit.enrollment.conftest import DETAILS

TODAY = date(2026, 11, 23)


def problems(program: Program, **changes: Any) -> dict[str, str]:
    details = ApplicantDetails(**{**DETAILS, **changes})
    return {p.field: p.code for p in v.validate_details(details, program, TODAY)}


def test_complete_details_pass(program: Program) -> None:
    assert problems(program) == {}


def test_empty_details_name_every_required_field(program: Program) -> None:
    found = v.validate_details(ApplicantDetails(), program, TODAY)
    assert {p.field: p.code for p in found} == {
        "family_name": "name.required",
        "dob": "dob.required",
        "gender": "gender.required",
        "height_feet": "height.required",
        "eye_colour": "eye_colour.required",
        "street": "street.required",
        "city": "city.required",
        "postal_code": "postal_code.required",
    }
    assert all(p.message.endswith(".") for p in found)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"family_name": "", "given_name": "Madonna"}, None, None),  # one name is enough
        ({"family_name": "x" * 101}, "family_name", "name.too_long"),
        ({"dob": "04/07/1990"}, "dob", "dob.format"),
        ({"dob": "1990-02-30"}, "dob", "dob.format"),
        ({"dob": "2026-11-24"}, "dob", "dob.future"),
        ({"dob": "1890-01-01"}, "dob", "dob.implausible"),
        ({"dob": "2017-01-01"}, "dob", "dob.too_young"),
        ({"height_feet": "five"}, "height_feet", "height.invalid"),
        ({"height_feet": "5", "height_inches": "12"}, "height_feet", "height.invalid"),
        ({"height_feet": "٥", "height_inches": "৬"}, None, None),  # Arabic-Indic, Bengali
        ({"height_feet": "5²"}, "height_feet", "height.invalid"),  # a digit, not a decimal
        ({"height_inches": ""}, None, None),  # "5 ft" is 5 ft 0 in
        ({"postal_code": "1120"}, "postal_code", "postal_code.format"),
        ({"postal_code": "11201-1234"}, None, None),
        ({"postal_code": "07302"}, "postal_code", "postal_code.outside_area"),
        ({"city": "  "}, "city", "city.required"),
        ({"street": "x" * 201}, "street", "street.too_long"),
        ({"state": ""}, "state", "state.required"),
        ({"phone": "212 555 0100"}, None, None),
        ({"phone": "(212) 555-0100"}, None, None),
        ({"phone": "1-212-555-0100"}, None, None),
        ({"phone": "+44 20 7946 0958"}, None, None),
        ({"phone": "٢١٢ ٥٥٥ ٠١٠٠"}, None, None),
        ({"phone": "555-0100"}, "phone", "phone.format"),
        ({"phone": "+12"}, "phone", "phone.format"),
        ({"phone": "call me"}, "phone", "phone.format"),
        ({"email": "ana@example.org"}, None, None),
        ({"email": "ana@example"}, "email", "email.format"),
        ({"email": "ana example.org"}, "email", "email.format"),
        ({"emergency_name": "Rosa"}, "emergency_phone", "emergency.phone_required"),
        ({"emergency_phone": "718 555 0101"}, "emergency_name", "emergency.name_required"),
        ({"emergency_name": "Rosa", "emergency_phone": "12"}, "emergency_phone", "phone.format"),
        ({"emergency_name": "Rosa", "emergency_phone": "718 555 0101"}, None, None),
        ({"organ_donor": True}, None, None),
        ({"organ_donor": True, "dob": "2011-01-01"}, "organ_donor", "organ_donor.too_young"),
        ({"organ_donor": True, "dob": "not a date"}, "organ_donor", "organ_donor.too_young"),
    ],
)
def test_detail_rules(
    program: Program, changes: dict[str, Any], field: str | None, code: str | None
) -> None:
    found = problems(program, **changes)
    if field is None:
        assert found == {}
    else:
        assert found.get(field) == code, found


def test_an_emergency_contact_is_required_under_14(program: Program) -> None:
    assert problems(program, dob="2013-01-01") == {"emergency_name": "emergency.required"}
    assert problems(program, dob="2012-01-01") == {}


def test_address_kinds_ask_for_their_own_fields(program: Program) -> None:
    none = problems(program, address_kind=AddressKind.NONE, street="", postal_code="")
    assert none == {}
    care_of = problems(program, address_kind=AddressKind.CARE_OF)
    assert care_of == {"care_of": "care_of.required"}
    assert problems(program, address_kind=AddressKind.CARE_OF, care_of="Safe Horizon") == {}
    po_box = problems(program, address_kind=AddressKind.PO_BOX, street="")
    assert po_box == {"po_box": "po_box.required"}
    assert problems(program, address_kind=AddressKind.PO_BOX, po_box="1234", street="") == {}


def test_messages_carry_their_values(program: Program) -> None:
    details = ApplicantDetails(**{**DETAILS, "postal_code": "07302", "dob": "2020-01-01"})
    messages = {p.code: p.message for p in v.validate_details(details, program, TODAY)}
    assert messages["postal_code.outside_area"] == "07302 is not a ZIP code in New York City."
    assert messages["dob.too_young"] == "The applicant must be at least 10 years old."
    assert "07302" not in repr(v.validate_details(details, program, TODAY))


def test_a_program_without_postal_codes_checks_only_the_format(program: Program) -> None:
    anywhere = dataclasses.replace(
        program, area=dataclasses.replace(program.area, postal_codes=frozenset())
    )
    details = ApplicantDetails(**{**DETAILS, "postal_code": "07302"})
    assert v.validate_details(details, anywhere, TODAY) == []


def test_allowed_address_kinds() -> None:
    assert v.allowed_address_kinds(None) == tuple(AddressKind)
    assert v.allowed_address_kinds("home") == (AddressKind.HOME,)
    assert v.allowed_address_kinds("care_of") == (AddressKind.CARE_OF,)
    assert v.allowed_address_kinds("po_box") == (AddressKind.PO_BOX, AddressKind.NONE)
    assert v.allowed_address_kinds("none") == (AddressKind.NONE,)


def test_digits_of_any_script_count() -> None:
    assert v.ascii_digits("٢١٢-৫৫৫ ０１") == "212-555 01"
    assert v.parse_height(ApplicantDetails(height_feet="٥", height_inches="১১")) == (5, 11)


def test_parsers() -> None:
    assert v.parse_date(" 2000-02-29 ") == date(2000, 2, 29)
    assert v.parse_date("20000229") is None and v.parse_date("2001-02-29") is None
    assert v.parse_postal_code("11201-0001") == "11201" and v.parse_postal_code("1120") is None
    assert v.applicant_age(ApplicantDetails(dob="2030-01-01"), TODAY) is None


def test_photo_and_confirmation_steps() -> None:
    assert [p.code for p in v.validate_photo(Application())] == ["photo.required"]
    empty = CardPhoto(jpeg=b"", width=1, height=1, face_fraction=0.5)
    assert [p.code for p in v.validate_photo(Application(photo=empty))] == ["photo.required"]
    assert [p.code for p in v.validate_confirmation(Application())] == ["attestation.required"]
    assert v.validate_confirmation(Application(attested=True)) == []
