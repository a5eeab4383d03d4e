"""A full enrollment through the screens, sealed and delivered once to a loopback intake."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from kiosk.intake.demo import DemoIntake
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import fill_to, state_step
from ui.screens.enrollment.confirm_step import ConfirmStep

pytestmark = pytest.mark.gui


def test_enroll_end_to_end_delivers_exactly_once(
    qtbot: QtBot, provisioned: Path, intake: DemoIntake
) -> None:
    h = EnrollHarness(qtbot, provisioned)
    try:
        h.sign_in()
        h.start()
        fill_to(h, Step.CONFIRM)
        session = h.window.enrollment.session
        review_rendered = h.screen.pages[Step.REVIEW]
        assert review_rendered is not None
        confirm = h.screen.pages[Step.CONFIRM]
        assert isinstance(confirm, ConfirmStep)
        # The applicant reads their details in Spanish (the first preferred language).
        assert confirm.applicant.title.text() != ""
        assert "Núñez" in [
            confirm.applicant.form.itemAt(i).widget().text()  # type: ignore[union-attr]
            for i in range(confirm.applicant.form.count())
        ]
        confirm.attested.click()
        with qtbot.waitSignal(session.submitted, timeout=TIMEOUT) as caught:
            confirm.submit.click()
        number = caught.args[0].application_number
        assert state_step(h) is Step.RECEIPT
        receipt = h.screen.receipt
        qtbot.waitUntil(receipt.print_button.isEnabled, timeout=TIMEOUT)
        assert receipt.number.text() == number
        assert receipt.receipt.pixmap() is not None and not receipt.receipt.pixmap().isNull()
        qtbot.waitUntil(lambda: intake.service.stats()["records"] == 1, timeout=15_000)
        # Finish: home again, the summary counts it, nothing of the applicant is left.
        receipt.done_button.click()
        assert h.window.stack.currentWidget() is h.window.home
        qtbot.waitUntil(lambda: h.window.home.today.value.text() == "1", timeout=TIMEOUT)
        assert h.window.enrollment.state is None
        assert intake.service.stats()["records"] == 1
    finally:
        h.close()


def test_unprovisioned_kiosk_keeps_the_draft_and_says_why(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.CONFIRM)
    confirm = kiosk.screen.pages[Step.CONFIRM]
    assert isinstance(confirm, ConfirmStep)
    confirm.attested.click()
    with qtbot.waitSignal(kiosk.window.enrollment.session.submit_failed, timeout=TIMEOUT):
        confirm.submit.click()
    assert "not provisioned" in confirm.status.text()
    state = kiosk.window.enrollment.state
    assert state is not None and state.is_open and state.step is Step.CONFIRM
    assert not state.submitting and state.application.details.family_name == "Núñez"
    assert confirm.submit.isEnabled()
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.drafts_listed, timeout=TIMEOUT) as listed:
        session.list_drafts()
    assert [d.draft_id for d in listed.args[0]] == [state.draft_id]  # the draft stays
    # Enter never submits: the confirmation step needs the deliberate button.
    kiosk.press(confirm.attested, Qt.Key.Key_Return)
    assert kiosk.window.enrollment.state is not None
    assert kiosk.window.enrollment.state.step is Step.CONFIRM
