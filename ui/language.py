"""The staff interface language: translators loaded once per language, and Qt's own catalogue.

Built by the composition root and injected into the main window; the window retranslates its
screens when the language changes. There is no global translator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.i18n import (
    I18nError,
    Translator,
    UnknownLanguage,
    load_translator,
    source_translator,
)
from ui.qt_catalogues import QtCatalogues

log = logging.getLogger("kiosk.ui")


class UiLanguages:
    """Translators by code (immutable, so cached); English when a catalogue cannot be read."""

    def __init__(
        self,
        qt: QtCatalogues | None = None,
        load: Callable[[str], Translator] = load_translator,
    ) -> None:
        self._qt = qt
        self._load = load
        self._cache: dict[str, Translator] = {}

    def translator(self, code: str) -> Translator:
        if code not in self._cache:
            try:
                self._cache[code] = self._load(code)
            except (I18nError, UnknownLanguage):
                log.warning("no usable catalogue for %s: the interface stays in English", code)
                self._cache[code] = source_translator()
        return self._cache[code]

    def use(self, code: str) -> Translator:
        """The translator for `code`, with Qt's own catalogue for it installed."""
        translator = self.translator(code)
        if self._qt is not None:
            self._qt.use(translator.code)
        return translator
