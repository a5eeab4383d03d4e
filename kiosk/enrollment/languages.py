"""The applicant's preferred-language choices (up to two, ASL included), with their own names.

Written languages use kiosk.i18n's codes (its catalogue names, e.g. `zh_Hans`); ASL is `ase`
(ISO 639-3). `receipt_locale` is the written language of the confirmation screen and the
receipt: a sign language or a language without a catalogue falls back to English, and the GUI
may still offer an interpreter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.enrollment.errors import UnknownLanguage
from kiosk.i18n import LANGUAGES as WRITTEN

MAX_LANGUAGES = 2
OTHER = "other"
FALLBACK_LOCALE = "en"


@dataclass(frozen=True)
class Language:
    code: str
    english_name: str
    own_name: str  # how the language names itself, shown to applicants
    right_to_left: bool = False
    written: bool = True  # False for sign languages: there is nothing to print in them


# The kiosk's written languages (kiosk.i18n: English and NYC Local Law 30's ten), same codes, so
# a choice names its catalogue; then ASL, and "other" with free text.
LANGUAGES: tuple[Language, ...] = (
    *(Language(w.code, w.english_name, w.native_name, right_to_left=w.rtl) for w in WRITTEN),
    Language("ase", "American Sign Language (ASL)", "ASL", written=False),
    Language(OTHER, "Other", "Other", written=False),
)
_BY_CODE = {language.code: language for language in LANGUAGES}


def language(code: str) -> Language:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownLanguage(f"unknown language code {code!r}", code=code) from None


@dataclass(frozen=True)
class LanguageChoice:
    """One preferred language; `other` is the free text when `code` is "other"."""

    code: str
    other: str = ""

    def __post_init__(self) -> None:
        language(self.code)

    @property
    def language(self) -> Language:
        return language(self.code)


def receipt_locale(choices: Sequence[LanguageChoice], available: Sequence[str] = ()) -> str:
    """The first written choice with a catalogue in `available` (empty: any), else English."""
    for choice in choices:
        lang = choice.language
        if lang.written and (not available or lang.code in available):
            return lang.code
    return FALLBACK_LOCALE
