"""The camera widget on a synthetic camera: fallback message, feedback, capture, retake, picker."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.capture import texts
from kiosk.capture.choices import SourceChoice
from kiosk.capture.faces import SlimefaceDetector
from kiosk.capture.pipeline import SourceEvent, SourceStatus
from kiosk.capture.session import AnalysisUpdate, PhotoTaken
from kiosk.capture.sources import CameraInfo, Frame, SourceState
from kiosk.capture.synthetic import SyntheticScene, SyntheticSource
from ui.widgets.camera_widget import CameraWidget
from ui.workers.capture_worker import CaptureWorker, PreviewFrame

pytestmark = pytest.mark.gui

TIMEOUT_MS = 10_000
DEMO = "Demo camera (not a real photo)"
Factory = Callable[..., CameraWidget]


def synthetic(scene: SyntheticScene | None = None, width: int = 640) -> SourceChoice:
    return SourceChoice(
        DEMO, lambda: SyntheticSource(width=width, height=width * 9 // 16, scene=scene), fake=True
    )


@pytest.fixture
def make_widget(qtbot: QtBot) -> Iterator[Factory]:
    workers: list[CaptureWorker] = []

    def make(
        fallback: Sequence[SourceChoice] = (),
        cameras: Sequence[CameraInfo] = (),
        **worker_options: object,
    ) -> CameraWidget:
        worker = CaptureWorker(
            SlimefaceDetector,
            camera_lister=lambda: list(cameras),  # read at call time: tests may plug cameras
            **worker_options,  # type: ignore[arg-type]
        )
        workers.append(worker)
        widget = CameraWidget(worker, fallback=fallback)
        qtbot.addWidget(widget)
        widget.resize(900, 600)
        return widget

    yield make
    for worker in workers:
        worker.shutdown()


def worker_of(widget: CameraWidget) -> CaptureWorker:
    return widget._worker


def test_no_camera_uses_the_demo_camera_and_auto_captures(
    qtbot: QtBot, make_widget: Factory
) -> None:
    widget = make_widget([synthetic()], steady_s=0.3)
    with qtbot.waitSignal(widget.photo_captured, timeout=TIMEOUT_MS) as caught:
        widget.start()
    taken = caught.args[0]
    assert isinstance(taken, PhotoTaken) and not taken.manual
    assert widget.status_label.text() == f"No camera found — using: {DEMO}"
    assert widget.photo is taken.photo
    image = cv2.imdecode(np.frombuffer(taken.photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image.shape == (500, 400, 3)
    assert widget.retake_button.isEnabled()
    assert widget.feedback_label.text() == texts.status_captured()
    assert widget.photo_note.text() == texts.label_photo_auto()
    pixmap = widget.photo_view.pixmap()
    assert pixmap is not None and not pixmap.isNull()


def test_no_camera_and_no_demo_says_what_to_do(qtbot: QtBot, make_widget: Factory) -> None:
    widget = make_widget()
    widget.start()
    qtbot.waitUntil(lambda: widget.status_label.text() == texts.status_no_camera())
    assert widget.preview.message == texts.status_no_camera()
    assert widget.camera_picker.count() == 0
    widget.capture_button.click()  # nothing to capture from: no crash, no photo
    assert widget.photo is None


def test_two_faces_are_explained(qtbot: QtBot, make_widget: Factory) -> None:
    scene = SyntheticScene(centers=((0.3, 0.45), (0.7, 0.45)), face_height=0.3)
    widget = make_widget([synthetic(scene)], auto_capture=False)
    widget.start()
    expected = texts.problem_text(texts.Problem.MULTIPLE_FACES, faces=2)
    qtbot.waitUntil(lambda: widget.feedback_label.text() == expected, timeout=TIMEOUT_MS)
    assert texts.problem_text(texts.Problem.OFF_CENTER) in widget.tips_label.text()
    assert widget.photo is None


def test_space_captures_despite_problems_and_r_retakes(qtbot: QtBot, make_widget: Factory) -> None:
    widget = make_widget([synthetic(SyntheticScene(centers=()))], auto_capture=False)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(worker_of(widget).analysis_updated, timeout=TIMEOUT_MS):
        widget.start()
    widget.activateWindow()
    widget.capture_button.setFocus()
    with qtbot.waitSignal(widget.photo_captured, timeout=TIMEOUT_MS) as caught:
        qtbot.keyClick(widget.capture_button, Qt.Key.Key_Space)
    taken = caught.args[0]
    assert taken.manual
    assert widget.photo_note.text() == texts.label_photo_forced(
        problems=texts.problem_text(texts.Problem.NO_FACE)
    )
    with qtbot.waitSignal(widget.photo_discarded, timeout=TIMEOUT_MS):
        qtbot.keyClick(widget, Qt.Key.Key_R)
    assert widget.photo is None and not widget.retake_button.isEnabled()
    with qtbot.waitSignal(widget.photo_captured, timeout=TIMEOUT_MS):
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_the_picker_switches_sources(qtbot: QtBot, make_widget: Factory) -> None:
    small = SourceChoice("Small test camera", lambda: SyntheticSource(width=320, height=180))
    widget = make_widget([synthetic(), small], auto_capture=False)
    worker = worker_of(widget)
    with qtbot.waitSignal(worker.frame_arrived, timeout=TIMEOUT_MS) as first:
        widget.start()
    assert widget.camera_picker.count() == 2 and widget.camera_picker.isEnabled()
    assert isinstance(first.args[0], PreviewFrame) and first.args[0].source_width == 640

    def small_frame(frame: PreviewFrame) -> bool:
        return frame.source_width == 320

    with qtbot.waitSignal(worker.frame_arrived, timeout=TIMEOUT_MS, check_params_cb=small_frame):
        widget.camera_picker.activated.emit(1)
    assert widget.camera_picker.currentText() == "Small test camera"


def test_a_camera_that_cannot_open_is_explained(qtbot: QtBot, make_widget: Factory) -> None:
    widget = make_widget(cameras=[CameraInfo(7, "Fake USB")])
    with qtbot.waitSignal(worker_of(widget).source_changed, timeout=TIMEOUT_MS) as caught:
        widget.start()
    event = caught.args[0]
    assert isinstance(event, SourceEvent) and event.status is SourceStatus.FAILED
    assert widget.preview.message == texts.status_camera_failed(camera="Camera 8: Fake USB")
    assert widget.status_label.text() == ""


class UnpluggableSource(SyntheticSource):
    """A demo camera whose cable the test can pull and plug back."""

    def __init__(self) -> None:
        super().__init__(width=320, height=180)
        self.plugged = threading.Event()
        self.plugged.set()

    @property
    def state(self) -> SourceState:
        return SourceState.LIVE if self.plugged.is_set() else SourceState.RECONNECTING

    def read(self) -> Frame | None:
        return super().read() if self.plugged.is_set() else None


def test_unplugging_shows_a_message_and_replugging_clears_it(
    qtbot: QtBot, make_widget: Factory
) -> None:
    source = UnpluggableSource()
    widget = make_widget([SourceChoice("USB test", lambda: source)], auto_capture=False)
    with qtbot.waitSignal(worker_of(widget).frame_arrived, timeout=TIMEOUT_MS):
        widget.start()
    source.plugged.clear()
    reconnecting = texts.status_camera_reconnecting(camera=source.name)
    qtbot.waitUntil(lambda: widget.preview.message == reconnecting, timeout=TIMEOUT_MS)
    source.plugged.set()
    qtbot.waitUntil(lambda: widget.preview.message == "", timeout=TIMEOUT_MS)


def test_analysis_updates_keep_coming(qtbot: QtBot, make_widget: Factory) -> None:
    widget = make_widget([synthetic()], auto_capture=False)
    updates: list[AnalysisUpdate] = []
    worker_of(widget).analysis_updated.connect(updates.append)
    widget.start()
    qtbot.waitUntil(lambda: len(updates) >= 3, timeout=TIMEOUT_MS)
    assert all(update.good for update in updates)
    assert widget.feedback_label.text() == texts.status_good()


def test_looking_again_keeps_the_photo_until_a_real_camera_appears(
    qtbot: QtBot, make_widget: Factory
) -> None:
    plugged: list[CameraInfo] = []
    widget = make_widget([synthetic()], cameras=plugged, steady_s=0.2)
    with qtbot.waitSignal(widget.photo_captured, timeout=TIMEOUT_MS):
        widget.start()
    worker = worker_of(widget)
    with qtbot.waitSignal(worker.cameras_listed, timeout=TIMEOUT_MS):
        widget.look_again_button.click()
    assert widget.photo is not None and widget.camera_picker.currentText() == DEMO
    plugged.append(CameraInfo(7, "Fake USB"))
    with qtbot.waitSignal(widget.photo_discarded, timeout=TIMEOUT_MS):
        widget.look_again_button.click()
    assert widget.camera_picker.currentText() == "Camera 8: Fake USB"
    assert widget.camera_picker.count() == 2 and widget.status_label.text() == ""
    qtbot.waitUntil(lambda: "could not be opened" in widget.preview.message, timeout=TIMEOUT_MS)
