"""Card preview: CR80 size, regions, names in any script, fallbacks that warn and never crash."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from kiosk.documents import (
    AddressKind,
    CardAddress,
    CardFields,
    FontLibrary,
    InvalidFields,
    InvalidPhoto,
    card_expiry,
    render_card_back,
    render_card_front,
)
from kiosk.documents.card import SIZE
from kiosk.documents.fonts import bundled_fonts_dir
from kiosk.i18n import load_translator, source_translator


def _image(png: bytes) -> Image.Image:
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return image


def test_front_has_card_proportions_and_its_regions(card: CardFields, fonts: FontLibrary) -> None:
    rendered = render_card_front(card, source_translator(), fonts=fonts)
    image = _image(rendered.png)
    assert image.format == "PNG" and image.size == rendered.size == SIZE
    assert image.width / image.height == pytest.approx(85.6 / 54.0, rel=0.01)
    regions = rendered.regions
    for box in regions.values():
        assert 0 <= box[0] < box[2] <= SIZE[0] and 0 <= box[1] < box[3] <= SIZE[1]
    photo, names, address, banner = (regions[k] for k in ("photo", "names", "address", "banner"))
    assert photo[2] < names[0]  # photo left of the names
    assert (photo[2] - photo[0]) / (photo[3] - photo[1]) == pytest.approx(3 / 4)
    assert address[3] <= banner[1]  # the address fits above the preview banner
    assert image.crop(photo).getextrema() != image.crop((0, 0, 1, 1)).getextrema()
    texts = [p.text for p in rendered.layout]
    for expected in ("Rodríguez Hernández", "María José", "February 14, 1990", "November 23, 2031"):
        assert expected in texts
    assert "PREVIEW - NOT A VALID CARD" in texts
    assert rendered.warnings == ()


def test_back_shows_language_card_number_placeholder_and_program(
    card: CardFields, fonts: FontLibrary
) -> None:
    rendered = render_card_back(card, source_translator(), fonts=fonts)
    texts = [p.text for p in rendered.layout]
    assert "Español (Spanish)" in texts
    assert "Issued by the program office" in texts
    assert card.program_name in texts
    assert _image(rendered.png).size == SIZE
    assert set(rendered.regions) == {"language", "card_number", "barcode", "banner"}


@pytest.mark.parametrize(
    ("family", "given", "language"),
    [
        ("Иванова", "Анна", "ru"),
        ("محمد", "عبد الله", "ar"),
        ("خان", "عائشہ", "ur"),
        ("রহমান", "মোহাম্মদ", "bn"),
        ("李", "明", "zh_Hans"),
        ("김", "민준", "ko"),
        ("Nguyễn", "Thị Hương", "en"),
        ("O'Brien-Ó Súilleabháin", "Seán Pádraig Míċeál Christopher Alexander", "en"),
    ],
)
def test_names_in_any_script_render(
    family: str, given: str, language: str, card: CardFields, fonts: FontLibrary
) -> None:
    fields = dataclasses.replace(
        card, family_name=family, given_names=given, preferred_language=language
    )
    rendered = render_card_front(fields, load_translator(language), fonts=fonts)
    texts = " ".join(p.text for p in rendered.layout)
    assert family in texts
    names = rendered.regions["names"]
    assert names[2] <= SIZE[0]
    cjk = any("\u3400" <= c <= "\ud7af" for c in family + given)
    if not cjk or {"han", "hangul"} <= set(fonts.names()):
        assert rendered.warnings == ()


def test_without_a_font_for_the_script_it_warns_and_still_renders(card: CardFields) -> None:
    bundled_only = FontLibrary.discover(system={})
    # Ethiopic and Thai have no bundled font; Hangul and GB 2312 hanzi do (CJK subsets).
    fields = dataclasses.replace(card, family_name="ኃይሌ", given_names="สมชาย 김 李明")
    rendered = render_card_front(fields, source_translator(), fonts=bundled_only)
    assert _image(rendered.png).size == SIZE
    assert any("ETHIOPIC" in w for w in rendered.warnings)
    assert any("THAI" in w for w in rendered.warnings)
    assert not any("HANGUL" in w or "CJK" in w for w in rendered.warnings)
    assert not any("ኃ" in w or "ส" in w for w in rendered.warnings)  # no applicant text


def test_with_no_font_files_at_all_it_still_renders(card: CardFields, tmp_path: Path) -> None:
    empty = FontLibrary.discover(fonts_dir=tmp_path, system={})
    rendered = render_card_front(card, source_translator(), fonts=empty)
    assert _image(rendered.png).size == SIZE


def test_the_bundled_fonts_are_there_with_their_licence() -> None:
    directory = bundled_fonts_dir()
    assert (directory / "OFL.txt").is_file()
    total = sum(path.stat().st_size for path in directory.iterdir())
    # About 11 MB: 3 MB of Latin, Arabic, Urdu, Bengali and 8 MB of Chinese and Korean subsets.
    assert total < 12 * 1024 * 1024
    assert set(FontLibrary.discover(system={}).names()) == {
        "latin",
        "arabic",
        "urdu",
        "bengali",
        "han",
        "hangul",
    }


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (CardAddress(AddressKind.NONE), ["No address"]),
        (CardAddress(AddressKind.CARE_OF, ("Safe Horizon", "PO Box 12")), ["c/o Safe Horizon"]),
        (CardAddress(AddressKind.PO_BOX, ("PO Box 1234", "New York, NY 10008")), ["PO Box 1234"]),
    ],
)
def test_address_kinds(
    address: CardAddress, expected: list[str], card: CardFields, fonts: FontLibrary
) -> None:
    fields = dataclasses.replace(card, address=address)
    texts = [p.text for p in render_card_front(fields, source_translator(), fonts=fonts).layout]
    assert all(text in texts for text in expected)


def test_care_of_is_translated(card: CardFields, fonts: FontLibrary) -> None:
    fields = dataclasses.replace(card, address=CardAddress(AddressKind.CARE_OF, ("Safe Horizon",)))
    texts = [p.text for p in render_card_front(fields, load_translator("es"), fonts=fonts).layout]
    assert "a/c Safe Horizon" in texts and "Sin dirección" not in texts


def test_inconsistent_addresses_are_refused() -> None:
    with pytest.raises(InvalidFields):
        CardAddress(AddressKind.HOME)
    with pytest.raises(InvalidFields):
        CardAddress(AddressKind.NONE, ("1 Main St",))


def test_a_photo_that_is_not_an_image_is_an_invalid_photo(
    card: CardFields, fonts: FontLibrary
) -> None:
    with pytest.raises(InvalidPhoto):
        render_card_front(
            dataclasses.replace(card, photo_jpeg=b"\xff\xd8 no"), source_translator(), fonts=fonts
        )


def test_card_fields_never_show_in_a_repr(card: CardFields) -> None:
    assert "Rodríguez" not in repr(card) and "Main" not in repr(card.address)


def test_card_expiry_from_the_program_validity() -> None:
    assert card_expiry(date(2026, 11, 23), 5) == date(2031, 11, 23)
    assert card_expiry(date(2028, 2, 29), 5) == date(2033, 2, 28)


def test_without_libraqm_complex_scripts_warn_instead_of_failing(
    card: CardFields, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("kiosk.documents.fonts.features.check_feature", lambda name: False)
    basic = FontLibrary.discover(system={})
    assert not basic.shaping and not basic.bidi
    fields = dataclasses.replace(card, family_name="রহমান", given_names="محمد")
    rendered = render_card_front(fields, load_translator("ar"), fonts=basic)
    assert _image(rendered.png).size == SIZE
    assert any("unshaped" in w for w in rendered.warnings)
    assert any("unordered" in w for w in rendered.warnings)
