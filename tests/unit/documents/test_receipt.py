"""Receipts: the QR code decodes to the application number, RTL layout, every language, PDF."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import zxingcpp
from PIL import Image

from kiosk.documents import (
    FontLibrary,
    InvalidFields,
    ReceiptFields,
    receipt_pdf,
    render_receipt,
    render_receipt_pdf,
)
from kiosk.documents.receipt import MARGIN, WIDTH
from kiosk.i18n import LANGUAGES, Language, load_translator, source_translator


def _image(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return image


def test_the_qr_code_decodes_to_the_application_number(
    receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    rendered = render_receipt(receipt, source_translator(), fonts=fonts)
    found = zxingcpp.read_barcodes(_image(rendered.png))
    assert [(b.format, b.text) for b in found] == [
        (zxingcpp.BarcodeFormat.QRCode, "NYC-2026-4F7K-9Q2M")
    ]


def test_english_reads_left_to_right_with_the_code_on_the_right(
    receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    rendered = render_receipt(receipt, source_translator(), fonts=fonts)
    starts = [p for p in rendered.layout if p.align != "center"]
    assert {p.align for p in starts} <= {"left", "right"}
    assert all(p.left == MARGIN for p in starts if p.align == "left")
    assert rendered.regions["qr"][2] == WIDTH - MARGIN
    assert rendered.warnings == ()


@pytest.mark.parametrize("code", ["ar", "ur"])
def test_arabic_script_receipts_are_laid_out_right_to_left(
    code: str, receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    rendered = render_receipt(receipt, load_translator(code), fonts=fonts)
    lines = rendered.layout
    assert lines and all(p.rtl for p in lines)
    body = [p for p in lines if p.text != receipt.program_name]
    # Text starts at the right margin (or at the right edge of the column beside the code)...
    assert all(p.align in ("right", "left") for p in body)
    number = next(p for p in lines if p.text == receipt.application_number)
    assert number.align == "right" and number.right == pytest.approx(WIDTH - MARGIN)
    wide = [p for p in body if p.align == "right" and p.top > rendered.regions["qr"][3]]
    assert wide and all(p.right == pytest.approx(WIDTH - MARGIN) for p in wide)
    # ...and the QR code moves to the left, where a right-to-left reader ends the line.
    assert rendered.regions["qr"][0] == MARGIN
    translated = load_translator(code).gettext("Application receipt")
    assert any(p.text == translated for p in lines)


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_every_shipped_language_renders_a_receipt(
    lang: Language, receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    translator = load_translator(lang.code)
    rendered = render_receipt(receipt, translator, fonts=fonts)
    image = _image(rendered.png)
    assert image.size == rendered.size and image.width == WIDTH
    assert any(p.text == translator.gettext("What happens next") for p in rendered.layout)
    if {"han", "hangul"} <= set(fonts.names()):
        assert rendered.warnings == ()


def test_the_given_name_is_left_off_unless_asked_for(
    receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    default = render_receipt(receipt, source_translator(), fonts=fonts)
    assert not any("María" in p.text for p in default.layout)
    assert "given_name" not in default.regions
    shown = render_receipt(receipt, source_translator(), fonts=fonts, show_given_name=True)
    assert any(p.text == "María" for p in shown.layout)


def test_pickup_wording_when_the_card_is_not_mailed(
    receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    pickup = ReceiptFields(**{**_as_dict(receipt), "mailed": False, "processing_days": 1})
    text = " ".join(p.text for p in render_receipt(pickup, source_translator(), fonts=fonts).layout)
    assert "pick up your card in person in about 1 business day" in text
    assert "mailed" not in text


def _as_dict(fields: ReceiptFields) -> dict[str, object]:
    return {name: getattr(fields, name) for name in fields.__slots__}


def test_pdf_is_one_letter_page_with_the_receipt(
    receipt: ReceiptFields, fonts: FontLibrary
) -> None:
    pdf = render_receipt_pdf(receipt, load_translator("es"), fonts=fonts)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", pdf)) == 1
    assert re.search(rb"/MediaBox \[ 0 0 612(\.0)? 792(\.0)? \]", pdf)
    # The document title is fixed text, never the applicant's.
    assert "Application receipt".encode("utf-16-be") in pdf


def test_pdf_from_an_already_rendered_receipt(receipt: ReceiptFields, fonts: FontLibrary) -> None:
    rendered = render_receipt(receipt, source_translator(), fonts=fonts)
    assert receipt_pdf(rendered).startswith(b"%PDF-")


def test_receipt_fields_are_checked_and_never_printed_in_full() -> None:
    with pytest.raises(InvalidFields):
        ReceiptFields(" ", date(2026, 11, 23), "site", "program", ())
    with pytest.raises(InvalidFields):
        ReceiptFields("A-1", date(2026, 11, 23), "site", "program", (), processing_days=0)
    fields = ReceiptFields("A-1", date(2026, 11, 23), "site", "program", (), given_name="María")
    assert "María" not in repr(fields)
