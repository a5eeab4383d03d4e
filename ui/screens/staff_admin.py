"""Staff management: list accounts, add one, reset a password, clear a lockout, remove one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, Translator, source_translator
from kiosk.staff import Role, StaffMember
from ui.widgets.common import StatusLine, button, heading, line_edit, paragraph

ROLE_TEXT = {
    Role.ENROLLER: N_("Enroller"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.ADMIN: N_("Administrator"),
}


class AddStaffDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(N_("Add staff"))
        form = QFormLayout(self)
        self.display_name = line_edit(N_("Name"))
        self.username = line_edit(N_("User name"))
        self.role = QComboBox()
        self.role.setAccessibleName(N_("Role"))
        for role, text in ROLE_TEXT.items():
            self.role.addItem(text, role)
        self.password = line_edit(N_("Temporary password"), password=True)
        form.addRow(N_("&Name"), self.display_name)
        form.addRow(N_("&User name"), self.username)
        form.addRow(N_("&Role"), self.role)
        form.addRow(N_("&Temporary password"), self.password)
        form.addRow(paragraph(N_("Tell them the temporary password in person; they change it.")))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_role(self) -> Role:
        role: Role = self.role.currentData()
        return role


class StaffScreen(QWidget):
    add_requested = Signal(str, str, object, str)  # username, name, Role, password
    remove_requested = Signal(str)
    reset_requested = Signal(str, str)
    clear_lockout_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading(N_("Staff")))
        layout.addWidget(
            paragraph(
                N_("Everyone who signs in to this kiosk. Each person has their own password.")
            )
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([N_("User name"), N_("Name"), N_("Role")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(N_("Staff accounts"))
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = button(N_("&Add staff…"))
        self.reset_button = button(N_("&Reset password…"))
        self.clear_button = button(N_("&Clear lockout"))
        self.remove_button = button(N_("Re&move…"))
        for b in (self.add_button, self.reset_button, self.clear_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = StatusLine()
        layout.addWidget(self.status)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.reset_button.clicked.connect(self._on_reset_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self._viewer: StaffMember | None = None
        self._members: list[StaffMember] = []
        # The staff language; the window's retranslate_tree sets it (see retranslate).
        self.t = source_translator()

    def retranslate(self, t: Translator) -> None:
        self.t = t
        self.show_members(self._members)  # the role column is built from code

    def set_viewer(self, member: StaffMember) -> None:
        """Show only the actions this person's role allows."""
        self._viewer = member
        is_admin = member.role is Role.ADMIN
        self.add_button.setVisible(is_admin)
        self.remove_button.setVisible(is_admin)

    def show_members(self, members: list[StaffMember]) -> None:
        self._members = list(members)
        self.table.setRowCount(len(members))
        for row, m in enumerate(members):
            role = self.t.gettext(ROLE_TEXT[m.role])
            for col, text in enumerate((m.username, m.display_name, role)):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.status.show_error(N_("Select a person in the list first."))
            return None
        item = self.table.item(rows[0].row(), 0)
        return item.text() if item else None

    def _on_add_clicked(self) -> None:
        dialog = AddStaffDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_requested.emit(
                dialog.username.text().strip(),
                dialog.display_name.text().strip(),
                dialog.chosen_role(),
                dialog.password.text(),
            )

    def _on_reset_clicked(self) -> None:
        username = self.selected_username()
        if username is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(self.t.tr(N_("Reset password for {username}"), username=username))
        form = QFormLayout(dialog)
        password = line_edit(N_("Temporary password"), password=True)
        form.addRow(N_("&Temporary password"), password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reset_requested.emit(username, password.text())

    def _on_clear_clicked(self) -> None:
        username = self.selected_username()
        if username is not None:
            self.clear_lockout_requested.emit(username)

    def _on_remove_clicked(self) -> None:
        username = self.selected_username()
        if username is None:
            return
        answer = QMessageBox.question(
            self,
            N_("Remove staff"),
            f"Remove {username}? They will no longer be able to sign in.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_requested.emit(username)
