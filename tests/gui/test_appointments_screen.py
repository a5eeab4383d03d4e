"""Check-in: import the day's list, check people in, walk-in tickets; names go at sign-out."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Harness

pytestmark = pytest.mark.gui


def _csv(tmp_path: Path, day: str) -> Path:
    path = tmp_path / "today.csv"
    path.write_text(
        "confirmation_code,date,time,family_name,given_names\n"
        f"AB-1001,{day},09:00,Núñez,Ana María\n"
        f"AB-1002,{day},09:30,حداد,ليلى\n"
        f"AB-1003,{day},10:00,,\n",
        encoding="utf-8",
    )
    return path


def test_import_check_in_and_walk_ins(harness: Harness, qtbot: QtBot, tmp_path: Path) -> None:
    harness.sign_in("demo-supervisor", "demo supervisor pass")
    w = harness.window
    a = w.appointments_controller
    with qtbot.waitSignal(a.day_loaded, timeout=5000):
        w.nav_appointments.click()
    assert w.appointments.table.rowCount() == 0

    day = harness.clock().astimezone().date().isoformat()
    with qtbot.waitSignal(a.list_imported, timeout=5000):
        w.appointments.import_requested.emit(str(_csv(tmp_path, day)))
    status = w.appointments.status.text()
    assert "2 new" in status
    assert "(rows 4)" in status
    assert "Núñez" not in status  # problems are reported by row number, never by value
    qtbot.waitUntil(lambda: w.appointments.table.rowCount() == 2, timeout=5000)
    assert w.appointments.table.item(1, 2).text() == "ليلى حداد"

    w.appointments.table.selectRow(0)
    w.appointments.check_in_button.click()
    qtbot.waitUntil(lambda: w.appointments.table.item(0, 3).text() == "Checked in", timeout=5000)

    with qtbot.waitSignal(a.ticket_taken, timeout=5000):
        w.appointments.ticket_button.click()
    assert w.appointments.last_ticket.text() == "W-001"
    with qtbot.waitSignal(a.ticket_taken, timeout=5000):
        w.appointments.ticket_button.click()
    qtbot.waitUntil(lambda: w.appointments.queue.rowCount() == 2, timeout=5000)
    w.appointments.call_next_button.click()
    qtbot.waitUntil(lambda: w.appointments.queue.item(0, 2).text() == "Called", timeout=5000)
    w.appointments.queue.selectRow(0)
    w.appointments.served_button.click()
    qtbot.waitUntil(lambda: w.appointments.queue.rowCount() == 1, timeout=5000)

    w.appointments.search.setText("AB-1002")
    qtbot.waitUntil(lambda: w.appointments.table.rowCount() == 1, timeout=5000)

    with qtbot.waitSignal(harness.controller.signed_out):
        w.sign_out_button.click()
    assert w.appointments.table.rowCount() == 0
    assert w.appointments.search.text() == ""


def test_enrollers_cannot_import_and_fetch_needs_provisioning(
    harness: Harness, qtbot: QtBot
) -> None:
    harness.sign_in("demo-enroller", "demo enroller pass")
    w = harness.window
    with qtbot.waitSignal(w.appointments_controller.day_loaded, timeout=5000):
        w.nav_appointments.click()
    assert w.appointments.import_button.isHidden()
    with qtbot.waitSignal(w.appointments_controller.action_failed, timeout=5000):
        w.appointments.fetch_button.click()
    assert "provision" in w.appointments.status.text()
