"""Language access on the applicant's screens: every Local Law 30 language loads, Arabic and
Urdu read right to left, nothing is left in English, and switching language loses nothing."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from kiosk.enrollment import LANGUAGES as ENROLLMENT_LANGUAGES
from kiosk.enrollment import Step
from kiosk.i18n import load_translator, translated_languages
from kiosk.i18n.pseudo import pseudo_translator
from tests.gui.enrollment.conftest import EnrollHarness
from tests.gui.enrollment.filling import (
    fill_details,
    fill_documents,
    fill_to,
    fill_type,
    next_step,
    take_photo,
)
from tests.gui.test_pseudo_locale import plain_texts
from ui.language import UiLanguages
from ui.screens.enrollment.applicant_view import ApplicantView
from ui.screens.enrollment.confirm_step import ConfirmStep
from ui.screens.enrollment.type_step import LANGUAGE_NAMES, TypeStep

pytestmark = pytest.mark.gui

CODES = [lang.code for lang in translated_languages()]
# Texts that are the same in English and the applicant's language, and why.
ALLOWED_SAME = {
    "No": "the Spanish word is the same",
    "Multicolor": "the Spanish word is the same",
}


# Values on the check screen that are translated words rather than the applicant's data.
WORD_VALUES = {
    "Yes",
    "No",
    "Not designated",
    "Female (F)",
    "Male (M)",
    "Brown",
    "Hazel",
    "Black",
    "Blue",
    "Green",
    "Gray",
}


FILLERS = {
    Step.TYPE: fill_type,
    Step.DETAILS: fill_details,
    Step.DOCUMENTS: fill_documents,
    Step.PHOTO: take_photo,
}
# Plain texts allowed on the steps, with why. The test fails when this list grows or shrinks.
ENROLLMENT_GAPS: dict[str, list[str]] = {
    "DETAILS": [
        "QRadioButton '': F",  # the letter printed on the card, the same in every language
        "QRadioButton '': M",
        "QLineEdit '': name@example.org",  # an example address, not words
    ],
}


def at_confirm(kiosk: EnrollHarness) -> ConfirmStep:
    kiosk.start()
    fill_to(kiosk, Step.CONFIRM)
    next_step(kiosk, Step.CONFIRM)
    page = kiosk.screen.pages[Step.CONFIRM]
    assert isinstance(page, ConfirmStep)
    return page


def visible_texts(view: ApplicantView) -> dict[str, str]:
    """Message texts (not data values) on the applicant's view, by place."""
    found = {
        "title": view.title.text(),
        "intro": view.intro.text(),
        "language label": view.language_label.text(),
        "language name": view.language.accessibleName(),
        "photo name": view.photo.accessibleName(),
    }
    for row in range(view.form.rowCount()):
        for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
            item = view.form.itemAt(row, role)
            label = item.widget() if item is not None else None
            if isinstance(label, QLabel) and label.text():
                found[f"row {row} {role.name}"] = label.text()
    return found


def data_free(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]", text))


@pytest.mark.parametrize("code", CODES)
def test_every_language_loads_without_rejected_translations(code: str) -> None:
    translator = load_translator(code)
    assert translator.rejected == ()
    assert translator.gettext("Please check your details") != "Please check your details"


def test_the_check_screen_is_translated_in_every_language_and_rtl_for_arabic_and_urdu(
    kiosk: EnrollHarness,
) -> None:
    page = at_confirm(kiosk)
    view = page.applicant
    view.language.activated.emit(view.language.findData("en"))
    english = visible_texts(view)
    state = kiosk.window.enrollment.state
    assert state is not None
    for code in CODES:
        view.language.activated.emit(view.language.findData(code))
        assert view.language.currentData() == code
        texts = visible_texts(view)
        for place, text in texts.items():
            source = english.get(place, "")
            # Field values are data (names, dates, ZIP codes) unless they are one of our words.
            is_value = "FieldRole" in place and source not in WORD_VALUES
            if data_free(source) and not is_value and source not in ALLOWED_SAME:
                assert text != source, (code, source)
        rtl = code in ("ar", "ur")
        expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        assert view.layoutDirection() is expected, code
    # Switching language changed nothing the operator entered or the recorded languages.
    after = kiosk.window.enrollment.state
    assert after is not None
    assert after.application == state.application


def test_the_reading_language_carries_to_the_receipt_and_back_keeps_it(
    kiosk: EnrollHarness,
) -> None:
    page = at_confirm(kiosk)
    view = page.applicant
    view.language.activated.emit(view.language.findData("bn"))
    assert view.title.text() == load_translator("bn").gettext("Please check your details")
    session = kiosk.window.enrollment.session
    state = session.state
    assert state is not None
    assert session.reading_locale(state) == "bn"
    assert state.receipt_locale == "es"  # the recorded preference is untouched
    kiosk.press(page, Qt.Key.Key_PageUp)
    next_step(kiosk, Step.CONFIRM)
    assert view.title.text() == load_translator("bn").gettext("Please check your details")


def test_the_language_picker_is_named_keyboard_reachable_and_in_own_names(
    kiosk: EnrollHarness,
) -> None:
    view = at_confirm(kiosk).applicant
    assert view.language.accessibleName()
    assert view.language.focusPolicy() & Qt.FocusPolicy.TabFocus
    names = {view.language.itemText(i) for i in range(view.language.count())}
    assert {"العربية", "中文", "বাংলা", "اردو", "Español", "한국어"} <= names
    for label in view.findChildren(QLabel):
        if label.property("i18nData") and label.text():
            assert label.accessibleName(), label.text()


def test_the_enrollment_steps_show_no_hard_coded_staff_text_in_the_pseudo_locale(
    kiosk: EnrollHarness,
) -> None:
    window = kiosk.window
    window.languages = UiLanguages(load=lambda code: pseudo_translator())
    window.set_language("qps")
    kiosk.start()
    leftovers: dict[str, list[str]] = {}
    order = [Step.TYPE, Step.DETAILS, Step.DOCUMENTS, Step.PHOTO, Step.REVIEW, Step.CONFIRM]
    for step in order:
        if step is not Step.TYPE:
            fill_to_next = FILLERS.get(order[order.index(step) - 1])
            if fill_to_next is not None:
                fill_to_next(kiosk)
            next_step(kiosk, step)
        found = plain_texts(kiosk.screen)
        if found:
            leftovers[step.name] = found
    assert leftovers == ENROLLMENT_GAPS


def test_the_applicant_changes_language_with_the_keyboard(kiosk: EnrollHarness) -> None:
    page = at_confirm(kiosk)
    view = page.applicant
    chain: list[QWidget] = []
    widget = page.attested.nextInFocusChain()
    while widget is not None and widget is not page.attested and len(chain) < 5000:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    assert view.language in chain  # Tab reaches the picker (the chain wraps round the window)
    view.language.setFocus()
    before = view.language.currentData()
    kiosk.press(view.language, Qt.Key.Key_Down)
    after = view.language.currentData()
    assert after != before
    assert view.title.text() == load_translator(after).gettext("Please check your details")


def test_a_staff_language_change_leaves_the_applicant_view_in_its_language(
    kiosk: EnrollHarness,
) -> None:
    page = at_confirm(kiosk)
    view = page.applicant
    view.language.activated.emit(view.language.findData("ar"))
    arabic = view.title.text()
    kiosk.window.set_language("es")
    assert page.heading.text() == "Confirmación de la persona solicitante"
    assert view.title.text() == arabic
    assert view.layoutDirection() is Qt.LayoutDirection.RightToLeft
    kiosk.window.set_language("en")
    assert view.title.text() == arabic


def test_the_language_lists_name_each_language_in_its_own_and_the_staff_language(
    kiosk: EnrollHarness,
) -> None:
    kiosk.start()
    page = kiosk.screen.pages[Step.TYPE]
    assert isinstance(page, TypeStep)
    kiosk.window.set_language("es")
    items = {page.first.itemData(i): page.first.itemText(i) for i in range(page.first.count())}
    assert items["ar"] == "العربية — Árabe"
    assert items[""] == "Elija…"
    # Every language's English name is marked, so none is left in English.
    spanish = load_translator("es")
    for lang in ENROLLMENT_LANGUAGES:
        assert lang.english_name in LANGUAGE_NAMES
        assert spanish.gettext(lang.english_name) != lang.english_name or lang.code == "ur"


def test_the_camera_speaks_the_staff_language(kiosk: EnrollHarness) -> None:
    kiosk.window.set_language("es")
    kiosk.start()
    fill_to(kiosk, Step.PHOTO)
    next_step(kiosk, Step.PHOTO)
    camera = kiosk.screen.photo.camera
    assert camera is not None
    assert camera.capture_button.text().startswith("Tomar foto")
    assert camera.t.code == "es"
    kiosk.window.set_language("en")
    assert camera.capture_button.text().startswith("Capture")
