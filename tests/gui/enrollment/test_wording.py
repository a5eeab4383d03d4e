"""No immigration, citizenship or legal-status wording in any string of any enrollment screen.

Every widget on every step (visited in turn, so lazily built parts such as the camera and the
document rows exist), the home screen's enrollment parts and the applicant's window are read:
texts, placeholders, tooltips, accessible names and descriptions, list and combo items.

Only the program file's own document names are left out (widgets marked `programData`): they
are the program office's legal list of acceptable documents, shown when the operator searches,
and never recorded (68 RCNY 6-11(b)). The test checks that the exemption stays that narrow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from kiosk.intake.demo import DemoIntake
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import fill_documents, fill_to, next_step, take_photo
from tests.unit.enrollment.test_wording import FORBIDDEN
from ui.screens.enrollment.applicant_view import ApplicantWindow
from ui.screens.enrollment.confirm_step import ConfirmStep
from ui.screens.enrollment.type_step import TypeStep

pytestmark = pytest.mark.gui


def program_data(widget: QWidget) -> bool:
    node: QWidget | None = widget
    while node is not None:
        if node.property("programData"):
            return True
        node = node.parentWidget()
    return False


def strings(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        if program_data(widget):
            continue
        where = type(widget).__name__
        for text in (
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.toolTip(),
            widget.statusTip(),
            widget.whatsThis(),
            widget.windowTitle(),
        ):
            yield where, text
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            yield where, widget.placeholderText()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield where, widget.itemText(i)
        if isinstance(widget, QListWidget):
            for i in range(widget.count()):
                yield where, widget.item(i).text()


def offending(root: QWidget) -> list[str]:
    return sorted(
        {
            f"{where}: {text!r}"
            for where, text in strings(root)
            for pattern in FORBIDDEN
            if text and re.search(pattern, text.casefold())
        }
    )


def test_the_exemption_covers_only_program_document_names(kiosk: EnrollHarness) -> None:
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    marked = [w for w in kiosk.screen.findChildren(QWidget) if w.property("programData")]
    assert {w.objectName() for w in marked} <= {"documentResults", "documentName", "paragraph"}
    results = kiosk.screen.findChildren(QListWidget, "documentResults")[0]
    assert results.count() > 10
    # Why the exemption exists: the program's list names such documents (the operator picks
    # one the applicant chose to show; the record never says which).
    names = [results.item(i).text().casefold() for i in range(results.count())]
    assert any(re.search(p, n) for p in FORBIDDEN for n in names)
    assert offending(kiosk.screen) == []


def test_no_status_wording_on_any_enrollment_screen(
    qtbot: QtBot, provisioned: Path, intake: DemoIntake
) -> None:
    h = EnrollHarness(qtbot, provisioned)
    try:
        h.sign_in()
        found: list[str] = offending(h.window.home)
        h.start()
        type_page = h.screen.pages[Step.TYPE]
        assert isinstance(type_page, TypeStep)
        found += offending(h.screen)
        fill_to(h, Step.DOCUMENTS)
        fill_documents(h)
        found += offending(h.screen)
        next_step(h, Step.PHOTO)
        take_photo(h)
        found += offending(h.screen)
        next_step(h, Step.REVIEW)
        next_step(h, Step.CONFIRM)
        found += offending(h.screen)
        confirm = h.screen.pages[Step.CONFIRM]
        assert isinstance(confirm, ConfirmStep)
        window = ApplicantWindow()
        state = h.window.enrollment.state
        assert state is not None
        from ui.enrollment.session import translator_for  # noqa: PLC0415

        for code in ("en", "es", "ar", "zh_Hans"):
            window.view.show_state(state, translator_for(code))
            found += offending(window)
        window.deleteLater()
        confirm.attested.click()
        with qtbot.waitSignal(h.window.enrollment.session.submitted, timeout=TIMEOUT):
            confirm.submit.click()
        qtbot.waitUntil(h.screen.receipt.print_button.isEnabled, timeout=TIMEOUT)
        found += offending(h.screen)
        assert found == []
    finally:
        h.close()
