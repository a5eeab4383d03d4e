"""Step details: Enter adds a document, the caretaker section, the applicant's language and
second display, and the receipt's PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from kiosk.intake.demo import DemoIntake
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import (
    fill_details,
    fill_documents,
    fill_to,
    fill_type,
    next_step,
    take_photo,
)
from ui.screens.enrollment.applicant_view import ApplicantWindow
from ui.screens.enrollment.confirm_step import ConfirmStep
from ui.screens.enrollment.details_step import DetailsStep
from ui.screens.enrollment.documents_step import DocumentsStep
from ui.screens.enrollment.type_step import TypeStep

pytestmark = pytest.mark.gui


def documents_page(h: EnrollHarness) -> DocumentsStep:
    page = h.screen.pages[Step.DOCUMENTS]
    assert isinstance(page, DocumentsStep)
    return page


def test_enter_in_the_search_adds_the_document_and_stays(kiosk: EnrollHarness) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    page = documents_page(kiosk)
    kiosk.type_into(page.search, "passport")
    kiosk.press(page.search, Qt.Key.Key_Return)
    state = kiosk.window.enrollment.state
    assert state is not None and state.step is Step.DOCUMENTS
    assert len(state.application.documents) == 1
    row = next(iter(page._rows.values()))
    assert row.expires.hasFocus()  # the next thing to type


def test_a_twelve_year_old_applies_with_a_caretaker(kiosk: EnrollHarness) -> None:
    kiosk.start()
    fill_type(kiosk)
    next_step(kiosk, Step.DETAILS)
    fill_details(kiosk)
    details = kiosk.screen.pages[Step.DETAILS]
    assert isinstance(details, DetailsStep)
    kiosk.type_into(details.edits["dob"], "2014-05-01")
    kiosk.type_into(details.edits["emergency_name"], "Rosa Núñez")
    kiosk.type_into(details.edits["emergency_phone"], "212 555 0101")
    next_step(kiosk, Step.DOCUMENTS)
    page = documents_page(kiosk)
    assert page.caretaker.isChecked() and not page.caretaker.isEnabled()
    assert page.owner_box.isVisibleTo(page) and page.attestation.isVisibleTo(page)
    assert "10 to 13" in page.caretaker_note.text()
    kiosk.type_into(page.search, "where caretaker is parent birth certificate")
    assert page.results.count() >= 1  # relationship documents are offered now


def test_the_applicant_reads_arabic_right_to_left_and_the_second_display_hides_on_lock(
    kiosk: EnrollHarness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk.start()
    page = kiosk.screen.pages[Step.TYPE]
    assert isinstance(page, TypeStep)
    fill_type(kiosk, language="ar")
    confirm = kiosk.screen.pages[Step.CONFIRM]
    assert isinstance(confirm, ConfirmStep)
    confirm._use_second_screen = True
    monkeypatch.setattr(ApplicantWindow, "show_on_second_screen", lambda self: self.show() or True)
    next_step(kiosk, Step.DETAILS)
    fill_details(kiosk)
    next_step(kiosk, Step.DOCUMENTS)
    fill_documents(kiosk)
    next_step(kiosk, Step.PHOTO)
    take_photo(kiosk)
    next_step(kiosk, Step.REVIEW)
    next_step(kiosk, Step.CONFIRM)
    assert confirm.applicant.layoutDirection() is Qt.LayoutDirection.RightToLeft
    window = confirm._window
    assert window is not None and window.isVisible()
    assert "second display" in confirm.second_screen_note.text()
    with qtbot.waitSignal(kiosk.controller.screen_locked, timeout=TIMEOUT):
        kiosk.controller.lock()
    assert not window.isVisible() and window.view.form.rowCount() == 0


def test_the_receipt_saves_as_pdf(
    qtbot: QtBot,
    provisioned: Path,
    intake: DemoIntake,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
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
        qtbot.waitUntil(receipt.save_button.isEnabled, timeout=TIMEOUT)
        target = tmp_path / "receipt.pdf"
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
        )
        receipt.save_button.click()
        data = target.read_bytes()
        assert data.startswith(b"%PDF")
        assert b"N\\372\\361ez" not in data and "Núñez".encode() not in data
        assert "Saved" in receipt.status.text()
        assert "Español" in receipt.language_note.text()
    finally:
        h.close()


def test_tab_goes_from_add_document_into_the_new_row(kiosk: EnrollHarness) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    page = documents_page(kiosk)
    kiosk.type_into(page.search, "utility bill")
    kiosk.press(page.search, Qt.Key.Key_Return)
    row = next(iter(page._rows.values()))
    page.add_button.setFocus()
    kiosk.press(page.add_button, Qt.Key.Key_Tab)
    assert row.dated.hasFocus()
    kiosk.press(row.dated, Qt.Key.Key_Tab)
    assert row.nyc.hasFocus()


def test_printing_paints_the_receipt_on_the_page(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter  # noqa: PLC0415

    from kiosk.documents import ReceiptFields, render_receipt  # noqa: PLC0415
    from kiosk.i18n import source_translator  # noqa: PLC0415
    from ui.screens.enrollment.receipt_step import print_png  # noqa: PLC0415

    fields = ReceiptFields("BR0-KTDW-C4AX", date(2026, 11, 23), "Library", "IDNYC", ())
    rendered = render_receipt(fields, source_translator())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    print_png(printer, rendered.png)
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 10_000


def test_the_applicants_window_never_takes_the_keyboard(qtbot: QtBot) -> None:
    window = ApplicantWindow()
    assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    window.deleteLater()
