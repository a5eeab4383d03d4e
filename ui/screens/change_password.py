"""Changing one's own password; required right after a supervisor's reset."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget

from kiosk.i18n import N_
from ui.widgets.common import StatusLine, line_edit, paragraph


class ChangePasswordDialog(QDialog):
    def __init__(self, *, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(N_("Change your password"))
        form = QFormLayout(self)
        if required:
            form.addRow(paragraph(N_("Your password was reset. Choose your own before you go on.")))
        self.old = line_edit(N_("Current password"), password=True)
        self.new = line_edit(N_("New password"), password=True)
        self.again = line_edit(N_("New password again"), password=True)
        form.addRow(N_("&Current password"), self.old)
        form.addRow(N_("&New password"), self.new)
        form.addRow(N_("New password &again"), self.again)
        self.status = StatusLine()
        form.addRow(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        if not required:
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _on_ok_clicked(self) -> None:
        if self.new.text() != self.again.text():
            self.status.show_error(N_("The two new passwords are different."))
            return
        self.accept()
