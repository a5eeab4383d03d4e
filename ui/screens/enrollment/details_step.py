"""Step 2: the applicant's details, each field with its inline message; nothing typed is lost."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from kiosk.enrollment import EyeColour, FlowState, Gender, ScanOutcome
from kiosk.i18n import N_
from ui.enrollment.session import EnrollmentSession
from ui.screens.enrollment.address_section import AddressSection
from ui.screens.enrollment.fields import labelled, set_checked, set_text, text_field, wipe
from ui.screens.enrollment.page import StepPage
from ui.screens.enrollment.scanner_box import ScannerBox, describe_outcome
from ui.widgets.common import heading, paragraph

GENDER_LABELS = {
    Gender.F: "F",
    Gender.M: "M",
    Gender.X: "X",
    Gender.NOT_DESIGNATED: N_("Not designated"),
}
EYE_LABELS = {
    EyeColour.BROWN: N_("Brown"),
    EyeColour.HAZEL: N_("Hazel"),
    EyeColour.BLACK: N_("Black"),
    EyeColour.BLUE: N_("Blue"),
    EyeColour.GREEN: N_("Green"),
    EyeColour.GRAY: N_("Gray"),
    EyeColour.MULTICOLOR: N_("Multicolor"),
}


class DetailsStep(StepPage):
    title = N_("Applicant details")
    intro = N_(
        "Type names as the applicant writes them, in any script. Gender is what the applicant "
        "chooses for the card; no proof is asked."
    )

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.edits: dict[str, QLineEdit] = {}
        # Reading a passport zone or licence barcode first saves typing the names and date.
        self.scanner = ScannerBox(choose_document=False, mnemonics=False)
        self.scanner.text_scanned.connect(self._on_scanner_text_scanned)
        session.scan_finished.connect(self._on_session_scan_finished)
        session.scan_failed.connect(self._on_session_scan_failed)
        self.body.addWidget(self.scanner)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        self._text(
            grid, "family_name", N_("&Family name"), placeholder="", place=(0, 0), max_length=100
        )
        self._text(
            grid, "given_name", N_("Gi&ven name(s)"), placeholder="", place=(0, 1), max_length=100
        )
        self._text(
            grid,
            "middle_name",
            N_("&Middle name (optional)"),
            placeholder="",
            place=(0, 2),
            max_length=100,
        )
        self._text(
            grid, "dob", N_("&Date of birth"), placeholder="YYYY-MM-DD", place=(1, 0), max_length=10
        )

        self._build_gender(grid)
        self._build_height(grid)
        self._build_eye(grid)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.body.addLayout(grid)

        self.body.addWidget(heading(N_("Address on the card"), 2))
        self.address = AddressSection(self._update, self.message)
        self.body.addWidget(self.address)

        self._build_contact()

    def _build_gender(self, grid: QGridLayout) -> None:
        self.gender_group = QButtonGroup(self)
        self.gender_buttons: dict[Gender, QRadioButton] = {}
        gender_row = QHBoxLayout()
        gender_row.setContentsMargins(0, 0, 0, 0)
        for gender, text in GENDER_LABELS.items():
            button = QRadioButton(text)
            button.setAccessibleName(f"Gender on the card: {text}")
            self.gender_group.addButton(button)
            self.gender_buttons[gender] = button
            button.toggled.connect(self._on_gender_button_toggled)
            gender_row.addWidget(button)
        gender_row.addStretch(1)
        genders = QWidget()
        genders.setLayout(gender_row)
        genders.setAccessibleName(N_("Gender on the card"))
        gender_box = labelled(
            N_("&Gender on the card"),
            genders,
            self.message("gender", genders),
            buddy=self.gender_buttons[Gender.F],
        )
        grid.addWidget(gender_box, 1, 1, 1, 2)

    def _build_height(self, grid: QGridLayout) -> None:
        height = QHBoxLayout()
        height.setContentsMargins(0, 0, 0, 0)
        self.edits["height_feet"] = text_field(N_("Height, feet"), N_("ft"), 1)
        self.edits["height_inches"] = text_field(N_("Height, inches"), N_("in"), 2)
        for name in ("height_feet", "height_inches"):
            edit = self.edits[name]
            edit.setMaximumWidth(90)
            edit.textEdited.connect(lambda text, n=name: self._update(**{n: text}))
        height.addWidget(self.edits["height_feet"])
        height.addWidget(paragraph(N_("ft")))
        height.addWidget(self.edits["height_inches"])
        height.addWidget(paragraph(N_("in")))
        height.addStretch(1)
        heights = QWidget()
        heights.setLayout(height)
        height_box = labelled(
            N_("He&ight"),
            heights,
            self.message("height_feet", heights),
            buddy=self.edits["height_feet"],
        )
        grid.addWidget(height_box, 2, 0)

    def _build_eye(self, grid: QGridLayout) -> None:
        self.eye = QComboBox()
        self.eye.setAccessibleName(N_("Eye colour"))
        self.eye.addItem(N_("Choose…"), "")
        for colour, text in EYE_LABELS.items():
            self.eye.addItem(text, colour.value)
        self.eye.activated.connect(self._on_eye_activated)
        grid.addWidget(
            labelled(N_("Eye colo&ur"), self.eye, self.message("eye_colour", self.eye)), 2, 1
        )

    def _build_contact(self) -> None:
        self.body.addWidget(heading(N_("Contact (optional, for the program only)"), 2))
        contact = QGridLayout()
        contact.setHorizontalSpacing(16)
        self._text(
            contact,
            "phone",
            N_("&Phone (optional)"),
            placeholder="212 555 0100",
            place=(0, 0),
            max_length=30,
        )
        self._text(
            contact,
            "email",
            N_("&Email (optional)"),
            placeholder="name@example.org",
            place=(0, 1),
            max_length=200,
        )
        self._text(
            contact,
            "emergency_name",
            N_("Emergenc&y contact name"),
            placeholder="",
            place=(1, 0),
            max_length=100,
        )
        self._text(
            contact,
            "emergency_phone",
            N_("Emergency contact phone"),
            placeholder="",
            place=(1, 1),
            max_length=30,
        )
        self._text(
            contact,
            "emergency_relationship",
            N_("Relationship (optional)"),
            placeholder="",
            place=(1, 2),
            max_length=60,
        )
        for column in range(3):
            contact.setColumnStretch(column, 1)
        self.body.addLayout(contact)

        self.veteran = QCheckBox(N_("The applicant is a veteran (the card can say so)"))
        self.veteran.setAccessibleName(N_("Veteran"))
        self.veteran.toggled.connect(lambda on: self._update(veteran=on))
        self.donor = QCheckBox(N_("Join the organ donor &registry (16 and older)"))
        self.donor.setAccessibleName(N_("Organ donor registry"))
        self.donor.toggled.connect(lambda on: self._update(organ_donor=on))
        self.body.addWidget(self.veteran)
        self.body.addWidget(self.donor)
        self.body.addWidget(self.message("organ_donor", self.donor))

    def _text(
        self,
        grid: QGridLayout,
        name: str,
        label: str,
        *,
        placeholder: str = "",
        place: tuple[int, int],
        max_length: int,
    ) -> None:
        edit = text_field(label.replace("&", ""), placeholder, max_length)
        edit.textEdited.connect(lambda text: self._update(**{name: text}))
        self.edits[name] = edit
        grid.addWidget(labelled(label, edit, self.message(name, edit)), *place)

    def _on_scanner_text_scanned(self, text: str, _document: object) -> None:
        self.session.scan_text(text, None)

    def _on_session_scan_finished(self, outcome: ScanOutcome) -> None:
        if self.isVisible():
            self.scanner.show_result(describe_outcome(outcome), error=bool(outcome.conflicts))

    def _on_session_scan_failed(self, message: str) -> None:
        if self.isVisible():
            self.scanner.show_result(message, error=True)

    def _update(self, **fields: object) -> None:
        self.session.require_flow().update_details(**fields)

    def _on_gender_button_toggled(self, checked: bool) -> None:
        if checked:
            for gender, button in self.gender_buttons.items():
                if button.isChecked():
                    self._update(gender=gender)

    def _on_eye_activated(self, index: int) -> None:
        self._update(eye_colour=self.eye.itemData(index) or None)

    def show_state(self, state: FlowState) -> set[str]:
        details = state.application.details
        for name, edit in self.edits.items():
            set_text(edit, getattr(details, name))
        for gender, button in self.gender_buttons.items():
            if button.isChecked() != (details.gender is gender):
                self.gender_group.setExclusive(False)
                button.blockSignals(True)
                button.setChecked(details.gender is gender)
                button.blockSignals(False)
                self.gender_group.setExclusive(True)
        index = self.eye.findData(details.eye_colour.value if details.eye_colour else "")
        if self.eye.currentIndex() != index:
            self.eye.setCurrentIndex(index)
        set_checked(self.veteran, details.veteran)
        set_checked(self.donor, details.organ_donor)
        self.address.show_state(state)
        return super().show_state(state)

    def clear(self) -> None:
        super().clear()
        for edit in self.edits.values():
            wipe(edit)
        self.gender_group.setExclusive(False)
        for button in self.gender_buttons.values():
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        self.gender_group.setExclusive(True)
        self.eye.setCurrentIndex(0)
        set_checked(self.veteran, False)
        set_checked(self.donor, False)
        self.address.clear()
        self.scanner.clear()

    def focus_first(self) -> None:
        self.edits["family_name"].setFocus()
