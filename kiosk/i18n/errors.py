"""Translation errors with stable codes: an unknown language, a damaged catalogue file."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KioskError


class I18nError(KioskError):
    code = "i18n.error"


class UnknownLanguage(InvalidInput):
    code = "i18n.unknown_language"


class CatalogueCorrupt(I18nError):
    """A .po or .mo file cannot be read: the build or an edit damaged it."""

    code = "i18n.catalogue_corrupt"
