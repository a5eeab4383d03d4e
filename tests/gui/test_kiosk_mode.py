"""Kiosk mode: no window controls, and closing needs a supervisor's password (audited)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import audit
from kiosk.staff import sign_in
from kiosk.vault import KdfParams
from tests.gui.conftest import PROGRAMS
from tests.unit.conftest import FakeClock
from ui.controller import KioskController
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers.vault_worker import VaultWorker

pytestmark = pytest.mark.gui


@pytest.fixture
def kiosk_window(qtbot: QtBot, demo_dir: Path) -> MainWindow:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    controller = KioskController(
        demo_dir, FakeClock(), VaultWorker(), kdf=KdfParams.fast_for_tests()
    )
    window = MainWindow(controller, IdleWatcher(app, 60_000), programs=PROGRAMS, kiosk_mode=True)
    qtbot.addWidget(window)
    window.show()
    return window


def _ask_to_quit(window: MainWindow, username: str, password: str) -> None:
    assert window._quit_dialog is not None
    window._quit_dialog.username.setText(username)
    window._quit_dialog.password.setText(password)
    window._quit_dialog.buttons.accepted.emit()


def test_frameless_and_close_is_refused_without_a_supervisor(
    kiosk_window: MainWindow, qtbot: QtBot, demo_dir: Path
) -> None:
    assert kiosk_window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not kiosk_window.close()
    assert kiosk_window.isVisible()
    with qtbot.waitSignal(kiosk_window.controller.quit_refused, timeout=5000):
        _ask_to_quit(kiosk_window, "demo-enroller", "demo enroller pass")
    assert kiosk_window.isVisible()
    assert "supervisor" in kiosk_window._quit_dialog.status.text()  # type: ignore[union-attr]
    with qtbot.waitSignal(kiosk_window.controller.quit_authorized, timeout=5000):
        _ask_to_quit(kiosk_window, "demo-supervisor", "demo supervisor pass")
    qtbot.waitUntil(lambda: not kiosk_window.isVisible())
    session = sign_in(demo_dir, "demo-admin", "demo admin pass", clock=FakeClock())
    actions = [(e.action, e.actor) for e in audit.entries(session.vault.conn)]
    session.close()
    assert ("kiosk_quit", "demo-supervisor") in actions


def test_ctrl_q_opens_the_supervisor_prompt(kiosk_window: MainWindow, qtbot: QtBot) -> None:
    qtbot.keyClick(kiosk_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert kiosk_window._quit_dialog is not None
    assert kiosk_window._quit_dialog.isVisible()
    kiosk_window._quit_dialog.reject()
    assert kiosk_window.isVisible()
    kiosk_window._quit_authorized = True  # let the fixture close it
