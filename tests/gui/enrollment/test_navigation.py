"""Back and forward keep input; keyboard moves; the lock screen hides the enrollment and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import fill_to, fill_type, next_step, take_photo
from ui.screens.enrollment.details_step import DetailsStep
from ui.screens.enrollment.documents_step import DocumentsStep
from ui.screens.enrollment.step_indicator import STEP_NAMES

pytestmark = pytest.mark.gui


def current(h: EnrollHarness) -> Step:
    state = h.window.enrollment.state
    assert state is not None
    return state.step


def test_back_and_forward_keep_everything(kiosk: EnrollHarness, qtbot: QtBot) -> None:
    kiosk.start()
    fill_to(kiosk, Step.PHOTO)
    take_photo(kiosk)
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_Escape)  # Esc = Back
    assert current(kiosk) is Step.DOCUMENTS
    documents = kiosk.screen.pages[Step.DOCUMENTS]
    assert isinstance(documents, DocumentsStep)
    row = next(iter(documents._rows.values()))
    assert row.expires.text() == "2030-01-01" and row.nyc.isChecked()
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert current(kiosk) is Step.DETAILS
    details = kiosk.screen.pages[Step.DETAILS]
    assert isinstance(details, DetailsStep)
    assert details.edits["family_name"].text() == "Núñez"
    assert details.address.edits["postal_code"].text() == "11201"
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_PageUp)
    assert current(kiosk) is Step.TYPE
    next_step(kiosk, Step.DETAILS)
    next_step(kiosk, Step.DOCUMENTS)
    next_step(kiosk, Step.PHOTO)
    # The photo was kept too, even though the camera restarted and reset its own thumbnail.
    photo = kiosk.screen.photo
    worker = photo.worker
    assert worker is not None
    qtbot.waitUntil(lambda: photo.camera is not None and photo.camera.preview.frames_painted > 0)
    state = kiosk.window.enrollment.state
    assert state is not None and state.application.photo is not None
    assert photo.kept.pixmap() is not None and not photo.kept.pixmap().isNull()
    next_step(kiosk, Step.REVIEW)
    # (the window's focus widget: offscreen, a restarted camera takes window activation away)
    assert kiosk.window.focusWidget() is kiosk.screen.next_button  # Enter goes on


def test_the_step_indicator_shows_all_seven_steps(kiosk: EnrollHarness) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    buttons = kiosk.screen.indicator.buttons
    assert [b.text().split()[-1] for b in buttons.values()] == list(STEP_NAMES.values())
    assert buttons[Step.DETAILS].property("stepState") == "current"
    assert buttons[Step.TYPE].property("stepState") == "done" and buttons[Step.TYPE].isEnabled()
    assert not buttons[Step.REVIEW].isEnabled()
    assert "current step" in buttons[Step.DETAILS].accessibleName()
    buttons[Step.TYPE].click()
    assert current(kiosk) is Step.TYPE


def test_tab_follows_the_form_and_mnemonics_reach_fields(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    page = kiosk.screen.pages[Step.DETAILS]
    assert isinstance(page, DetailsStep)
    page.edits["family_name"].setFocus()
    order = []
    for _ in range(3):
        kiosk.press(QApplication.focusWidget(), Qt.Key.Key_Tab)  # type: ignore[arg-type]
        order.append(QApplication.focusWidget())
    assert order == [page.edits["given_name"], page.edits["middle_name"], page.edits["dob"]]
    kiosk.press(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)  # type: ignore[arg-type]
    qtbot.waitUntil(page.address.edits["postal_code"].hasFocus, timeout=TIMEOUT)


def test_locking_hides_the_applicant_and_unlocking_restores_step_and_input(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.PHOTO)
    take_photo(kiosk)
    photo = kiosk.screen.photo
    assert photo.running
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_PageUp)
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_PageUp)
    details = kiosk.screen.pages[Step.DETAILS]
    assert isinstance(details, DetailsStep)
    kiosk.type_into(details.edits["middle_name"], "Sofía")  # typed, not yet saved by a step
    fill_to_photo = kiosk.screen.pages[Step.DETAILS]
    assert fill_to_photo is details
    next_step(kiosk, Step.DOCUMENTS)
    next_step(kiosk, Step.PHOTO)
    assert photo.running
    with qtbot.waitSignal(kiosk.controller.screen_locked, timeout=TIMEOUT):
        kiosk.controller.lock()
    assert kiosk.window.stack.currentWidget() is kiosk.window.lock_screen
    assert not kiosk.screen.isVisible()
    assert not photo.running  # the camera stops behind the lock screen
    with qtbot.waitSignal(kiosk.controller.screen_unlocked, timeout=TIMEOUT):
        kiosk.window.lock_screen.username.setText("demo-enroller")
        kiosk.window.lock_screen.password.setText("demo enroller pass")
        kiosk.window.lock_screen.submit.click()
    assert kiosk.window.stack.currentWidget() is kiosk.screen
    assert current(kiosk) is Step.PHOTO and photo.running
    state = kiosk.window.enrollment.state
    assert state is not None and state.application.details.middle_name == "Sofía"
    assert state.application.photo is not None
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_PageUp)
    kiosk.press(kiosk.screen.current_page, Qt.Key.Key_PageUp)
    assert details.edits["middle_name"].text() == "Sofía"
