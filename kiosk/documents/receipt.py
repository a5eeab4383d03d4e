"""The applicant's receipt in their language, as PNG (screen) and PDF (print) bytes in memory.

It carries the application number (also as a QR code), the date, the site and what happens
next; nothing else about the applicant unless the operator turns on the given name.
"""

from __future__ import annotations

import io
from typing import Final

import qrcode
from PIL import Image, ImageDraw

from kiosk.documents.fonts import FontLibrary
from kiosk.documents.model import ReceiptFields, Rendered
from kiosk.documents.text import Align, Typesetter
from kiosk.documents.texts import long_date, next_step, receipt_texts
from kiosk.i18n import Translator

DPI: Final = 200
WIDTH: Final = 1000  # 5 inches at 200 dpi: fits a Letter or A4 page and a tablet screen
MARGIN: Final = 56
QR_SIZE: Final = 260
INK: Final = (20, 24, 32)
MUTED: Final = (84, 92, 106)
BRAND: Final = (0, 62, 126)
RULE: Final = (200, 206, 214)
LETTER: Final = (int(8.5 * DPI), 11 * DPI)


def qr_image(text: str, size: int) -> Image.Image:
    """A QR code of `text` scaled to `size` pixels with whole modules (sharp edges for scanners)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, box_size=1)
    code.add_data(text)
    code.make(fit=True)
    image: Image.Image = code.make_image().get_image().convert("L")
    scale = max(1, size // image.width)
    return image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)


class _Sheet:
    """A top-to-bottom writing cursor over one receipt image."""

    def __init__(self, setter: Typesetter, image: Image.Image) -> None:
        self.setter = setter
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.left, self.right = MARGIN, WIDTH - MARGIN
        self.y = 0.0

    def text(
        self,
        text: str,
        size: int,
        *,
        bold: bool = False,
        fill: tuple[int, int, int] = INK,
        span: tuple[float, float] | None = None,
        align: Align = "start",
    ) -> None:
        lo, hi = span or (self.left, self.right)
        for line in self.setter.wrap(text, size, hi - lo, bold=bold):
            self.setter.draw(self.draw, line, left=lo, right=hi, top=self.y, fill=fill, align=align)
            self.y += line.height

    def labelled(self, label: str, value: str, size: int, span: tuple[float, float]) -> None:
        self.text(label, 26, fill=MUTED, span=span)
        self.text(value, size, bold=True, span=span)
        self.y += 18

    def rule(self) -> None:
        self.draw.line((self.left, self.y + 6, self.right, self.y + 6), fill=RULE, width=2)
        self.y += 26


def _layout(
    fields: ReceiptFields, t: Translator, fonts: FontLibrary, show_given_name: bool
) -> Rendered:
    texts = receipt_texts(t)
    setter = Typesetter(fonts, rtl=t.is_rtl, script=t.language.script)
    sheet = _Sheet(setter, Image.new("RGB", (WIDTH, 4000), (255, 255, 255)))
    regions: dict[str, tuple[int, int, int, int]] = {}

    band_lines = setter.wrap(fields.program_name, 34, sheet.right - sheet.left, bold=True)
    band_bottom = 28 * 2 + sum(line.height for line in band_lines)
    sheet.draw.rectangle((0, 0, WIDTH, band_bottom), fill=BRAND)
    sheet.y = 28
    sheet.text(fields.program_name, 34, bold=True, fill=(255, 255, 255))
    sheet.y = band_bottom + 28
    sheet.text(texts["title"], 46, bold=True)
    sheet.y += 20

    # The QR code sits at the end of the number's line: right in LTR, left in RTL.
    qr = qr_image(fields.application_number, QR_SIZE)
    qr_left = sheet.left if t.is_rtl else sheet.right - qr.width
    qr_top = round(sheet.y)
    sheet.image.paste(qr.convert("RGB"), (qr_left, qr_top))
    regions["qr"] = (qr_left, qr_top, qr_left + qr.width, qr_top + qr.height)
    beside = (
        (qr_left + qr.width + 32.0, float(sheet.right))
        if t.is_rtl
        else (float(sheet.left), qr_left - 32.0)
    )
    number_top = sheet.y
    sheet.labelled(texts["number"], fields.application_number, 52, beside)
    regions["number"] = (round(beside[0]), round(number_top), round(beside[1]), round(sheet.y))
    sheet.labelled(texts["submitted"], long_date(t, fields.submitted), 32, beside)
    sheet.y = max(sheet.y, qr_top + qr.height + 8)
    sheet.text(texts["qr"], 20, fill=MUTED, align="end")
    sheet.y += 18
    everywhere = (float(sheet.left), float(sheet.right))
    sheet.labelled(texts["site"], fields.site, 32, everywhere)
    if show_given_name and fields.given_name:
        name_top = sheet.y
        sheet.labelled(texts["name"], fields.given_name, 32, everywhere)
        regions["given_name"] = (sheet.left, round(name_top), sheet.right, round(sheet.y))

    sheet.rule()
    sheet.text(texts["next"], 34, bold=True)
    sheet.y += 8
    for paragraph in (
        next_step(t, mailed=fields.mailed, days=fields.processing_days),
        texts["keep"],
        texts["not_id"],
    ):
        sheet.text(paragraph, 28)
        sheet.y += 14
    sheet.rule()
    sheet.text(texts["contact"], 28, bold=True)
    for contact in fields.program_contact:
        sheet.text(contact, 28)

    height = round(sheet.y) + MARGIN
    image = sheet.image.crop((0, 0, WIDTH, height))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return Rendered(
        png=out.getvalue(),
        size=(WIDTH, height),
        regions=regions,
        layout=tuple(setter.placed),
        warnings=tuple(setter.warnings),
    )


def render_receipt(
    fields: ReceiptFields,
    translator: Translator,
    *,
    fonts: FontLibrary | None = None,
    show_given_name: bool = False,
) -> Rendered:
    """The receipt as PNG bytes for the screen, with its layout record and warnings."""
    return _layout(fields, translator, fonts or FontLibrary.discover(), show_given_name)


def receipt_pdf(rendered: Rendered) -> bytes:
    """A rendered receipt on a US Letter page, as PDF bytes (the operator chooses to save it)."""
    with Image.open(io.BytesIO(rendered.png)) as receipt:
        page = Image.new("RGB", LETTER, (255, 255, 255))
        page.paste(receipt.convert("RGB"), ((LETTER[0] - receipt.width) // 2, DPI // 2))
    out = io.BytesIO()
    # A fixed title: Pillow would otherwise leave the field empty, and it must never be a name.
    page.save(out, format="PDF", resolution=float(DPI), title="Application receipt")
    return out.getvalue()


def render_receipt_pdf(
    fields: ReceiptFields,
    translator: Translator,
    *,
    fonts: FontLibrary | None = None,
    show_given_name: bool = False,
) -> bytes:
    """The receipt as PDF bytes for printing or an operator's "save as PDF"."""
    return receipt_pdf(
        render_receipt(fields, translator, fonts=fonts, show_given_name=show_given_name)
    )
