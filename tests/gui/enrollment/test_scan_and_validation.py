"""Wedge-scanner prefill and inline validation: messages beside fields, nothing typed is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness, FakeDocumentReader
from tests.gui.enrollment.filling import fill_to, fill_type, next_step
from ui.screens.enrollment.details_step import DetailsStep
from ui.screens.enrollment.documents_step import DocumentsStep

pytestmark = pytest.mark.gui

# ICAO 9303 part 4's TD3 specimen, as a wedge scanner types it (lines ended by Enter).
MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"


def details_page(h: EnrollHarness) -> DetailsStep:
    page = h.screen.pages[Step.DETAILS]
    assert isinstance(page, DetailsStep)
    return page


def test_a_wedge_scan_fills_the_empty_details_and_leaves_nothing_on_screen(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    page = details_page(kiosk)
    kiosk.type_into(page.edits["given_name"], "Anna Maria")
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.scan_finished, timeout=TIMEOUT) as caught:
        kiosk.type_into(page.scanner.input, MRZ)
        page.scanner.read_button.click()
    outcome = caught.args[0]
    assert set(outcome.filled) == {"family_name", "dob"}
    assert page.edits["family_name"].text() == "ERIKSSON"
    assert page.edits["dob"].text() == "1974-08-12"
    assert page.edits["given_name"].text() == "Anna Maria"  # typed, and the same name: kept
    assert page.scanner.input.toPlainText() == ""  # the scan does not linger
    assert "Filled in: family name, date of birth." in page.scanner.result.text()
    # Nothing about the document's sex marker: gender stays the applicant's own choice.
    state = kiosk.window.enrollment.state
    assert state is not None and state.application.details.gender is None


def test_a_scan_that_disagrees_keeps_the_typed_value_and_says_so(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    page = kiosk.screen.pages[Step.DOCUMENTS]
    assert isinstance(page, DocumentsStep)
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.scan_finished, timeout=TIMEOUT):
        kiosk.type_into(page.scanner.input, MRZ)  # reads itself once typing pauses
    assert "Differs from what was typed" in page.scanner.result.text()
    state = kiosk.window.enrollment.state
    assert state is not None and state.application.details.family_name == "Núñez"
    kiosk.press(page, Qt.Key.Key_PageUp)
    details = details_page(kiosk)
    assert details.edits["family_name"].text() == "Núñez"
    conflict = next(m for m in details.messages if m.field_name == "family_name")
    assert conflict.isVisibleTo(details) and "ERIKSSON" in conflict.text()


def test_text_that_is_not_a_document_is_explained(kiosk: EnrollHarness, qtbot: QtBot) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    page = details_page(kiosk)
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.scan_failed, timeout=TIMEOUT):
        kiosk.type_into(page.scanner.input, "hello")
        page.scanner.read_button.click()
    assert "not a passport or ID card zone" in page.scanner.result.text()


def test_next_shows_each_problem_beside_its_field_and_keeps_the_text(
    kiosk: EnrollHarness,
) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    page = details_page(kiosk)
    kiosk.type_into(page.edits["dob"], "04/07/1990")
    kiosk.type_into(page.address.edits["postal_code"], "90210")
    kiosk.type_into(page.edits["phone"], "12")
    kiosk.press(page.edits["phone"], Qt.Key.Key_Return)  # Enter = Next
    state = kiosk.window.enrollment.state
    assert state is not None and state.step is Step.DETAILS
    shown = {m.field_name: m.text() for m in page.messages if m.isVisibleTo(page)}
    assert "YYYY-MM-DD" in shown["dob"]
    assert "90210 is not a ZIP code in New York City" in shown["postal_code"]
    assert "phone number" in shown["phone"]
    for field in ("family_name", "gender", "height_feet", "eye_colour", "street", "city"):
        assert field in shown, field
    assert page.edits["dob"].text() == "04/07/1990"  # nothing typed is lost
    assert page.edits["dob"].property("invalid") is True
    assert "Some fields need attention" in kiosk.screen.status.text()
    # Focus goes to the first field with a problem.
    assert page.edits["family_name"].hasFocus()
    # Fixing a field clears its message at once.
    kiosk.type_into(page.edits["dob"], "1990-07-04")
    dob = next(m for m in page.messages if m.field_name == "dob")
    assert not dob.isVisibleTo(page)


def test_reading_a_document_with_the_camera_fills_and_stops_the_camera(
    kiosk: EnrollHarness, qtbot: QtBot
) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    page = kiosk.screen.pages[Step.DOCUMENTS]
    assert isinstance(page, DocumentsStep)
    reader = kiosk.window.enrollment.session._read_image
    assert isinstance(reader, FakeDocumentReader)
    reader.text = MRZ
    page.camera_button.click()
    dialog = page.camera_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.read_button.isEnabled, timeout=TIMEOUT)
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.scan_finished, timeout=TIMEOUT):
        dialog.read_button.click()
    assert page.camera_dialog is None  # closed, its camera joined
    assert reader.frames and reader.frames[0][2] == 3  # a whole BGR frame, in memory only
    assert "Differs from what was typed" in page.scanner.result.text()


def test_what_a_document_says_is_shown_as_plain_text(kiosk: EnrollHarness, qtbot: QtBot) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    page = details_page(kiosk)
    kiosk.type_into(page.edits["family_name"], "<b>Núñez</b>")
    session = kiosk.window.enrollment.session
    with qtbot.waitSignal(session.scan_finished, timeout=TIMEOUT):
        kiosk.type_into(page.scanner.input, MRZ)
        page.scanner.read_button.click()
    conflict = next(m for m in page.messages if m.field_name == "family_name")
    assert conflict.textFormat() is Qt.TextFormat.PlainText
    assert page.scanner.result.textFormat() is Qt.TextFormat.PlainText
    assert page.edits["family_name"].text() == "<b>Núñez</b>"  # kept as typed
