"""Qt's own translations (qtbase_*.qm: standard buttons, file and print dialogs) per language.

PySide6's wheel ships them in its Qt/translations folder, which the bundle copies along; a
language Qt does not translate (Bengali, Haitian Creole, Urdu) keeps Qt's English.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

# Our catalogue codes where Qt names the language differently.
QT_CODES: Final = {"zh_Hans": "zh_CN"}


def qt_translator(code: str, parent: QCoreApplication) -> QTranslator | None:
    """Qt's catalogue for `code` loaded into a translator, or None when Qt has none."""
    if code == "en":
        return None
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{QT_CODES.get(code, code)}", folder):
        return translator
    translator.deleteLater()
    return None


class QtCatalogues:
    """Keeps exactly one of Qt's catalogues installed on the application: the staff language's."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: QTranslator | None = None
        self.code = "en"

    def use(self, code: str) -> bool:
        """Install Qt's catalogue for `code`; True when Qt has one."""
        if self._installed is not None:
            self._app.removeTranslator(self._installed)
            self._installed.deleteLater()
            self._installed = None
        self.code = code
        self._installed = qt_translator(code, self._app)
        if self._installed is not None:
            self._app.installTranslator(self._installed)
        return self._installed is not None
