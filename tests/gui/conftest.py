"""GUI fixtures: a real controller and window on a temporary vault, torn down with no threads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.vault import KdfParams
from tests.unit.conftest import FakeClock
from ui.app import load_stylesheet, make_demo_vault
from ui.controller import KioskController
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers.vault_worker import VaultWorker

PROGRAMS = [("idnyc", "IDNYC (New York City)"), ("sf", "SF City ID")]


class Harness:
    def __init__(self, qtbot: QtBot, data_dir: Path, idle_ms: int = 60_000) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        load_stylesheet(app)
        self.clock = FakeClock()
        self.worker = VaultWorker()
        self.controller = KioskController(
            data_dir, self.clock, self.worker, kdf=KdfParams.fast_for_tests()
        )
        self.idle = IdleWatcher(app, idle_ms)
        self.window = MainWindow(self.controller, self.idle, programs=PROGRAMS)
        qtbot.addWidget(self.window)
        self.window.show()
        self.qtbot = qtbot

    def sign_in(self, username: str, password: str) -> None:
        with self.qtbot.waitSignal(self.controller.signed_in, timeout=5000):
            self.window.login.username.setText(username)
            self.window.login.password.setText(password)
            self.window.login.submit.click()

    def close(self) -> None:
        self.window.close()


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    make_demo_vault(folder)
    return folder


@pytest.fixture
def harness(qtbot: QtBot, demo_dir: Path) -> Iterator[Harness]:
    h = Harness(qtbot, demo_dir)
    yield h
    h.close()


@pytest.fixture
def fresh_harness(qtbot: QtBot, tmp_path: Path) -> Iterator[Harness]:
    h = Harness(qtbot, tmp_path / "new-vault")
    yield h
    h.close()
