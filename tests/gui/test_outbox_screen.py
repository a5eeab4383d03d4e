"""The outbox screen: counts, export to removable media, send again; numbers only, no names."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk import audit
from kiosk.cli import main
from kiosk.intake.demo import DemoIntake
from kiosk.staff import sign_in
from tests.gui.conftest import Harness
from tests.unit.conftest import FakeClock
from ui.app import make_demo_vault

pytestmark = pytest.mark.gui


@pytest.fixture
def offline_vault(tmp_path: Path) -> Path:
    """A provisioned demo vault with 3 sealed records whose intake is gone (site offline)."""
    intake = DemoIntake(tmp_path / "intake").start()
    intake.stop()
    vault = tmp_path / "vault"
    make_demo_vault(vault, intake.provisioning)
    password = tmp_path / "pw"
    password.write_text("demo admin pass\n")
    args = ["--data-dir", str(vault), "--user", "demo-admin", "--password-file", str(password)]
    assert main(["demo", "seed", "--count", "3", *args]) == 0
    session = sign_in(vault, "demo-admin", "demo admin pass", clock=FakeClock())
    session.vault.conn.execute(
        "UPDATE submissions SET state = 'needs_attention', last_error = 'resend:damaged'"
        " WHERE rowid = (SELECT min(rowid) FROM submissions)"
    )
    session.close()
    return vault


def test_counts_export_and_send_again(qtbot: QtBot, offline_vault: Path, tmp_path: Path) -> None:
    h = Harness(qtbot, offline_vault)
    try:
        h.sign_in("demo-supervisor", "demo supervisor pass")
        w = h.window
        with qtbot.waitSignal(h.controller.outbox_loaded, timeout=5000):
            w.nav_outbox.click()
        assert w.outbox.numbers["waiting"].text() == "2"
        assert w.outbox.numbers["attention"].text() == "1"
        assert w.outbox.attention.rowCount() == 1
        assert w.outbox.attention.item(0, 0).text().startswith("DEMO-")
        assert "again" in w.outbox.attention.item(0, 2).text()

        usb = tmp_path / "usb"
        usb.mkdir()
        w.outbox.export_requested.emit(str(usb))
        qtbot.waitUntil(lambda: w.outbox.numbers["exported"].text() == "2", timeout=5000)
        assert len(list(usb.iterdir())) == 1
        assert "stay here until their receipts" in w.outbox.status.text()
        assert w.outbox.numbers["waiting"].text() == "2"  # still queued: no receipt yet

        w.outbox.attention.selectRow(0)
        w.outbox.resend_button.click()
        qtbot.waitUntil(lambda: w.outbox.numbers["attention"].text() == "0", timeout=5000)
        assert w.outbox.numbers["waiting"].text() == "3"
    finally:
        h.close()
    session = sign_in(offline_vault, "demo-admin", "demo admin pass", clock=FakeClock())
    actions = [e.action for e in audit.entries(session.vault.conn)]
    session.close()
    assert "exported" in actions and "resent" in actions


def test_enrollers_see_counts_but_cannot_export(qtbot: QtBot, offline_vault: Path) -> None:
    h = Harness(qtbot, offline_vault)
    try:
        h.sign_in("demo-enroller", "demo enroller pass")
        with qtbot.waitSignal(h.controller.outbox_loaded, timeout=5000):
            h.window.nav_outbox.click()
        assert h.window.outbox.export_button.isHidden()
        assert h.window.outbox.resend_button.isHidden()
        assert h.window.outbox.numbers["waiting"].text() == "2"
    finally:
        h.close()
