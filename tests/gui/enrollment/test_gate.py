"""The way into an application: guard rails, a supervisor's override, starts from appointments."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import audit
from kiosk.appointments import AppointmentBook, AppointmentStatus
from kiosk.cli import main
from kiosk.enrollment import Submitted
from kiosk.intake.demo import DemoIntake
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import sign_in
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.unit.conftest import FakeClock
from ui.app import make_demo_vault

pytestmark = pytest.mark.gui


@pytest.fixture
def full_backlog(tmp_path: Path) -> Path:
    """Offline site whose backlog has reached the (lowered) blocking limit."""
    intake = DemoIntake(tmp_path / "intake").start()
    intake.stop()
    vault = tmp_path / "vault"
    make_demo_vault(vault, intake.provisioning)
    pw = tmp_path / "pw"
    pw.write_text("demo admin pass\n")
    args = ["--data-dir", str(vault), "--user", "demo-admin", "--password-file", str(pw)]
    assert main(["demo", "seed", "--count", "2", *args]) == 0
    session = sign_in(vault, "demo-admin", "demo admin pass", clock=FakeClock())
    settings = load_settings(session.vault.conn)
    save_settings(session, settings.replace(backlog_warn_count=1, backlog_block_count=2))
    session.close()
    return vault


def test_a_full_backlog_needs_a_supervisors_override(qtbot: QtBot, full_backlog: Path) -> None:
    h = EnrollHarness(qtbot, full_backlog)
    try:
        h.sign_in()
        h.window.home.new_application.click()
        gate = h.window.gate
        qtbot.waitUntil(
            lambda: gate._dialog is not None and gate._dialog.isVisible(), timeout=TIMEOUT
        )
        dialog = gate._dialog
        assert dialog is not None
        dialog.username.setText("demo-enroller")
        dialog.password.setText("demo enroller pass")
        dialog.reason.setText("no network at this library")
        dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: "supervisor" in dialog.status.text(), timeout=TIMEOUT)
        assert h.window.enrollment.state is None
        dialog.username.setText("demo-supervisor")
        dialog.password.setText("demo supervisor pass")
        with qtbot.waitSignal(h.window.enrollment.session.flow_started, timeout=TIMEOUT):
            dialog.buttons.accepted.emit()
        assert h.window.stack.currentWidget() is h.screen
    finally:
        h.close()
    session = sign_in(full_backlog, "demo-admin", "demo admin pass", clock=FakeClock())
    overrides = [e for e in audit.entries(session.vault.conn) if e.action == "override"]
    session.close()
    assert len(overrides) == 1 and overrides[0].actor == "demo-supervisor"
    assert "no network at this library" in overrides[0].details


def test_start_from_an_appointment_prefills_and_marks_it_enrolled(
    qtbot: QtBot, provisioned: Path, tmp_path: Path
) -> None:
    h = EnrollHarness(qtbot, provisioned)
    try:
        h.sign_in()
        day = h.clock().astimezone().date().isoformat()
        csv = tmp_path / "day.csv"
        csv.write_text(
            "confirmation_code,date,time,family_name,given_names,dob,language,application_type\n"
            f"AB-2001,{day},09:00,Okafor,Chidi,1988-02-29,fr,renewal\n",
            encoding="utf-8",
        )
        a = h.window.appointments_controller
        with qtbot.waitSignal(a.day_loaded, timeout=TIMEOUT):
            h.window.nav_appointments.click()
        a.import_file(str(csv))
        qtbot.waitUntil(lambda: h.window.appointments.table.rowCount() == 1, timeout=TIMEOUT)
        h.window.appointments.table.selectRow(0)
        with qtbot.waitSignal(h.window.enrollment.session.flow_started, timeout=TIMEOUT):
            h.window.appointments.start_button.click()
        state = h.window.enrollment.state
        assert state is not None
        assert state.application.details.family_name == "Okafor"
        assert state.application.details.dob == "1988-02-29"
        done = Submitted("NYC-TEST-0001", "r1", datetime(2026, 11, 23, tzinfo=UTC))
        h.window.enrollment.session.submitted.emit(done)
        session = h.controller.session
        assert session is not None
        qtbot.waitUntil(
            lambda: (
                h.worker.run_blocking(lambda: AppointmentBook(session).get("AB-2001")).status
                is AppointmentStatus.ENROLLED
            ),
            timeout=TIMEOUT,
        )
    finally:
        h.close()
