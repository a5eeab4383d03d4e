"""A pseudo-locale ("qps") that makes every translated text visibly different, for finding
hard-coded strings: a text shown without the brackets never went through a catalogue.

It is built from the extracted template (kiosk.pot), so a text that extraction cannot see is
left in plain English, which is exactly what a test should catch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from kiosk.i18n.catalogue import Translator, default_locale_dir
from kiosk.i18n.languages import Language
from kiosk.i18n.po import mo_key, parse_po

PSEUDO: Final = Language(
    "qps", "Pseudo-locale", "[Ƥšéüđö]", False, "nplurals=2; plural=(n != 1);", "latin"
)
OPEN: Final = "["
CLOSE: Final = "]"
_ACCENTS: Final = str.maketrans("aceinosuyACEINOSUYz", "àçéîñöšüýÀÇÉÎÑÖŠÜÝž")


def pseudo_text(text: str) -> str:
    """`text` accented and in brackets; `{placeholders}`, `&` mnemonics and markup kept intact."""
    out: list[str] = []
    depth = 0
    in_tag = False
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        elif char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        out.append(char if depth or in_tag else char.translate(_ACCENTS))
    return f"{OPEN}{''.join(out)}{CLOSE}"


def is_pseudo(text: str) -> bool:
    return OPEN in text and CLOSE in text


def pseudo_translator(locale_dir: Path | None = None) -> Translator:
    """Every message of kiosk.pot translated to its pseudo form (plural forms too)."""
    path = (locale_dir or default_locale_dir()) / "kiosk.pot"
    template = parse_po(path.read_text(encoding="utf-8"), str(path))
    pairs: dict[str, str] = {}
    for entry in template.messages:
        if entry.msgid_plural is None:
            pairs[mo_key(entry)] = pseudo_text(entry.msgid)
        else:
            pairs[mo_key(entry)] = "\0".join(
                (pseudo_text(entry.msgid), pseudo_text(entry.msgid_plural))
            )
    return Translator(PSEUDO, pairs)
