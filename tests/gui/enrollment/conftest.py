"""Enrollment GUI fixtures: the real window on a demo vault, synthetic camera, loopback intake."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.capture.choices import demo_choice
from kiosk.capture.faces import make_detector
from kiosk.capture.photo import PhotoSpec
from kiosk.capture.sources import Frame
from kiosk.intake.demo import DemoIntake
from kiosk.reading.models import ReadResult
from kiosk.reading.reader import NOTHING_READ
from kiosk.reading.wedge import read_text
from kiosk.vault import KdfParams
from tests.unit.conftest import FakeClock
from ui.app import load_stylesheet, make_demo_vault
from ui.controller import KioskController
from ui.enrollment.services import EnrollmentServices
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.screens.enrollment.screen import EnrollmentScreen
from ui.workers.capture_worker import CaptureWorker
from ui.workers.vault_worker import VaultWorker

PROGRAMS = [("idnyc", "IDNYC (New York City)")]
TIMEOUT = 10_000


def test_services() -> EnrollmentServices:
    def worker(spec: PhotoSpec) -> CaptureWorker:
        # No real camera here: the lister finds none, so the synthetic demo camera is used;
        # staff capture by hand in tests (auto-capture would need a steady second).
        return CaptureWorker(make_detector, spec=spec, camera_lister=list, auto_capture=False)

    return EnrollmentServices(
        make_capture_worker=worker,
        camera_fallback=(demo_choice(),),
        use_second_screen=False,
        read_document_image=FakeDocumentReader(),
    )


class FakeDocumentReader:
    """Stands in for OCR (seconds per frame): the demo camera shows a face, not a passport, so
    the test says what the frame would hold and checks the frame was a real camera frame."""

    def __init__(self) -> None:
        self.text = ""
        self.frames: list[tuple[int, ...]] = []

    def __call__(self, frame: Frame, today: date) -> ReadResult:
        self.frames.append(tuple(frame.shape))
        return read_text(self.text, today=today) if self.text else NOTHING_READ


class EnrollHarness:
    def __init__(self, qtbot: QtBot, data_dir: Path) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        load_stylesheet(app)
        self.qtbot = qtbot
        self.clock = FakeClock()
        self.worker = VaultWorker()
        self.controller = KioskController(
            data_dir, self.clock, self.worker, kdf=KdfParams.fast_for_tests()
        )
        self.idle = IdleWatcher(app, 600_000)
        self.window = MainWindow(
            self.controller, self.idle, programs=PROGRAMS, enrollment=test_services()
        )
        qtbot.addWidget(self.window)
        self.window.resize(1280, 800)
        self.window.show()
        qtbot.waitExposed(self.window)

    @property
    def screen(self) -> EnrollmentScreen:
        return self.window.enrollment.screen

    def sign_in(
        self, username: str = "demo-enroller", password: str = "demo enroller pass"
    ) -> None:
        with self.qtbot.waitSignal(self.controller.signed_in, timeout=TIMEOUT):
            self.window.login.username.setText(username)
            self.window.login.password.setText(password)
            self.window.login.submit.click()

    def start(self) -> None:
        with self.qtbot.waitSignal(self.window.enrollment.session.flow_started, timeout=TIMEOUT):
            self.window.home.new_application.click()
        assert self.window.stack.currentWidget() is self.screen

    def type_into(self, edit: QWidget, text: str) -> None:
        """Type like a keyboard (any script: QTest's key clicks only know ASCII)."""
        edit.setFocus()
        if isinstance(edit, QLineEdit):
            edit.selectAll()
        for char in text:
            event = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(edit, event)

    def choose(self, combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        assert index >= 0, data
        combo.setCurrentIndex(index)
        combo.activated.emit(index)

    def press(
        self,
        widget: QWidget,
        key: Qt.Key,
        modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    ) -> None:
        self.qtbot.keyClick(widget, key, modifier)  # type: ignore[no-untyped-call]

    def close(self) -> None:
        self.window.close()


@pytest.fixture
def intake(tmp_path: Path) -> Iterator[DemoIntake]:
    server = DemoIntake(tmp_path / "intake").start()
    yield server
    server.stop()


@pytest.fixture
def provisioned(tmp_path: Path, intake: DemoIntake) -> Path:
    folder = tmp_path / "vault"
    make_demo_vault(folder, intake.provisioning)
    return folder


@pytest.fixture
def unprovisioned(tmp_path: Path) -> Path:
    folder = tmp_path / "vault"
    make_demo_vault(folder)
    return folder


@pytest.fixture
def kiosk(qtbot: QtBot, unprovisioned: Path) -> Iterator[EnrollHarness]:
    h = EnrollHarness(qtbot, unprovisioned)
    h.sign_in()
    yield h
    h.close()
