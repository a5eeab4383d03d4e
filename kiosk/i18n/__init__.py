"""Translation base: per-language `Translator` objects from gettext catalogues in assets/locale."""

from __future__ import annotations

from kiosk.i18n.catalogue import (
    DOMAIN,
    CatalogueMissing,
    Rejected,
    Translator,
    default_locale_dir,
    load_translator,
    placeholder_problem,
    placeholders,
    source_translator,
)
from kiosk.i18n.errors import CatalogueCorrupt, I18nError, UnknownLanguage
from kiosk.i18n.languages import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    STAFF_LANGUAGES,
    Language,
    language,
    translated_languages,
)
from kiosk.i18n.scoped import current, set_current, translating


def N_(message: str) -> str:  # noqa: N802 - the gettext convention extraction looks for
    """Mark a text for extraction without translating it yet (translate where it is shown)."""
    return message


__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "N_",
    "SOURCE_LANGUAGE",
    "STAFF_LANGUAGES",
    "CatalogueCorrupt",
    "CatalogueMissing",
    "I18nError",
    "Language",
    "Rejected",
    "Translator",
    "UnknownLanguage",
    "current",
    "default_locale_dir",
    "language",
    "load_translator",
    "placeholder_problem",
    "placeholders",
    "set_current",
    "source_translator",
    "translated_languages",
    "translating",
]
