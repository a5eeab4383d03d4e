"""Cancel deletes the draft; after submit or cancel no widget or model keeps the applicant."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.enrollment import DraftInfo, Step
from kiosk.intake.demo import DemoIntake
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import fill_documents, fill_to, take_photo
from tests.gui.enrollment.hygiene import assert_nothing_left, leftovers
from ui.screens.enrollment.confirm_step import ConfirmStep
from ui.screens.enrollment.screen import EnrollmentScreen

pytestmark = pytest.mark.gui


def drafts(h: EnrollHarness, qtbot: QtBot) -> list[DraftInfo]:
    session = h.window.enrollment.session
    with qtbot.waitSignal(session.drafts_listed, timeout=TIMEOUT) as caught:
        session.list_drafts()
    listed = caught.args[0]
    assert isinstance(listed, list)
    return listed


def test_cancel_asks_then_deletes_the_draft_and_forgets_everything(
    kiosk: EnrollHarness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.PHOTO)
    take_photo(kiosk)
    assert len(drafts(kiosk, qtbot)) == 1  # autosaved at each step change
    answers = [False, True]  # "Keep it", then "Delete the application"
    monkeypatch.setattr(EnrollmentScreen, "ask_to_cancel", lambda self: answers.pop(0))
    kiosk.screen.cancel_button.click()  # "No": nothing happens
    state = kiosk.window.enrollment.state
    assert state is not None and state.is_open and state.step is Step.PHOTO
    kiosk.screen.cancel_button.click()
    assert kiosk.window.stack.currentWidget() is kiosk.window.home
    assert drafts(kiosk, qtbot) == []
    assert_nothing_left(kiosk)
    assert kiosk.window.home.enrollment_area.count() == 1
    assert kiosk.window.enrollment.drafts_panel.list.count() == 0


def test_after_submit_nothing_of_the_applicant_is_left(
    qtbot: QtBot, provisioned: Path, intake: DemoIntake
) -> None:
    h = EnrollHarness(qtbot, provisioned)
    try:
        h.sign_in()
        h.start()
        fill_to(h, Step.CONFIRM)
        confirm = h.screen.pages[Step.CONFIRM]
        assert isinstance(confirm, ConfirmStep)
        confirm.attested.click()
        with qtbot.waitSignal(h.window.enrollment.session.submitted, timeout=TIMEOUT):
            confirm.submit.click()
        receipt = h.screen.receipt
        qtbot.waitUntil(receipt.print_button.isEnabled, timeout=TIMEOUT)
        state = h.window.enrollment.state
        assert state is not None and state.application.is_empty and state.verdict is None
        # Only the receipt remains: the entry pages hold nothing, the camera is stopped.
        for step, page in h.screen.pages.items():
            if step is not Step.RECEIPT:
                assert leftovers(page) == [], step
        assert not h.screen.photo.running
        assert drafts(h, qtbot) == []
        h.press(receipt.new_button, Qt.Key.Key_Space)  # "New application": a clean start
        state = h.window.enrollment.state
        assert state is not None and state.step is Step.TYPE and state.application.is_empty
        assert receipt.number.text() == ""
        h.window.enrollment.screen.cancel_application()
        assert_nothing_left(h)
    finally:
        h.close()


def test_a_draft_is_resumed_from_home_after_signing_in_again(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    fill_documents(kiosk)  # added after the last step change: saved by signing out
    with qtbot.waitSignal(kiosk.controller.signed_out, timeout=TIMEOUT):
        kiosk.window.sign_out_button.click()
    assert_nothing_left(kiosk)
    kiosk.sign_in()
    panel = kiosk.window.enrollment.drafts_panel
    qtbot.waitUntil(lambda: panel.list.count() == 1, timeout=TIMEOUT)
    text = panel.list.item(0).text()
    assert text.startswith("Started ") and "Núñez" not in text  # by time, never by name
    with qtbot.waitSignal(kiosk.window.enrollment.session.flow_started, timeout=TIMEOUT):
        panel.resume.click()
    assert kiosk.window.stack.currentWidget() is kiosk.screen
    state = kiosk.window.enrollment.state
    assert state is not None and state.step is Step.DOCUMENTS
    assert state.application.details.family_name == "Núñez"
    assert len(state.application.documents) == 1


def test_the_cancel_question_keeps_the_application_by_default(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: PLC0415

    kiosk.start()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        kiosk.press(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    assert kiosk.screen.ask_to_cancel() is False
    assert seen == ["Cancel this application?"]
    state = kiosk.window.enrollment.state
    assert state is not None and state.is_open
