"""The languages the kiosk speaks: codes, names, writing direction and gettext plural rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from kiosk.i18n.errors import UnknownLanguage


@dataclass(frozen=True, slots=True)
class Language:
    """One language: `code` names its folder under assets/locale/ and is what settings store."""

    code: str
    english_name: str
    native_name: str
    rtl: bool
    plural_forms: str
    # Script hint for the document renderer's font choice ("latin", "arabic", "han", ...).
    script: str


SOURCE_LANGUAGE: Final = "en"
# Languages the staff screens are fully translated into (the applicant-facing texts have all ten).
STAFF_LANGUAGES: Final = ("en", "es")

# English (source) plus the ten languages of NYC Local Law 30 (2017).
LANGUAGES: Final[tuple[Language, ...]] = (
    Language("en", "English", "English", False, "nplurals=2; plural=(n != 1);", "latin"),
    Language("es", "Spanish", "Español", False, "nplurals=2; plural=(n != 1);", "latin"),
    Language("zh_Hans", "Chinese (Simplified)", "中文", False, "nplurals=1; plural=0;", "han"),
    Language(
        "ru",
        "Russian",
        "Русский",
        False,
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 &&"
        " (n%100<10 || n%100>=20) ? 1 : 2);",
        "cyrillic",
    ),
    Language(
        "ht", "Haitian Creole", "Kreyòl ayisyen", False, "nplurals=2; plural=(n != 1);", "latin"
    ),
    Language("ko", "Korean", "한국어", False, "nplurals=1; plural=0;", "hangul"),
    Language("bn", "Bengali", "বাংলা", False, "nplurals=2; plural=(n != 1);", "bengali"),
    Language(
        "ar",
        "Arabic",
        "العربية",
        True,
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 :"
        " n%100>=11 ? 4 : 5);",
        "arabic",
    ),
    Language("ur", "Urdu", "اردو", True, "nplurals=2; plural=(n != 1);", "urdu"),
    Language("fr", "French", "Français", False, "nplurals=2; plural=(n > 1);", "latin"),
    Language(
        "pl",
        "Polish",
        "Polski",
        False,
        "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "latin",
    ),
)

_BY_CODE: Final = {language.code: language for language in LANGUAGES}
# Codes people and other systems use for the same languages.
_ALIASES: Final = {"zh": "zh_Hans", "zh_CN": "zh_Hans", "zh-Hans": "zh_Hans", "zh_SG": "zh_Hans"}


def language(code: str) -> Language:
    """The language for `code` (aliases such as "zh" accepted); `UnknownLanguage` otherwise."""
    found = _BY_CODE.get(_ALIASES.get(code, code))
    if found is None:
        raise UnknownLanguage(f"unknown language code {code!r}", code=code)
    return found


def translated_languages() -> tuple[Language, ...]:
    """Every language except the source: the ones with a catalogue to translate."""
    return tuple(lang for lang in LANGUAGES if lang.code != SOURCE_LANGUAGE)
