"""First run: choose the program, name the site, create the first admin. Three short steps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.errors import KioskError
from kiosk.i18n import N_, Translator, source_translator
from kiosk.staff import check_password
from ui.i18n import mark_data
from ui.widgets.common import (
    StatusLine,
    button,
    card,
    heading,
    line_edit,
    paragraph,
    primary_button,
)


class SetupWizard(QWidget):
    """Emits `setup_requested` with the admin's details and the initial settings."""

    setup_requested = Signal(str, str, str, object)  # username, display name, password, Settings

    def __init__(self, programs: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = source_translator()
        outer = QVBoxLayout(self)
        panel, layout = card(640)
        layout.addWidget(heading(N_("Set up this kiosk")))
        self.step_label = paragraph("")
        self.step_label.setObjectName("stepLabel")
        layout.addWidget(self.step_label)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._program_page(programs))
        self.pages.addWidget(self._site_page())
        self.pages.addWidget(self._admin_page())
        layout.addWidget(self.pages)
        self.status = StatusLine()
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.back = button(N_("&Back"))
        self.next = primary_button(N_("&Next"))
        self.back.clicked.connect(self._on_back_clicked)
        self.next.clicked.connect(self._on_next_clicked)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        layout.addLayout(buttons)
        outer.addStretch(1)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self._show_page(0)

    # --- pages -----------------------------------------------------------------------------

    def _program_page(self, programs: list[tuple[str, str]]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(N_("Which ID program does this kiosk enroll for?"), 2))
        self.program_group = QButtonGroup(page)
        for index, (program_id, name) in enumerate(programs):
            radio = QRadioButton(name)
            mark_data(radio)  # the program file's own name
            radio.setProperty("program_id", program_id)
            radio.setAccessibleName(name)
            self.program_group.addButton(radio, index)
            layout.addWidget(radio)
            radio.setChecked(index == 0)
        layout.addStretch(1)
        return page

    def _site_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(N_("Where is this kiosk?"), 2))
        form = QFormLayout()
        self.site_name = line_edit(N_("Site name"))
        self.site_name.setPlaceholderText(N_("for example: Queens Library, Flushing"))
        form.addRow(N_("&Site name"), self.site_name)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setValue(Settings.idle_lock_seconds.default // 60)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setAccessibleName(N_("Lock the screen after this many idle minutes"))
        form.addRow(N_("&Lock screen after"), self.idle_minutes)
        layout.addLayout(form)
        layout.addWidget(
            paragraph(N_("The screen locks itself when nobody has used it for this long."))
        )
        layout.addStretch(1)
        return page

    def _admin_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading(N_("Create the first administrator"), 2))
        layout.addWidget(
            paragraph(
                N_(
                    "This person can add staff and change settings. Choose a password of at least "
                    "8 characters; a short sentence is easy to remember and hard to guess."
                )
            )
        )
        form = QFormLayout()
        self.display_name = line_edit(N_("Your name"))
        self.username = line_edit(N_("User name"))
        self.password = line_edit(N_("Password"), password=True)
        self.confirm = line_edit(N_("Password again"), password=True)
        form.addRow(N_("Your &name"), self.display_name)
        form.addRow(N_("&User name"), self.username)
        form.addRow(N_("&Password"), self.password)
        form.addRow(N_("Password &again"), self.confirm)
        self.confirm.returnPressed.connect(self._on_next_clicked)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def retranslate(self, t: Translator) -> None:
        self.t = t
        self._show_page(self.pages.currentIndex())

    # --- navigation ------------------------------------------------------------------------

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        total = self.pages.count()
        self.step_label.setText(
            self.t.tr("Step {number} of {total}", number=index + 1, total=total)
        )
        self.back.setEnabled(index > 0)
        self.next.setText(
            self.t.gettext("&Create kiosk") if index == total - 1 else self.t.gettext("&Next")
        )
        self.next.setAccessibleName(self.next.text().replace("&", ""))
        self.status.clear_status()
        focus = {0: self.program_group.checkedButton(), 1: self.site_name, 2: self.display_name}
        widget = focus.get(index)
        if widget is not None:
            widget.setFocus()

    def _on_back_clicked(self) -> None:
        self._show_page(max(0, self.pages.currentIndex() - 1))

    def _on_next_clicked(self) -> None:
        index = self.pages.currentIndex()
        problem = self._problem_on_page(index)
        if problem:
            self.status.show_error(problem)
            return
        if index < self.pages.count() - 1:
            self._show_page(index + 1)
            return
        self.next.setEnabled(False)
        self.status.show_info(N_("Creating the encrypted vault…"))
        self.setup_requested.emit(
            self.username.text().strip(),
            self.display_name.text().strip(),
            self.password.text(),
            self._settings(),
        )

    def _settings(self) -> Settings:
        checked = self.program_group.checkedButton()
        program = str(checked.property("program_id")) if checked else Settings.program.default
        return Settings().replace(
            program=program,
            site_name=self.site_name.text().strip(),
            idle_lock_seconds=self.idle_minutes.value() * 60,
        )

    def _problem_on_page(self, index: int) -> str | None:
        if index == 0 and self.program_group.checkedButton() is None:
            return "Choose a program."
        if index == 1 and not self.site_name.text().strip():
            return "Give the site a name; it appears on receipts and reports."
        if index == 2:
            if not self.display_name.text().strip() or not self.username.text().strip():
                return "Fill in your name and a user name."
            if self.password.text() != self.confirm.text():
                return "The two passwords are different."
            try:
                check_password(self.username.text(), self.password.text())
            except KioskError as error:
                return error.message
        return None

    def show_error(self, message: str) -> None:
        self.next.setEnabled(True)
        self.status.show_error(message)
