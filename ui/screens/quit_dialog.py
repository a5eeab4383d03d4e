"""In kiosk mode, closing the kiosk needs a supervisor's user name and password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from kiosk.i18n import N_
from ui.widgets.common import StatusLine, line_edit, paragraph


class QuitDialog(QDialog):
    quit_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(N_("Close the kiosk"))
        form = QFormLayout(self)
        form.addRow(paragraph(N_("Only a supervisor can close the kiosk. This is recorded.")))
        self.username = line_edit(N_("Supervisor user name"))
        self.password = line_edit(N_("Password"), password=True)
        form.addRow(N_("&User name"), self.username)
        form.addRow(N_("&Password"), self.password)
        self.status = StatusLine()
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _on_buttons_accepted(self) -> None:
        if not self.username.text().strip() or not self.password.text():
            self.status.show_error(N_("Type a supervisor's user name and password."))
            return
        self.status.show_info(N_("Checking…"))
        self.quit_requested.emit(self.username.text().strip(), self.password.text())

    def show_error(self, message: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.status.show_error(message)
