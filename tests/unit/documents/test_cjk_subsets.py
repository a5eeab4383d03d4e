"""The bundled Chinese and Korean subsets cover every character their catalogues use, and the
Pillow renderer draws the Chinese and Korean receipts without a missing-glyph warning."""

from __future__ import annotations

import pytest

from kiosk.documents import FontLibrary, ReceiptFields, render_receipt
from kiosk.documents.cmap import codepoints
from kiosk.documents.fonts import BUNDLED, bundled_fonts_dir
from kiosk.i18n import load_translator
from kiosk.i18n.catalogue import default_locale_dir
from kiosk.i18n.extract import po_path
from kiosk.i18n.po import parse_po


@pytest.mark.parametrize(("code", "script"), [("zh_Hans", "han"), ("ko", "hangul")])
def test_every_translated_character_is_in_the_bundled_subset(code: str, script: str) -> None:
    path = po_path(default_locale_dir(), code)
    text = "".join(
        "".join(entry.msgstr) for entry in parse_po(path.read_text(encoding="utf-8")).messages
    )
    for font_file in BUNDLED[script]:
        covered = codepoints(bundled_fonts_dir() / font_file, 0)
        latin = codepoints(bundled_fonts_dir() / BUNDLED["latin"][0], 0)
        missing = {c for c in text if ord(c) not in covered and ord(c) not in latin}
        assert {c for c in missing if not c.isspace()} == set(), font_file


@pytest.mark.parametrize("code", ["zh_Hans", "ko"])
def test_receipt_draws_from_the_bundle_alone(code: str, receipt: ReceiptFields) -> None:
    bundled_only = FontLibrary.discover(system={})
    rendered = render_receipt(receipt, load_translator(code), fonts=bundled_only)
    assert rendered.warnings == ()
