"""Sign-in, and the lock screen: the same form, with everything else hidden behind it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import N_, STAFF_LANGUAGES, language
from ui.i18n import mark_data
from ui.widgets.common import StatusLine, card, heading, line_edit, paragraph, primary_button


class LoginScreen(QWidget):
    """`locked=True` makes it the lock screen shown after idle time or Ctrl+L."""

    sign_in_requested = Signal(str, str)
    language_chosen = Signal(str)  # the staff interface language code

    def __init__(
        self,
        *,
        locked: bool,
        demo_accounts: list[tuple[str, str, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.locked = locked
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        panel, layout = card(500)
        if locked:
            layout.addWidget(heading(N_("Screen locked")))
            layout.addWidget(
                paragraph(
                    N_(
                        "The kiosk locked itself to protect applicants' information. "
                        "Sign in to continue where you left off."
                    )
                )
            )
        else:
            layout.addWidget(heading(N_("Sign in")))
            layout.addWidget(paragraph(N_("Use your own account: every sign-in is recorded.")))
        form = QFormLayout()
        self.username = line_edit(N_("User name"))
        self.password = line_edit(N_("Password"), password=True)
        form.addRow(N_("&User name"), self.username)
        form.addRow(N_("&Password"), self.password)
        # Each language in its own name, so a Spanish-speaking enroller finds "Español" at once.
        self.language = QComboBox()
        mark_data(self.language)
        for code in STAFF_LANGUAGES:
            self.language.addItem(language(code).native_name, code)
        self.language.setAccessibleName(N_("Interface language"))
        self.language.currentIndexChanged.connect(self._on_language_index_changed)
        form.addRow(N_("&Language"), self.language)
        layout.addLayout(form)
        self.status = StatusLine()
        layout.addWidget(self.status)
        self.submit = primary_button(N_("Sign in") if not locked else N_("Unlock"))
        self.submit.clicked.connect(self._on_submit_clicked)
        self.password.returnPressed.connect(self._on_submit_clicked)
        self.username.returnPressed.connect(self.password.setFocus)
        layout.addWidget(self.submit)
        if demo_accounts:
            layout.addWidget(self._demo_panel(demo_accounts))
        row = QVBoxLayout()
        row.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addLayout(row)
        outer.addStretch(2)

    @staticmethod
    def _demo_panel(accounts: list[tuple[str, str, str]]) -> QFrame:
        panel = QFrame()
        panel.setObjectName("demoHint")
        grid = QGridLayout(panel)
        grid.setVerticalSpacing(6)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.addWidget(QLabel(N_("Demo accounts (user name / password):")), 0, 0, 1, 2)
        for row, (user, password, _role) in enumerate(accounts, start=1):
            name = QLabel(user)
            name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(name, row, 0)
            grid.addWidget(QLabel(password), row, 1)
        return panel

    def _on_language_index_changed(self, index: int) -> None:
        self.language_chosen.emit(self.language.itemData(index))

    def show_language(self, code: str) -> None:
        """Show `code` as chosen without announcing it again."""
        index = self.language.findData(code)
        if index >= 0 and index != self.language.currentIndex():
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)

    def reset(self) -> None:
        self.password.clear()
        self.status.clear_status()
        self.submit.setEnabled(True)
        (self.password if self.username.text() else self.username).setFocus()

    def show_error(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.status.show_error(message)

    def _on_submit_clicked(self) -> None:
        if not self.submit.isEnabled():
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self.status.show_error(N_("Type your user name and password."))
            return
        self.submit.setEnabled(False)
        self.status.show_info(N_("Checking…"))
        self.sign_in_requested.emit(username, password)
