"""Small pieces every step uses: a labelled field with its inline message, and safe updates.

Messages sit right under their field (red, with a symbol, never colour alone) and are also the
field's accessible description, so a screen reader says what is wrong where it is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_


class FieldMessage(QLabel):
    """The inline message under one field; hidden while the field is fine."""

    def __init__(self, field_name: str, target: QWidget | None = None) -> None:
        super().__init__()
        self.field_name = field_name
        self.target = target
        self.setObjectName("fieldMessage")
        # Messages may quote what a document says: never let that be read as rich text.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setProperty("kind", "error")
        self.setAccessibleName(N_("Problem"))
        self.setVisible(False)

    def show_messages(self, messages: Iterable[str]) -> None:
        text = " ".join(messages)
        self.setText(f"⚠ {text}" if text else "")
        self.setVisible(bool(text))
        if self.target is not None:
            self.target.setAccessibleDescription(text)
            self.target.setProperty("invalid", bool(text))
            self.target.style().unpolish(self.target)
            self.target.style().polish(self.target)


def labelled(
    text: str,
    widget: QWidget,
    message: FieldMessage | None = None,
    *,
    buddy: QWidget | None = None,
) -> QWidget:
    """A label with a mnemonic (`&`) bound to `buddy` (default `widget`), the widget, and its
    message below."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    label.setBuddy(buddy or widget)
    column.addWidget(label)
    column.addWidget(widget)
    if message is not None:
        column.addWidget(message)
    if not widget.accessibleName():
        widget.setAccessibleName(text.replace("&", ""))
    return box


def text_field(accessible_name: str, placeholder: str = "", max_length: int = 200) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(accessible_name)
    edit.setPlaceholderText(placeholder)
    edit.setMaxLength(max_length)
    return edit


def set_text(edit: QLineEdit, value: str) -> None:
    """Show the flow's value without disturbing the operator typing in this very field."""
    if edit.text() != value and not (edit.hasFocus() and edit.text().strip() == value.strip()):
        position = edit.cursorPosition()
        edit.setText(value)
        edit.setCursorPosition(min(position, len(value)))


def wipe(edit: QLineEdit) -> None:
    """Empty a field for good: `clear()` is undoable, so Ctrl+Z would bring the last
    applicant's text back; `setText` also drops the undo history."""
    edit.setText("")


def set_checked(box: QCheckBox, value: bool) -> None:
    if box.isChecked() != value:
        box.blockSignals(True)
        box.setChecked(value)
        box.blockSignals(False)


def show_problems(messages: Iterable[FieldMessage], state: FlowState) -> set[str]:
    """Fill every inline message from the state; returns the fields that have a place here."""
    shown = set()
    for message in messages:
        texts = [p.message for p in state.problems_for(message.field_name)]
        texts += [
            f"The document reads “{c.read}”; kept what was typed: check with the applicant."
            for c in state.conflicts
            if c.field == message.field_name
        ]
        message.show_messages(texts)
        shown.add(message.field_name)
    return shown


def refocus(widget: QWidget) -> None:
    """After a modal dialog: kiosk laptops may run without a window manager, which then gives
    the keyboard back to nobody; take it back for the window and put it on `widget`."""
    widget.window().activateWindow()
    widget.setFocus()


def aligned_top() -> Qt.AlignmentFlag:
    return Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
