"""What "nothing of the applicant is left" means for widgets: checked after submit and cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from tests.gui.enrollment.conftest import EnrollHarness


def leftovers(root: QWidget) -> list[str]:
    found = []
    for edit in root.findChildren(QLineEdit):
        if edit.text():
            found.append(f"text in {edit.accessibleName() or edit.objectName()}")
        if edit.isUndoAvailable():  # Ctrl+Z would bring the applicant's text back
            found.append(f"undo history in {edit.accessibleName() or edit.objectName()}")
    for box in root.findChildren(QPlainTextEdit):
        if box.toPlainText() or box.document().isUndoAvailable():
            found.append(f"text in {box.accessibleName()}")
    for label in root.findChildren(QLabel):
        pixmap = label.pixmap()
        if pixmap is not None and not pixmap.isNull():
            found.append(f"picture in {label.accessibleName() or label.objectName()}")
    for combo in root.findChildren(QComboBox):
        if combo.isEditable() and combo.currentText():
            found.append(f"text in {combo.accessibleName()}")
    return found


def assert_nothing_left(h: EnrollHarness) -> None:
    assert leftovers(h.screen) == []
    session = h.window.enrollment.session
    assert session.flow is None and session.state is None
    photo = h.screen.photo
    assert not photo.running and photo.camera is None  # the camera is stopped and gone
