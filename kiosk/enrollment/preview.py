"""What the review step's card preview and the receipt show, mapped onto kiosk.documents' inputs.

The mapping lives here so that the screens only call the renderers: names as entered, the card
address lines by kind, the expiry from the program's card rules, the receipt from what submit
left. The receipt never carries the applicant's details.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.documents import AddressKind as CardAddressKind
from kiosk.documents import CardAddress, CardFields, ReceiptFields, card_expiry
from kiosk.enrollment.languages import OTHER
from kiosk.enrollment.model import AddressKind, ApplicantDetails, Application
from kiosk.enrollment.state import FlowState
from kiosk.enrollment.validation import parse_date
from kiosk.rules import Program


def card_fields(state: FlowState, program: Program) -> CardFields | None:
    """The card preview's fields; None until the date of birth, verdict and photo exist, or
    when the program file has no card section."""
    app, verdict, age = state.application, state.verdict, state.age
    dob = parse_date(app.details.dob)
    if dob is None or verdict is None or age is None or app.photo is None or program.card is None:
        return None
    details = app.details
    given = " ".join(n.strip() for n in (details.given_name, details.middle_name) if n.strip())
    return CardFields(
        family_name=details.family_name.strip(),
        given_names=given,
        dob=dob,
        expiry=card_expiry(verdict.evaluated_on, program.card.validity_years_for(age)),
        address=card_address(details),
        preferred_language=preferred_language(app),
        program_name=program.name,
        photo_jpeg=app.photo.jpeg,
    )


def card_address(details: ApplicantDetails) -> CardAddress:
    kind = details.address_kind
    if kind is AddressKind.NONE:
        return CardAddress(CardAddressKind.NONE)
    city_state = ", ".join(p for p in (details.city.strip(), details.state.strip()) if p)
    place = " ".join(p for p in (city_state, details.postal_code.strip()) if p)
    street = " ".join(p for p in (details.street.strip(), details.unit.strip()) if p)
    lines: tuple[str, ...]
    if kind is AddressKind.PO_BOX:
        lines = ("P.O. Box " + details.po_box.strip(), place)
    elif kind is AddressKind.CARE_OF:
        lines = (details.care_of.strip(), street, place)
    else:
        lines = (street, place)
    return CardAddress(CardAddressKind(kind.value), tuple(line for line in lines if line))


def preferred_language(app: Application) -> str:
    """The first preferred language as the card prints it: an i18n code, "ASL", or the text."""
    if not app.languages:
        return ""
    first = app.languages[0]
    if first.code == OTHER:
        return first.other
    return first.code if first.language.written else first.language.own_name


def receipt_fields(
    state: FlowState,
    *,
    site: str,
    program_name: str,
    program_contact: Sequence[str],
    processing_days: int = 15,
) -> ReceiptFields | None:
    """The receipt after submit (None before): number, date, site and what happens next."""
    receipt = state.receipt
    if receipt is None:
        return None
    return ReceiptFields(
        application_number=receipt.application_number,
        submitted=receipt.submitted_at.astimezone().date(),
        site=site,
        program_name=program_name,
        program_contact=tuple(program_contact),
        mailed=receipt.card_mailed,
        processing_days=processing_days,
    )
