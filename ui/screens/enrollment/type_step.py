"""Step 1: the application type and up to two preferred languages (ASL and "other" included)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from kiosk.enrollment import LANGUAGES, ApplicationType, FlowState, LanguageChoice
from kiosk.enrollment.languages import OTHER
from kiosk.i18n import N_, Translator, source_translator
from ui.enrollment.session import EnrollmentSession
from ui.i18n import mark_data
from ui.screens.enrollment.fields import labelled, set_text, text_field, wipe
from ui.screens.enrollment.page import StepPage

TYPE_LABELS = {
    ApplicationType.NEW: N_("Ne&w card"),
    ApplicationType.RENEWAL: N_("&Renewal"),
    ApplicationType.REPLACEMENT: N_("Repla&cement (lost, stolen or damaged)"),
    ApplicationType.UPDATE: N_("&Update details on a card"),
}


# The languages' English names, marked so the staff sees them in the staff language too
# (language_label looks each name up; tests check every language is here).
LANGUAGE_NAMES = (
    N_("English"),
    N_("Spanish"),
    N_("Chinese (Simplified)"),
    N_("Russian"),
    N_("Haitian Creole"),
    N_("Korean"),
    N_("Bengali"),
    N_("Arabic"),
    N_("Urdu"),
    N_("French"),
    N_("Polish"),
    N_("American Sign Language (ASL)"),
    N_("Other"),
)


def language_label(code: str, t: Translator | None = None) -> str:
    """The language in its own name, then in the staff's language ("العربية — Arabic")."""
    language = next(lang for lang in LANGUAGES if lang.code == code)
    name = (t or source_translator()).gettext(language.english_name)
    if language.own_name == language.english_name or code == "ase":
        return name
    return f"{language.own_name} — {name}"


class TypeStep(StepPage):
    title = N_("Application type and preferred languages")
    intro = N_(
        "Ask which kind of application this is, and which languages the applicant prefers "
        "(up to two). The confirmation screen and receipt use the first written language."
    )

    def __init__(self, session: EnrollmentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.type_group = QButtonGroup(self)
        self.type_buttons: dict[ApplicationType, QRadioButton] = {}
        row = QHBoxLayout()
        for kind, text in TYPE_LABELS.items():
            button = QRadioButton(text)
            button.setAccessibleName(text.replace("&", ""))
            self.type_group.addButton(button)
            self.type_buttons[kind] = button
            row.addWidget(button)
            button.toggled.connect(self._on_type_button_toggled)
        row.addStretch(1)
        types = QWidget()
        types.setLayout(row)
        types.setAccessibleName(N_("Application type"))
        self.type_message = self.message("application_type", types)
        self.body.addWidget(types)
        self.body.addWidget(self.type_message)

        self.first = self._language_combo(N_("First preferred language"), N_("Choose…"))
        self.second = self._language_combo(N_("Second preferred language (optional)"), N_("None"))
        self.first_other = text_field(N_("First language, as the applicant names it"))
        self.second_other = text_field(N_("Second language, as the applicant names it"))
        for edit in (self.first_other, self.second_other):
            edit.setPlaceholderText(N_("for example Wolof, Garifuna, K'iche'"))
            edit.textEdited.connect(self._on_languages_edited)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.first_other_box = labelled(N_("Other language, &as written"), self.first_other)
        self.second_other_box = labelled(
            N_("Second other language, as wr&itten"), self.second_other
        )
        grid.addWidget(labelled(N_("&First preferred language"), self.first), 0, 0)
        grid.addWidget(self.first_other_box, 0, 1)
        grid.addWidget(labelled(N_("Second lan&guage (optional)"), self.second), 1, 0)
        grid.addWidget(self.second_other_box, 1, 1)
        grid.setColumnStretch(2, 1)
        self.body.addLayout(grid)
        self.languages_message = self.message("languages", self.first)
        self.body.addWidget(self.languages_message)
        self._sync_other_fields()

    def _language_combo(self, name: str, empty: str) -> QComboBox:
        combo = QComboBox()
        mark_data(combo)  # own names stay; retranslate redoes the rest of each item
        combo.setAccessibleName(name)
        combo.setProperty("emptyText", empty)
        combo.addItem(empty, "")
        for language in LANGUAGES:
            combo.addItem(language_label(language.code), language.code)
        combo.setMinimumWidth(320)
        combo.activated.connect(self._on_languages_edited)
        return combo

    def retranslate(self, t: Translator) -> None:
        super().retranslate(t)
        for combo in (self.first, self.second):
            for index in range(combo.count()):
                code = combo.itemData(index)
                text = language_label(code, t) if code else t.gettext(combo.property("emptyText"))
                combo.setItemText(index, text)

    # --- intents ---

    def _on_type_button_toggled(self, checked: bool) -> None:
        if not checked:
            return
        for kind, button in self.type_buttons.items():
            if button.isChecked():
                self.session.require_flow().set_type(kind)

    def _on_languages_edited(self, *_: object) -> None:
        self._sync_other_fields()
        choices = []
        for combo, other in ((self.first, self.first_other), (self.second, self.second_other)):
            code = combo.currentData()
            if code:
                choices.append(LanguageChoice(code, other.text() if code == OTHER else ""))
        self.session.require_flow().set_languages(choices)

    def _sync_other_fields(self) -> None:
        for combo, box in (
            (self.first, self.first_other_box),
            (self.second, self.second_other_box),
        ):
            box.setVisible(combo.currentData() == OTHER)

    # --- rendering ---

    def show_state(self, state: FlowState) -> set[str]:
        app = state.application
        for kind, button in self.type_buttons.items():
            if button.isChecked() != (app.application_type is kind):
                button.blockSignals(True)
                self.type_group.setExclusive(False)
                button.setChecked(app.application_type is kind)
                self.type_group.setExclusive(True)
                button.blockSignals(False)
        pairs: list[tuple[QComboBox, QLineEdit]] = [
            (self.first, self.first_other),
            (self.second, self.second_other),
        ]
        for i, (combo, other) in enumerate(pairs):
            choice = app.languages[i] if i < len(app.languages) else None
            index = combo.findData(choice.code if choice else "")
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
            set_text(other, choice.other if choice and choice.code == OTHER else other.text())
        self._sync_other_fields()
        return super().show_state(state)

    def clear(self) -> None:
        super().clear()
        self.type_group.setExclusive(False)
        for button in self.type_buttons.values():
            button.blockSignals(True)
            button.setChecked(False)
            button.blockSignals(False)
        self.type_group.setExclusive(True)
        for combo in (self.first, self.second):
            combo.setCurrentIndex(0)
        for edit in (self.first_other, self.second_other):
            wipe(edit)
        self._sync_other_fields()

    def focus_first(self) -> None:
        checked = self.type_group.checkedButton()
        (checked or self.type_buttons[ApplicationType.NEW]).setFocus()
