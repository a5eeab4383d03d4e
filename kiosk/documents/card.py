"""Card preview, front and back, as PNG bytes in memory: the applicant checks what will be printed.

Proportions are CR80 (85.6 x 54 mm) at 300 dpi. The layout follows the printed card (photo left)
in every language; labels come from the translator so the applicant can read them.
"""

from __future__ import annotations

import io
from typing import Final

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

from kiosk.documents.errors import InvalidPhoto
from kiosk.documents.fonts import FontLibrary
from kiosk.documents.model import AddressKind, CardFields, Rendered
from kiosk.documents.text import Typesetter
from kiosk.documents.texts import card_labels, care_of, long_date, no_address
from kiosk.i18n import Translator, UnknownLanguage, language

DPI: Final = 300
CARD_MM: Final = (85.6, 54.0)
SIZE: Final = (round(CARD_MM[0] / 25.4 * DPI), round(CARD_MM[1] / 25.4 * DPI))  # 1011 x 638
MARGIN: Final = 36
BAND: Final = 96
PHOTO: Final = (MARGIN, BAND + 24, MARGIN + 300, BAND + 24 + 400)  # 3:4, about 25 x 34 mm
INK: Final = (20, 24, 32)
MUTED: Final = (84, 92, 106)
BRAND: Final = (0, 62, 126)
PAPER: Final = (246, 248, 251)
WARNING_RED: Final = (190, 20, 30)
LABEL_SIZE: Final = 22
VALUE_SIZE: Final = 34
NAME_SIZES: Final = (44, 40, 36, 32, 28)


def _photo(photo_jpeg: bytes, box: tuple[int, int, int, int]) -> Image.Image:
    try:
        with Image.open(io.BytesIO(photo_jpeg)) as opened:
            image = ImageOps.exif_transpose(opened).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise InvalidPhoto(f"the photo cannot be decoded ({type(error).__name__})") from None
    return ImageOps.fit(image, (box[2] - box[0], box[3] - box[1]), Image.Resampling.LANCZOS)


def _script(code: str) -> str | None:
    try:
        return language(code).script
    except UnknownLanguage:
        return None


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _canvas(program_name: str, setter: Typesetter) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], BAND), fill=BRAND)
    title = setter.wrap(program_name, 36, SIZE[0] - 2 * MARGIN, bold=True)[0]
    setter.draw(
        draw,
        title,
        left=MARGIN,
        right=SIZE[0] - MARGIN,
        top=(BAND - title.height) / 2,
        align="start",
        fill=(255, 255, 255),
    )
    return image, draw


def _preview_banner(draw: ImageDraw.ImageDraw, setter: Typesetter, text: str) -> tuple[int, ...]:
    box = (0, SIZE[1] - MARGIN - 48, SIZE[0], SIZE[1] - MARGIN + 8)
    sizes = (26, 22, 18)
    line = next(
        (ln for s in sizes if (ln := setter.shape(text, s, bold=True)).height <= box[3] - box[1]),
        setter.shape(text, sizes[-1], bold=True),
    )
    draw.rectangle(box, fill=WARNING_RED)
    top = box[1] + (box[3] - box[1] - line.height) / 2
    setter.draw(draw, line, left=0, right=SIZE[0], top=top, align="center", fill=(255, 255, 255))
    return box


def _field(
    draw: ImageDraw.ImageDraw,
    setter: Typesetter,
    label: str,
    value_lines: list[str],
    *,
    left: int,
    right: int,
    top: float,
    sizes: tuple[int, ...] = (VALUE_SIZE,),
    bold: bool = False,
) -> float:
    """A small label over its value; the value shrinks, then wraps, to stay inside the column.

    Tall scripts (Nastaliq above all) also shrink, so a name cannot push the address off.
    """
    label_line = setter.shape(label, LABEL_SIZE)
    if label_line.height > LABEL_SIZE * 1.6:
        label_line = setter.shape(label, round(LABEL_SIZE * 0.8))
    setter.draw(draw, label_line, left=left, right=right, top=top, fill=MUTED)
    y = top + label_line.height + 2
    for text in value_lines:
        size = next(
            (
                s
                for s in sizes
                if (line := setter.shape(text, s, bold=bold)).width <= right - left
                and line.height <= sizes[0] * 1.4
            ),
            sizes[-1],
        )
        for line in setter.wrap(text, size, right - left, bold=bold):
            setter.draw(draw, line, left=left, right=right, top=y, fill=INK)
            y += line.height
    return y + 10


def render_card_front(
    fields: CardFields, translator: Translator, *, fonts: FontLibrary | None = None
) -> Rendered:
    """Photo, names, date of birth, expiry and the address area, as PNG bytes."""
    fonts = fonts or FontLibrary.discover()
    setter = Typesetter(fonts, rtl=False, script=_script(fields.preferred_language))
    labels = card_labels(translator)
    image, draw = _canvas(fields.program_name, setter)
    image.paste(_photo(fields.photo_jpeg, PHOTO), PHOTO[:2])
    draw.rectangle(PHOTO, outline=MUTED, width=2)

    left, right = PHOTO[2] + 32, SIZE[0] - MARGIN
    top = BAND + 16
    name_top = top
    y = _field(
        draw, setter, labels["family_name"], [fields.family_name],
        left=left, right=right, top=top, sizes=NAME_SIZES, bold=True,
    )  # fmt: skip
    y = _field(
        draw, setter, labels["given_names"], [fields.given_names],
        left=left, right=right, top=y, sizes=NAME_SIZES, bold=True,
    )  # fmt: skip
    name_box = (left, name_top, right, round(y))
    middle = left + (right - left) // 2
    dates_top = y
    _field(draw, setter, labels["dob"], [long_date(translator, fields.dob)],
           left=left, right=middle - 12, top=dates_top, sizes=(30, 26, 22))  # fmt: skip
    y = _field(draw, setter, labels["expires"], [long_date(translator, fields.expiry)],
               left=middle, right=right, top=dates_top, sizes=(30, 26, 22))  # fmt: skip
    address = fields.address
    if address.kind is AddressKind.NONE:
        lines = [no_address(translator)]
    elif address.kind is AddressKind.CARE_OF:
        lines = [care_of(translator, address.lines[0]), *address.lines[1:]]
    else:
        lines = list(address.lines)
    address_top = y
    y = _field(draw, setter, labels["address"], lines, left=left, right=right, top=y,
               sizes=(28, 24, 20))  # fmt: skip
    banner = _preview_banner(draw, setter, labels["preview"])
    regions = {
        "photo": PHOTO,
        "names": name_box,
        "address": (left, round(address_top), right, round(y)),
        "banner": banner,
    }
    if y > banner[1]:
        setter.warnings.append("the address is too long for the card: shorten it")
    return Rendered(
        png=_png(image),
        size=SIZE,
        regions={k: (v[0], v[1], v[2], v[3]) for k, v in regions.items()},
        layout=tuple(setter.placed),
        warnings=tuple(setter.warnings),
    )


def render_card_back(
    fields: CardFields, translator: Translator, *, fonts: FontLibrary | None = None
) -> Rendered:
    """Preferred language, the card-number placeholder and the program name, as PNG bytes."""
    fonts = fonts or FontLibrary.discover()
    setter = Typesetter(fonts, rtl=False, script=_script(fields.preferred_language))
    labels = card_labels(translator)
    image, draw = _canvas(fields.program_name, setter)
    left, right = MARGIN, SIZE[0] - MARGIN
    try:
        spoken = language(fields.preferred_language)
        language_name = (
            spoken.native_name
            if spoken.native_name == spoken.english_name
            else f"{spoken.native_name} ({spoken.english_name})"
        )
    except UnknownLanguage:
        language_name = fields.preferred_language
    y = _field(draw, setter, labels["language"], [language_name],
               left=left, right=right, top=BAND + 24)  # fmt: skip
    language_box = (left, BAND + 24, right, round(y))
    y = _field(draw, setter, labels["card_number"], [labels["card_number_value"]],
               left=left, right=right, top=y)  # fmt: skip
    number_box = (left, language_box[3], right, round(y))
    # Where the printed card has its barcode: left blank, the program office prints it.
    strip = (left, round(y) + 10, right, round(y) + 90)
    draw.rectangle(strip, outline=MUTED, width=2)
    banner = _preview_banner(draw, setter, labels["preview"])
    return Rendered(
        png=_png(image),
        size=SIZE,
        regions={
            "language": language_box,
            "card_number": number_box,
            "barcode": strip,
            "banner": (banner[0], banner[1], banner[2], banner[3]),
        },
        layout=tuple(setter.placed),
        warnings=tuple(setter.warnings),
    )
