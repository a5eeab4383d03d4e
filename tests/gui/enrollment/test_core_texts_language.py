"""Texts the core builds with values follow the staff language: rules suggestions, controller
messages, the Staff table's roles. English stays the default for everything else."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.enrollment import Step
from kiosk.i18n import current
from tests.gui.conftest import Harness
from tests.gui.enrollment.conftest import EnrollHarness
from tests.gui.enrollment.filling import fill_to, next_step
from ui.screens.enrollment.documents_step import DocumentsStep

pytestmark = pytest.mark.gui


def test_the_points_meter_suggests_in_the_staff_language(kiosk: EnrollHarness) -> None:
    kiosk.window.set_language("es")
    assert current().code == "es"  # the GUI thread's translator for the core's texts
    kiosk.start()
    fill_to(kiosk, Step.DOCUMENTS)
    next_step(kiosk, Step.DOCUMENTS)
    page = kiosk.screen.pages[Step.DOCUMENTS]
    assert isinstance(page, DocumentsStep)
    suggestions = page.meter.suggestions.text()
    assert suggestions.startswith("• Añada 3 puntos de identidad, por ejemplo: ")
    assert "• Añada una identificación con foto, por ejemplo: " in suggestions
    assert "Add " not in suggestions
    # Switching while the application is open builds its texts again in the new language.
    kiosk.window.set_language("en")
    assert page.meter.suggestions.text().startswith("• Add 3 identity points, for example: ")


def test_controller_messages_with_values_and_roles_are_in_the_staff_language(
    harness: Harness, qtbot: QtBot
) -> None:
    harness.sign_in("demo-admin", "demo admin pass")
    window = harness.window
    window.set_language("es")
    with qtbot.waitSignal(harness.controller.staff_loaded, timeout=5000):
        window.show_staff()
    table = window.staff.table

    def cell(row: int, column: int) -> str:
        item = table.item(row, column)
        assert item is not None
        return item.text()

    roles = {cell(r, 0): cell(r, 2) for r in range(table.rowCount())}
    assert roles["demo-admin"] == "Administrador/a"
    with qtbot.waitSignal(harness.controller.action_succeeded, timeout=5000) as blocker:
        harness.controller.clear_lockout("demo-enroller")
    spanish = "demo-enroller puede volver a intentar iniciar sesión."
    assert blocker.args == [spanish]
    assert window.staff.status.text().endswith(spanish)
    window.set_language("en")
    assert cell(0, 2) in {"Enroller", "Supervisor", "Administrator"}
