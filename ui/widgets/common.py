"""Small building blocks every screen uses: headings, a status line, labelled fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import N_, Translator, source_translator


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setObjectName(f"heading{level}")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def card(max_width: int | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A white panel; padding lives in the layout (QSS padding would squeeze the form)."""
    frame = QFrame()
    frame.setObjectName("card")
    if max_width:
        # Room to grow: larger text and longer translations must not squeeze the form.
        frame.setMinimumWidth(max_width)
        frame.setMaximumWidth(round(max_width * 1.5))
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(12)
    return frame, layout


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("paragraph")
    return label


def primary_button(text: str, parent: QWidget | None = None) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName("primary")
    button.setDefault(True)
    button.setAccessibleName(text.replace("&", ""))
    return button


def button(text: str, parent: QWidget | None = None) -> QPushButton:
    b = QPushButton(text, parent)
    b.setAccessibleName(text.replace("&", ""))
    return b


def line_edit(accessible_name: str, *, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class StatusLine(QLabel):
    """One line under a form: errors in red with a symbol, success in green; never colour alone.

    Messages are English source texts (or already translated text): the line translates them
    with the staff language and again when that language changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._t = source_translator()
        self._message: tuple[str, str] | None = None
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(N_("Status"))
        self.clear_status()

    def show_error(self, text: str) -> None:
        self._show("error", text)

    def show_success(self, text: str) -> None:
        self._show("success", text)

    def show_info(self, text: str) -> None:
        self._show("info", text)

    def clear_status(self) -> None:
        self._message = None
        self.setText("")
        self.setVisible(False)

    def retranslate(self, t: Translator) -> None:
        self._t = t
        if self._message is not None:
            self._show(*self._message)

    def _show(self, kind: str, source: str) -> None:
        self._message = (kind, source)
        text = {"error": "⚠ ", "success": "✓ "}.get(kind, "") + self._t.gettext(source)
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(True)
