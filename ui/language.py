"""The staff interface language: translators loaded once per language, and Qt's own catalogue.

Built by the composition root and injected into the main window; the window retranslates its
screens when the language changes. There is no global translator. The last choice is kept per
laptop in ui-language.json (a language code names no one, so it is readable before sign-in).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.i18n import (
    SOURCE_LANGUAGE,
    STAFF_LANGUAGES,
    I18nError,
    Translator,
    UnknownLanguage,
    load_translator,
    source_translator,
)
from kiosk.vault.files import atomic_write_bytes
from ui.qt_catalogues import QtCatalogues

LANGUAGE_FILE = "ui-language.json"

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


def load_language(data_dir: Path) -> str:
    """The staff language last chosen on this laptop, or English."""
    try:
        code = json.loads((data_dir / LANGUAGE_FILE).read_text(encoding="utf-8"))["language"]
    except (OSError, ValueError, KeyError, TypeError):
        return SOURCE_LANGUAGE  # no file yet, or a damaged one
    return code if code in STAFF_LANGUAGES else SOURCE_LANGUAGE


def save_language(data_dir: Path, code: str) -> None:
    data = json.dumps({"language": code}).encode()
    # A read-only or full disk must not stop anyone from working in their language.
    with contextlib.suppress(KioskError):
        atomic_write_bytes(
            data_dir / LANGUAGE_FILE, data, what="the interface language", mode=0o644
        )
