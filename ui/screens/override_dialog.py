"""When the backlog is too large, a supervisor may let new applications continue, with a reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from ui.widgets.common import StatusLine, line_edit, paragraph


class OverrideDialog(QDialog):
    override_requested = Signal(str, str, str)  # supervisor, password, reason

    def __init__(self, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New applications are paused")
        form = QFormLayout(self)
        form.addRow(paragraph(explanation))
        form.addRow(
            paragraph(
                "A supervisor can let new applications continue for the rest of today. "
                "Export the waiting records to a USB drive soon (Outbox)."
            )
        )
        self.username = line_edit("Supervisor user name")
        self.password = line_edit("Password", password=True)
        self.reason = line_edit("Reason")
        self.reason.setPlaceholderText("for example: no network at this site today")
        form.addRow("&Supervisor", self.username)
        form.addRow("&Password", self.password)
        form.addRow("&Reason", self.reason)
        self.status = StatusLine()
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _on_buttons_accepted(self) -> None:
        if not (self.username.text().strip() and self.password.text() and self.reason.text()):
            self.status.show_error("A supervisor's user name, password and a reason are needed.")
            return
        self.status.show_info("Checking…")
        self.override_requested.emit(
            self.username.text().strip(), self.password.text(), self.reason.text()
        )

    def show_error(self, message: str) -> None:
        self.password.clear()
        self.status.show_error(message)
