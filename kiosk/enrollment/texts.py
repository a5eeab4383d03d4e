"""Every sentence the enrollment core shows, in one place, ready for translation.

Marked with `_()` and filled with named `.format` placeholders (never f-strings inside `_()`),
so catalogues can be checked for matching placeholders. Staff read these on the operator's
screens; the applicant-facing confirmation and receipt texts belong to the documents module.
"""

from __future__ import annotations

from kiosk.enrollment.model import AddressKind
from kiosk.i18n.scoped import gettext as _


def type_required() -> str:
    return _("Choose the application type.")


def language_required() -> str:
    return _("Choose at least one preferred language.")


def too_many_languages(count: int) -> str:
    return _("Choose at most {count} preferred languages.").format(count=count)


def duplicate_language() -> str:
    return _("Each language can be chosen only once.")


def other_language_text() -> str:
    return _("Write which other language the applicant prefers.")


def name_required() -> str:
    return _("Enter the applicant's name: a family name, a given name, or both.")


def too_long(maximum: int) -> str:
    return _("Keep this to {maximum} characters.").format(maximum=maximum)


def dob_required() -> str:
    return _("Enter the date of birth.")


def date_format(example: str) -> str:
    return _("Enter the date as YYYY-MM-DD, for example {example}.").format(example=example)


def dob_in_future() -> str:
    return _("The date of birth is after today.")


def dob_implausible() -> str:
    return _("Check the year of birth.")


def too_young(age: int) -> str:
    return _("The applicant must be at least {age} years old.").format(age=age)


def gender_required() -> str:
    return _("Choose F, M, X or not designated.")


def height_required() -> str:
    return _("Enter the height in feet and inches.")


def height_invalid(min_feet: int, max_feet: int) -> str:
    return _("Enter feet from {min_feet} to {max_feet} and inches from 0 to 11.").format(
        min_feet=min_feet, max_feet=max_feet
    )


def eye_colour_required() -> str:
    return _("Choose the eye colour.")


def street_required() -> str:
    return _("Enter the street address.")


def city_required() -> str:
    return _("Enter the city or borough.")


def state_required() -> str:
    return _("Enter the state.")


def care_of_required() -> str:
    return _("Enter the organization that receives mail for the applicant.")


def po_box_required() -> str:
    return _("Enter the P.O. box number.")


def postal_code_required() -> str:
    return _("Enter the ZIP code.")


def postal_code_format() -> str:
    return _("A ZIP code is 5 digits (ZIP+4 is fine).")


def postal_code_outside_area(postal_code: str, area: str) -> str:
    return _("{postal_code} is not a ZIP code in {area}.").format(
        postal_code=postal_code, area=area
    )


def address_kind_not_allowed(allowed: str) -> str:
    return _("With the documents presented, the card can show: {allowed}.").format(allowed=allowed)


def address_kind_label(kind: AddressKind) -> str:
    labels = {
        AddressKind.HOME: _("home address"),
        AddressKind.NONE: _("no address"),
        AddressKind.CARE_OF: _("care-of address"),
        AddressKind.PO_BOX: _("P.O. box"),
    }
    return labels[kind]


def phone_format() -> str:
    return _("Check the phone number: 10 digits, for example 212 555 0100.")


def email_format() -> str:
    return _("Check the email address, for example name@example.org.")


def emergency_required(age: int) -> str:
    return _("An emergency contact is needed for applicants under {age}.").format(age=age)


def emergency_name_required() -> str:
    return _("Enter the emergency contact's name.")


def emergency_phone_required() -> str:
    return _("Enter the emergency contact's phone number.")


def organ_donor_too_young(age: int) -> str:
    return _("The donor registry accepts applicants from age {age}.").format(age=age)


def details_first() -> str:
    return _("Enter a valid date of birth first: the rules depend on the applicant's age.")


def not_eligible() -> str:
    return _("The documents do not meet the program's rules yet: see what is missing.")


def photo_required() -> str:
    return _("Take the applicant's photo.")


def attestation_required() -> str:
    return _("Tick the attestation once the applicant has checked the details.")
