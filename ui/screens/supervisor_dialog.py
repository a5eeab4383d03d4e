"""A supervisor confirms something in person: user name, password and, where asked, a reason."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from kiosk.i18n import N_
from ui.widgets.common import StatusLine, line_edit, paragraph


class SupervisorDialog(QDialog):
    confirmed = Signal(str, str, str)  # supervisor, password, reason ("" when not asked)

    def __init__(
        self,
        title: str,
        lines: Sequence[str],
        *,
        ask_reason: bool = False,
        reason_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        for line in lines:
            form.addRow(paragraph(line))
        self.username = line_edit(N_("Supervisor user name"))
        self.password = line_edit(N_("Password"), password=True)
        form.addRow(N_("&Supervisor"), self.username)
        form.addRow(N_("&Password"), self.password)
        self.reason = line_edit(N_("Reason"))
        self.reason.setPlaceholderText(reason_hint)
        if ask_reason:
            form.addRow(N_("&Reason"), self.reason)
        self._ask_reason = ask_reason
        self.status = StatusLine()
        form.addRow(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _on_buttons_accepted(self) -> None:
        missing_reason = self._ask_reason and not self.reason.text().strip()
        if not self.username.text().strip() or not self.password.text() or missing_reason:
            needed = (
                N_("A supervisor's user name, password and a reason are needed.")
                if self._ask_reason
                else N_("Type a supervisor's user name and password.")
            )
            self.status.show_error(needed)
            return
        self.status.show_info(N_("Checking…"))
        self.confirmed.emit(self.username.text().strip(), self.password.text(), self.reason.text())

    def show_error(self, message: str) -> None:
        self.password.clear()
        self.password.setFocus()
        self.status.show_error(message)
