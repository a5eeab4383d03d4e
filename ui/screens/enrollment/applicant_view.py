"""What the applicant reads on step 6, in their own language: the details to be sealed.

Labels come from the applicant's `Translator` (the card's own labels where they exist); the
values are shown as typed. On a second display (when attached) the same view fills that screen,
facing the applicant, and it closes with the step or the lock screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.documents import InvalidFields
from kiosk.documents.texts import card_labels, care_of, long_date, no_address
from kiosk.enrollment import AddressKind, ApplicantDetails, FlowState, Gender
from kiosk.enrollment.preview import card_address
from kiosk.enrollment.validation import parse_date
from kiosk.i18n import LANGUAGES, Translator
from ui.fonts import font_for
from ui.i18n import direction, mark_data, mark_own_language

PHOTO_WIDTH = 200


def gender_text(t: Translator, gender: Gender | None) -> str:
    if gender is None:
        return ""
    if gender is Gender.NOT_DESIGNATED:
        # Translators: the applicant chose not to show a gender on the card.
        return t.gettext("Not designated")
    # The card prints the letter; the applicant reads the word in their language beside it.
    words = {Gender.F: t.gettext("Female"), Gender.M: t.gettext("Male")}
    word = words.get(gender)
    return f"{word} ({gender.value})" if word else gender.value


def eye_text(t: Translator, value: str) -> str:
    names = {
        "brown": t.pgettext("eyes", "Brown"),
        "hazel": t.pgettext("eyes", "Hazel"),
        "black": t.pgettext("eyes", "Black"),
        "blue": t.pgettext("eyes", "Blue"),
        "green": t.pgettext("eyes", "Green"),
        "gray": t.pgettext("eyes", "Gray"),
        "multicolor": t.pgettext("eyes", "Multicolor"),
    }
    return names.get(value, value)


def yes_no(t: Translator, value: bool) -> str:
    return t.gettext("Yes") if value else t.gettext("No")


def address_lines(details: ApplicantDetails, t: Translator) -> str:
    if details.address_kind is AddressKind.NONE:
        return no_address(t)
    try:
        lines = list(card_address(details).lines)
    except InvalidFields:  # nothing entered yet: the details step says what is missing
        return ""
    if details.address_kind is AddressKind.CARE_OF and details.care_of.strip():
        lines[0] = care_of(t, lines[0])
    return "\n".join(lines)


class ApplicantView(QWidget):
    """Everything here is in the applicant's language, whatever the staff screens speak."""

    language_chosen = Signal(str)  # the applicant picked another language to read in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("applicantView")
        mark_own_language(self)
        column = QVBoxLayout(self)
        picker_row = QHBoxLayout()
        self.language_label = QLabel()
        # Every language in its own name and script: an applicant finds theirs without English.
        self.language = QComboBox()
        mark_data(self.language)
        for lang in LANGUAGES:
            self.language.addItem(lang.native_name, lang.code)
        self.language.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.language.activated.connect(self._on_language_activated)
        self.language_label.setBuddy(self.language)
        picker_row.addWidget(self.language_label)
        picker_row.addWidget(self.language)
        picker_row.addStretch(1)
        column.addLayout(picker_row)
        self.title = QLabel()
        self.title.setObjectName("heading1")
        self.title.setWordWrap(True)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        column.addWidget(self.title)
        column.addWidget(self.intro)
        row = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setFixedWidth(PHOTO_WIDTH)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.photo.setAccessibleName("Photo")  # replaced by the applicant's language in show_state
        row.addWidget(self.photo)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeading)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(24)
        row.addLayout(self.form, 1)
        column.addLayout(row)
        column.addStretch(1)

    def _on_language_activated(self, index: int) -> None:
        self.language_chosen.emit(self.language.itemData(index))

    def show_state(self, state: FlowState, t: Translator) -> None:
        self.setLayoutDirection(direction(t))
        self.setFont(font_for(t.language, self.font()))
        self.language.setFont(font_for(t.language, self.font()))
        index = self.language.findData(t.code)
        if index >= 0:
            self.language.setCurrentIndex(index)
        # Translators: label of the list where applicants pick the language they read in.
        self.language_label.setText(t.gettext("Language:"))
        self.language.setAccessibleName(t.gettext("Language"))
        # Translators: accessible name of the applicant's photo on the check screen.
        self.photo.setAccessibleName(t.gettext("Your photo"))
        app = state.application
        details = app.details
        labels = card_labels(t)
        # Translators: heading of the screen where applicants check their own details.
        self.title.setText(t.gettext("Please check your details"))
        if self.window().objectName() == "applicantWindow":  # read out by screen readers
            self.window().setWindowTitle(self.title.text())
        self.intro.setText(
            t.gettext(
                "This is what will be sent to the program office. Tell the staff member if "
                "anything is wrong."
            )
        )
        while self.form.rowCount():
            self.form.removeRow(0)
        dob = parse_date(details.dob)
        address_text = address_lines(details, t)
        height = ""
        if details.height_feet.strip():
            # Left-to-right marks keep 5′ 4″ in order inside right-to-left text.
            feet, inches = details.height_feet.strip(), details.height_inches.strip() or "0"
            height = f"\u200e{feet}′ {inches}″\u200e"
        rows = [
            (labels["family_name"], details.family_name.strip()),
            (labels["given_names"], " ".join(
                n.strip() for n in (details.given_name, details.middle_name) if n.strip()
            )),
            (labels["dob"], long_date(t, dob) if dob else details.dob),
            (t.gettext("Gender"), gender_text(t, details.gender)),
            (t.gettext("Height"), height),
            (t.gettext("Eye colour"), eye_text(t, details.eye_colour.value)
             if details.eye_colour else ""),
            (labels["address"], address_text),
            (labels["language"], ", ".join(
                c.other if c.code == "other" else c.language.own_name for c in app.languages
            )),
            (t.gettext("Veteran"), yes_no(t, details.veteran)),
            (t.gettext("Organ donor registry"), yes_no(t, details.organ_donor)),
        ]  # fmt: skip
        edge = Qt.AlignmentFlag.AlignRight if t.is_rtl else Qt.AlignmentFlag.AlignLeft
        for text_label in (self.title, self.intro):
            text_label.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute)
        for label, value in rows:
            name = QLabel(label)
            name.setObjectName("applicantLabel")
            # Absolute: a Latin value (a street, a height) would otherwise sit at the left edge
            # of a right-to-left form, away from its label.
            name.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
            shown = QLabel(value)
            shown.setObjectName("applicantValue")
            shown.setWordWrap(True)
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setAlignment(edge | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
            shown.setAccessibleName(label)
            mark_data(shown)
            self.form.addRow(name, shown)
        if app.photo is not None:
            pixmap = QPixmap()
            pixmap.loadFromData(app.photo.jpeg, "JPG")
            self.photo.setPixmap(
                pixmap.scaledToWidth(PHOTO_WIDTH, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.photo.clear()

    def clear(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.photo.clear()
        self.title.clear()
        self.intro.clear()


class ApplicantWindow(QWidget):
    """The applicant's view alone, full screen on the second display."""

    def __init__(self) -> None:
        # The keyboard stays with the operator: the applicant's screen only shows (and takes
        # taps), so showing it must not pull the focus away from the attestation.
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("Check your details")
        self.setObjectName("applicantWindow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        self.view = ApplicantView()
        layout.addWidget(self.view)

    def show_on_second_screen(self) -> bool:
        screens = QGuiApplication.screens()
        if len(screens) < 2:
            return False
        primary = QGuiApplication.primaryScreen()
        other = next(s for s in screens if s is not primary)
        self.setGeometry(other.geometry())
        self.showFullScreen()
        return True
