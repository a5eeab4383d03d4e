"""The card preview and receipt inputs, and that kiosk.documents renders them."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Callable
from datetime import date

from PIL import Image

from kiosk.documents import AddressKind as CardAddressKind
from kiosk.documents import render_card_back, render_card_front, render_receipt
from kiosk.enrollment import AddressKind, EnrollmentFlow, LanguageChoice, Step, Submitted
from kiosk.enrollment.model import ApplicantDetails, Application
from kiosk.enrollment.preview import (
    card_address,
    card_fields,
    preferred_language,
    receipt_fields,
)
from kiosk.i18n import source_translator
from kiosk.rules import Program
from tests.unit.enrollment.conftest import fill_to, photo_of


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 500), (200, 180, 160)).save(out, format="JPEG")
    return out.getvalue()


def test_the_card_preview_renders_from_the_flow(flow: EnrollmentFlow, program: Program) -> None:
    assert card_fields(flow.state, program) is None  # nothing entered yet
    photo = dataclasses.replace(photo_of(), jpeg=_jpeg())
    fill_to(flow, Step.REVIEW, photo=photo)
    flow.update_details(middle_name="Luz")
    fields = card_fields(flow.state, program)
    assert fields is not None
    assert (fields.family_name, fields.given_names) == ("Núñez", "Ana María Luz")
    assert fields.dob == date(1990, 7, 4) and fields.expiry == date(2031, 11, 23)
    assert fields.address.lines == ("100 Atlantic Ave", "Brooklyn, NY 11201")
    assert fields.preferred_language == "es" and fields.program_name == program.name
    front = render_card_front(fields, source_translator())
    back = render_card_back(fields, source_translator())
    assert front.png.startswith(b"\x89PNG") and back.png.startswith(b"\x89PNG")
    assert card_fields(flow.state, dataclasses.replace(program, card=None)) is None


def test_card_address_lines_by_kind() -> None:
    home = ApplicantDetails(street="9 Main St", unit="Apt 4B", city="Bronx", postal_code="10451")
    assert card_address(home).lines == ("9 Main St Apt 4B", "Bronx, NY 10451")
    care_of = dataclasses.replace(home, address_kind=AddressKind.CARE_OF, care_of="Safe Horizon")
    assert card_address(care_of).kind is CardAddressKind.CARE_OF
    assert card_address(care_of).lines == ("Safe Horizon", "9 Main St Apt 4B", "Bronx, NY 10451")
    box = dataclasses.replace(home, address_kind=AddressKind.PO_BOX, po_box="1234")
    assert card_address(box).lines == ("P.O. Box 1234", "Bronx, NY 10451")
    none = dataclasses.replace(home, address_kind=AddressKind.NONE)
    assert card_address(none).kind is CardAddressKind.NONE and card_address(none).lines == ()


def test_the_preferred_language_as_printed() -> None:
    assert preferred_language(Application()) == ""
    assert preferred_language(Application(languages=(LanguageChoice("ase"),))) == "ASL"
    other = Application(languages=(LanguageChoice("other", "Wolof"), LanguageChoice("fr")))
    assert preferred_language(other) == "Wolof"
    assert preferred_language(Application(languages=(LanguageChoice("ar"),))) == "ar"


def test_the_receipt_carries_the_number_only(
    make_flow: Callable[..., EnrollmentFlow], program: Program
) -> None:
    def submitter(state: object) -> Submitted:
        from datetime import UTC, datetime  # noqa: PLC0415

        return Submitted("BR0-KTDW-C4AX", "r-1", datetime(2026, 11, 23, 15, tzinfo=UTC), False)

    flow = make_flow(submitter=submitter)
    assert (
        receipt_fields(flow.state, site="Van 1", program_name="IDNYC", program_contact=()) is None
    )
    fill_to(flow, Step.CONFIRM)
    flow.set_attestation(True)
    flow.submit()
    fields = receipt_fields(
        flow.state, site="Van 1", program_name="IDNYC", program_contact=("311",)
    )
    assert fields is not None
    assert (fields.application_number, fields.submitted, fields.mailed) == (
        "BR0-KTDW-C4AX",
        date(2026, 11, 23),
        False,
    )
    assert render_receipt(fields, source_translator()).png.startswith(b"\x89PNG")
