"""The capture worker's Qt side: preview conversion and frame coalescing, with no widget."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from kiosk.capture.faces import HaarDetector
from kiosk.capture.pipeline import CapturedFrame
from ui.workers.capture_worker import CaptureWorker, PreviewFrame, to_preview

pytestmark = pytest.mark.gui


def _frame(width: int, height: int, index: int = 0) -> CapturedFrame:
    image = np.zeros((height, width, 3), np.uint8)
    image[:, :, 2] = 255  # red in BGR
    return CapturedFrame(image, index, 0.0)


def test_preview_scales_down_to_fit_and_keeps_colors() -> None:
    preview = to_preview(_frame(1280, 720), QSize(640, 480))
    assert preview.image.size() == QSize(640, 360)
    assert preview.image.format() == QImage.Format.Format_BGR888
    assert preview.image.pixelColor(10, 10).red() == 255
    assert preview.pixels.shape == (360, 640, 3)
    assert (preview.source_width, preview.source_height) == (1280, 720)


def test_preview_never_scales_up_or_copies_a_small_frame() -> None:
    frame = _frame(320, 180)
    preview = to_preview(frame, QSize(1000, 1000))
    assert preview.image.size() == QSize(320, 180)
    assert preview.pixels is frame.image


def test_frames_the_gui_has_not_taken_are_replaced_not_queued(qtbot: QtBot) -> None:
    worker = CaptureWorker(HaarDetector, camera_lister=list)
    received: list[PreviewFrame] = []
    worker.frame_arrived.connect(received.append)
    session = object()
    worker._session = session  # type: ignore[assignment]

    def capture_thread() -> None:
        for index in range(3):
            worker._from_capture_thread(session, _frame(64, 48, index))  # type: ignore[arg-type]

    # From another thread, as in production: the signal is queued, so the GUI sees only the last.
    thread = threading.Thread(target=capture_thread)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(received) == 1)
    assert received[0].index == 2
    assert worker.frames_dropped == 2 and worker.frames_received == 1
    worker._session = None


def test_listing_cameras_runs_off_the_gui_thread(qtbot: QtBot) -> None:
    worker = CaptureWorker(HaarDetector, camera_lister=list)
    with qtbot.waitSignal(worker.cameras_listed) as caught:
        worker.list_cameras()
    assert caught.args == [[]]
    worker.shutdown()
