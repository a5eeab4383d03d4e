"""Per-step validation: the application so far in, `FieldProblem`s with stable codes out.

Validation never changes what was typed; it only says what is wrong, so the screens can show
each message beside its field. Parsing helpers live here too, so the flow, the record builder
and the validator read a typed date or ZIP code the same way.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from kiosk.enrollment import texts
from kiosk.enrollment.languages import MAX_LANGUAGES, OTHER
from kiosk.enrollment.model import AddressKind, ApplicantDetails, Application
from kiosk.rules import Program, Verdict, age_on
from kiosk.rules.models import CardAddress

MAX_NAME = 100
MAX_TEXT = 200
MIN_FEET, MAX_FEET = 3, 8
MAX_AGE = 130
# IDNYC's application form: an emergency contact is required under 14 and optional from 14;
# the NYS donor registry accepts registrations from 16. Move these to the program file when a
# second program differs.
EMERGENCY_CONTACT_REQUIRED_BELOW = 14
ORGAN_DONOR_MIN_AGE = 16

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ZIP = re.compile(r"(\d{5})(?:-\d{4})?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE_NOISE = re.compile(r"[\s().\-/]")


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one field: `code` is stable, `message` is translated text."""

    field: str
    code: str
    message: str = dataclasses.field(repr=False)  # may quote what was typed (a ZIP code)


def parse_date(text: str) -> date | None:
    """A strict ISO `YYYY-MM-DD` date, or None (no other spellings, no guessing)."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_postal_code(text: str) -> str | None:
    """The 5-digit ZIP code of a ZIP or ZIP+4, or None."""
    match = _ZIP.fullmatch(text.strip())
    return match.group(1) if match else None


def ascii_digits(text: str) -> str:
    """Digits of any script (Arabic-Indic, Bengali, full-width...) as 0-9; the rest unchanged."""
    return "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)


def parse_height(details: ApplicantDetails) -> tuple[int, int] | None:
    feet = ascii_digits(details.height_feet.strip())
    inches = ascii_digits(details.height_inches.strip()) or "0"
    if not (feet.isascii() and inches.isascii() and feet.isdecimal() and inches.isdecimal()):
        return None
    parsed = int(feet), int(inches)
    if not (MIN_FEET <= parsed[0] <= MAX_FEET and 0 <= parsed[1] <= 11):
        return None
    return parsed


def applicant_age(details: ApplicantDetails, today: date) -> int | None:
    """Completed years on `today`, or None while the date of birth is missing or impossible."""
    dob = parse_date(details.dob)
    if dob is None or dob > today:
        return None
    return age_on(dob, today)


def phone_ok(text: str) -> bool:
    """Light touch: a US number of 10 digits (an optional leading 1), or +country and 8-15."""
    compact = ascii_digits(_PHONE_NOISE.sub("", text.strip()))
    if compact.startswith("+"):
        digits = compact[1:]
        return digits.isascii() and digits.isdecimal() and 8 <= len(digits) <= 15
    if not (compact.isascii() and compact.isdecimal()):
        return False
    return len(compact) == 10 or (len(compact) == 11 and compact.startswith("1"))


def email_ok(text: str) -> bool:
    return len(text.strip()) <= MAX_TEXT and bool(_EMAIL.fullmatch(text.strip()))


def allowed_address_kinds(card_address: CardAddress | None) -> tuple[AddressKind, ...]:
    """What the card may show given the verdict; before there is one, any kind may be chosen.

    A P.O.-box letter (an HRA domestic-violence residential program) lets the applicant choose
    the box or no address at all.
    """
    if card_address is None:
        return tuple(AddressKind)
    if card_address == "po_box":
        return (AddressKind.PO_BOX, AddressKind.NONE)
    return (AddressKind(card_address),)


# --- step 1 ---------------------------------------------------------------------------------


def validate_type(application: Application) -> list[FieldProblem]:
    problems = []
    if application.application_type is None:
        problems.append(FieldProblem("application_type", "type.required", texts.type_required()))
    languages = application.languages
    if not languages:
        problems.append(FieldProblem("languages", "languages.required", texts.language_required()))
    if len(languages) > MAX_LANGUAGES:
        problems.append(
            FieldProblem("languages", "languages.too_many", texts.too_many_languages(MAX_LANGUAGES))
        )
    if len({choice.code for choice in languages}) != len(languages):
        problems.append(
            FieldProblem("languages", "languages.duplicate", texts.duplicate_language())
        )
    for choice in languages:
        if choice.code == OTHER and not choice.other.strip():
            problems.append(
                FieldProblem("languages", "languages.other_text", texts.other_language_text())
            )
    return problems


# --- step 2 ---------------------------------------------------------------------------------


def validate_details(
    details: ApplicantDetails, program: Program, today: date
) -> list[FieldProblem]:
    problems = _names(details)
    problems += _birth(details, program, today)
    if details.gender is None:
        problems.append(FieldProblem("gender", "gender.required", texts.gender_required()))
    if not details.height_feet.strip():
        problems.append(FieldProblem("height_feet", "height.required", texts.height_required()))
    elif parse_height(details) is None:
        problems.append(
            FieldProblem("height_feet", "height.invalid", texts.height_invalid(MIN_FEET, MAX_FEET))
        )
    if details.eye_colour is None:
        problems.append(
            FieldProblem("eye_colour", "eye_colour.required", texts.eye_colour_required())
        )
    problems += _address(details, program)
    problems += _contact(details)
    problems += _emergency_and_donor(details, today)
    return problems


def _names(details: ApplicantDetails) -> list[FieldProblem]:
    problems = []
    if not (details.family_name.strip() or details.given_name.strip()):
        problems.append(FieldProblem("family_name", "name.required", texts.name_required()))
    for name in ("family_name", "given_name", "middle_name"):
        if len(getattr(details, name).strip()) > MAX_NAME:
            problems.append(FieldProblem(name, "name.too_long", texts.too_long(MAX_NAME)))
    return problems


def _birth(details: ApplicantDetails, program: Program, today: date) -> list[FieldProblem]:
    if not details.dob.strip():
        return [FieldProblem("dob", "dob.required", texts.dob_required())]
    dob = parse_date(details.dob)
    if dob is None:
        return [FieldProblem("dob", "dob.format", texts.date_format("1990-07-04"))]
    if dob > today:
        return [FieldProblem("dob", "dob.future", texts.dob_in_future())]
    age = age_on(dob, today)
    if age > MAX_AGE:
        return [FieldProblem("dob", "dob.implausible", texts.dob_implausible())]
    if age < program.age.minimum:
        return [FieldProblem("dob", "dob.too_young", texts.too_young(program.age.minimum))]
    return []


def _address(details: ApplicantDetails, program: Program) -> list[FieldProblem]:
    kind = details.address_kind
    if kind is AddressKind.NONE:
        return []
    problems = []
    required = {
        AddressKind.HOME: ("street", "city", "state"),
        AddressKind.CARE_OF: ("care_of", "street", "city", "state"),
        AddressKind.PO_BOX: ("po_box", "city", "state"),
    }[kind]
    messages = {
        "street": texts.street_required,
        "city": texts.city_required,
        "state": texts.state_required,
        "care_of": texts.care_of_required,
        "po_box": texts.po_box_required,
    }
    for name in required:
        value = getattr(details, name).strip()
        if not value:
            problems.append(FieldProblem(name, f"{name}.required", messages[name]()))
        elif len(value) > MAX_TEXT:
            problems.append(FieldProblem(name, f"{name}.too_long", texts.too_long(MAX_TEXT)))
    problems += _postal_code(details.postal_code, program)
    return problems


def _postal_code(text: str, program: Program) -> list[FieldProblem]:
    if not text.strip():
        return [FieldProblem("postal_code", "postal_code.required", texts.postal_code_required())]
    zip5 = parse_postal_code(text)
    if zip5 is None:
        return [FieldProblem("postal_code", "postal_code.format", texts.postal_code_format())]
    area = program.area
    if area.postal_codes and not area.contains(zip5):
        return [
            FieldProblem(
                "postal_code",
                "postal_code.outside_area",
                texts.postal_code_outside_area(zip5, area.name),
            )
        ]
    return []


def _contact(details: ApplicantDetails) -> list[FieldProblem]:
    problems = []
    if details.phone.strip() and not phone_ok(details.phone):
        problems.append(FieldProblem("phone", "phone.format", texts.phone_format()))
    if details.email.strip() and not email_ok(details.email):
        problems.append(FieldProblem("email", "email.format", texts.email_format()))
    return problems


def _emergency_and_donor(details: ApplicantDetails, today: date) -> list[FieldProblem]:
    problems = []
    age = applicant_age(details, today)
    name, phone = details.emergency_name.strip(), details.emergency_phone.strip()
    if not name and not phone:
        if age is not None and age < EMERGENCY_CONTACT_REQUIRED_BELOW:
            problems.append(
                FieldProblem(
                    "emergency_name",
                    "emergency.required",
                    texts.emergency_required(EMERGENCY_CONTACT_REQUIRED_BELOW),
                )
            )
    elif not name:
        problems.append(
            FieldProblem(
                "emergency_name", "emergency.name_required", texts.emergency_name_required()
            )
        )
    elif not phone:
        problems.append(
            FieldProblem(
                "emergency_phone", "emergency.phone_required", texts.emergency_phone_required()
            )
        )
    elif not phone_ok(phone):
        problems.append(FieldProblem("emergency_phone", "phone.format", texts.phone_format()))
    if details.organ_donor and (age is None or age < ORGAN_DONOR_MIN_AGE):
        problems.append(
            FieldProblem(
                "organ_donor",
                "organ_donor.too_young",
                texts.organ_donor_too_young(ORGAN_DONOR_MIN_AGE),
            )
        )
    return problems


# --- steps 3 to 6 ---------------------------------------------------------------------------


def validate_documents(application: Application, verdict: Verdict | None) -> list[FieldProblem]:
    if verdict is None:
        return [FieldProblem("dob", "documents.details_first", texts.details_first())]
    problems = []
    if not verdict.eligible:
        problems.append(FieldProblem("documents", "documents.not_eligible", texts.not_eligible()))
    allowed = allowed_address_kinds(verdict.card_address)
    if application.details.address_kind not in allowed:
        labels = ", ".join(texts.address_kind_label(kind) for kind in allowed)
        problems.append(
            FieldProblem(
                "address_kind", "address_kind.not_allowed", texts.address_kind_not_allowed(labels)
            )
        )
    return problems


def validate_photo(application: Application) -> list[FieldProblem]:
    if application.photo is None or not application.photo.jpeg:
        return [FieldProblem("photo", "photo.required", texts.photo_required())]
    return []


def validate_confirmation(application: Application) -> list[FieldProblem]:
    if not application.attested:
        return [FieldProblem("attested", "attestation.required", texts.attestation_required())]
    return []
