"""Bundled fonts reach Qt for every applicant script, and Qt's own catalogue follows the staff
language (standard buttons in Spanish; English where Qt has no translation)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kiosk.i18n import language
from ui.fonts import FAMILIES, font_for, register_fonts
from ui.language import UiLanguages
from ui.qt_catalogues import QtCatalogues

pytestmark = pytest.mark.gui

SYSTEMS = {
    "Noto Sans CJK SC": QFontDatabase.WritingSystem.SimplifiedChinese,
    "Noto Sans CJK KR": QFontDatabase.WritingSystem.Korean,
    "Noto Sans Bengali": QFontDatabase.WritingSystem.Bengali,
    "Noto Sans Arabic": QFontDatabase.WritingSystem.Arabic,
    "Noto Nastaliq Urdu": QFontDatabase.WritingSystem.Arabic,
}


def test_bundled_fonts_register_with_qt_for_every_applicant_script(qapp: QApplication) -> None:
    families = register_fonts()
    for family, system in SYSTEMS.items():
        assert family in families
        assert system in QFontDatabase.writingSystems(family), family


@pytest.mark.parametrize(
    ("code", "family"),
    [("zh_Hans", "Noto Sans CJK SC"), ("ur", "Noto Nastaliq Urdu"), ("bn", "Noto Sans Bengali")],
)
def test_each_applicant_language_reads_in_its_own_family(
    qapp: QApplication, code: str, family: str
) -> None:
    font = font_for(language(code), qapp.font())
    assert font.families()[0] == family == FAMILIES[language(code).script]


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    text = box.buttons()[0].text()
    box.deleteLater()
    return text


def test_qt_standard_buttons_follow_the_staff_language(qapp: QApplication) -> None:
    catalogues = QtCatalogues(qapp)
    try:
        assert catalogues.use("es")
        assert _cancel_text().replace("&", "") == "Cancelar"
        assert not catalogues.use("bn")  # Qt has no Bengali: its English stays
        assert _cancel_text().replace("&", "") == "Cancel"
    finally:
        catalogues.use("en")


def test_an_unknown_language_keeps_the_interface_in_english() -> None:
    languages = UiLanguages()
    assert languages.translator("xx").code == "en"
    assert languages.translator("es") is languages.translator("es")  # loaded once
