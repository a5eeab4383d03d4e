"""Bundled Noto fonts registered with Qt, and the family each applicant language reads best in.

The same files serve the Pillow renderer (kiosk.documents.fonts): a kiosk laptop without
Chinese, Korean, Bengali or Urdu fonts still shows those scripts on screen and on the receipt.
"""

from __future__ import annotations

import logging
from typing import Final

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.documents.fonts import bundled_fonts_dir
from kiosk.i18n import Language

log = logging.getLogger("kiosk.ui")

UI_FAMILY: Final = "Noto Sans"
# Family per script hint (kiosk.i18n.languages); Han and Hangul glyphs differ per language, so
# Chinese text gets the SC design and Korean the KR one.
FAMILIES: Final[dict[str, str]] = {
    "latin": "Noto Sans",
    "cyrillic": "Noto Sans",
    "arabic": "Noto Sans Arabic",
    "urdu": "Noto Nastaliq Urdu",
    "bengali": "Noto Sans Bengali",
    "han": "Noto Sans CJK SC",
    "hangul": "Noto Sans CJK KR",
}
# What Qt tries after a family lacks a character: any script can appear in a name.
FALLBACKS: Final = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Bengali",
    "Noto Sans CJK SC",
    "Noto Sans CJK KR",
    "Noto Nastaliq Urdu",
)


def register_fonts() -> tuple[str, ...]:
    """Add every bundled font file to Qt's database; returns the families registered."""
    families: list[str] = []
    directory = bundled_fonts_dir()
    for path in sorted([*directory.glob("*.ttf"), *directory.glob("*.otf")]):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the bundled font %s", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    for family in FAMILIES.values():
        QFont.insertSubstitutions(family, [f for f in FALLBACKS if f != family])
    return tuple(dict.fromkeys(families))


def font_for(language: Language, base: QFont) -> QFont:
    """`base` in the family that reads best for `language`, with every script as fallback."""
    font = QFont(base)
    family = FAMILIES.get(language.script, UI_FAMILY)
    font.setFamilies([family, *(f for f in FALLBACKS if f != family)])
    return font
