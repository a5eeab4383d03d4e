"""The two capture threads: one reads the source, one analyses only the latest frame at >= 10 Hz."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from kiosk.capture import texts
from kiosk.capture.analysis import FaceAnalyser, FrameAnalysis
from kiosk.capture.faces import FaceDetector
from kiosk.capture.sources import Frame, FrameSource, SourceState
from kiosk.errors import KioskError

log = logging.getLogger("kiosk.capture")

MAX_ANALYSIS_HZ = 15.0  # enough for smooth feedback; leaves the second core for the preview
IDLE_WAIT_S = 0.02  # while a camera reconnects: how often to look again


@dataclass(frozen=True, slots=True)
class CapturedFrame:
    image: Frame
    index: int
    timestamp: float


class SourceStatus(Enum):
    LIVE = "live"
    RECONNECTING = "reconnecting"
    ENDED = "ended"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class SourceEvent:
    status: SourceStatus
    source: str
    message: str
    error_code: str | None = None


class CaptureThread:
    """Reads a source on its own thread and hands every frame to `on_frame` (on that thread)."""

    def __init__(
        self,
        source: FrameSource,
        *,
        on_frame: Callable[[CapturedFrame], None],
        on_event: Callable[[SourceEvent], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._on_frame = on_frame
        self._on_event = on_event
        self._clock = clock
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-capture", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Ask the thread to finish; returns at once (join() waits)."""
        self._stopping.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread.ident is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _event(self, status: SourceStatus, message: str, code: str | None = None) -> None:
        self._on_event(SourceEvent(status, self._source.name, message, code))

    def _run(self) -> None:
        name = self._source.name
        try:
            self._source.open()
        except KioskError as error:
            self._event(SourceStatus.FAILED, error.message, error.code)
            return
        try:
            self._event(SourceStatus.LIVE, name)
            self._loop()
        except Exception:
            log.exception("capture thread failed")
            message = texts.status_camera_failed(camera=name)
            self._event(SourceStatus.FAILED, message, "capture.error")
        finally:
            self._source.close()

    def _loop(self) -> None:
        source, index = self._source, 0
        interval = 1.0 / source.fps if source.fps > 0 else 0.0
        next_due = self._clock()
        state = SourceState.LIVE
        while not self._stopping.is_set():
            image = source.read()
            if source.state is not state:
                state = source.state
                if state is SourceState.RECONNECTING:
                    message = texts.status_camera_reconnecting(camera=source.name)
                    self._event(SourceStatus.RECONNECTING, message)
                elif state is SourceState.LIVE:
                    self._event(SourceStatus.LIVE, source.name)
            if image is None:
                if state is SourceState.ENDED:
                    self._event(SourceStatus.ENDED, texts.status_source_ended(source=source.name))
                    return
                self._stopping.wait(IDLE_WAIT_S)
                continue
            self._on_frame(CapturedFrame(image, index, self._clock()))
            index += 1
            if source.paces_itself:
                continue
            next_due += interval
            delay = next_due - self._clock()
            if delay > 0:
                self._stopping.wait(delay)
            elif delay < -interval:
                next_due = self._clock()  # fell behind: do not burst to catch up


class AnalysisWorker:
    """Analyses the most recent frame only; older ones are dropped. Also runs small tasks in order.

    Tasks (manual capture, retake) run on this thread, so the auto-capture state has one owner.
    """

    def __init__(
        self,
        detector: FaceDetector,
        *,
        on_analysed: Callable[[CapturedFrame, FrameAnalysis], None],
        analysis_width: int | None = None,
        max_hz: float = MAX_ANALYSIS_HZ,
    ) -> None:
        self._detector = detector
        self._on_analysed = on_analysed
        self._width = analysis_width
        self._min_interval = 1.0 / max_hz if max_hz > 0 else 0.0
        self._cond = threading.Condition()
        self._latest: CapturedFrame | None = None
        self._tasks: list[Callable[[], None]] = []
        self._stopping = False
        self._next_allowed = 0.0
        self.analysed = 0
        self.dropped = 0
        self._thread = threading.Thread(target=self._run, name="kiosk-analysis", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, frame: CapturedFrame) -> None:
        with self._cond:
            if self._latest is not None:
                self.dropped += 1
            self._latest = frame
            self._cond.notify()

    def call_soon(self, task: Callable[[], None]) -> None:
        with self._cond:
            self._tasks.append(task)
            self._cond.notify()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify()

    def join(self, timeout: float | None = None) -> None:
        if self._thread.ident is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _take(self) -> tuple[list[Callable[[], None]], CapturedFrame | None] | None:
        """Wait for tasks or a frame whose turn has come; None means stop."""
        with self._cond:
            while True:
                if self._stopping:
                    return None
                if self._tasks:
                    break
                if self._latest is not None:
                    delay = self._next_allowed - time.monotonic()
                    if delay <= 0:
                        break
                    self._cond.wait(delay)
                else:
                    self._cond.wait()
            tasks, self._tasks = self._tasks, []
            frame = None
            if self._latest is not None and self._next_allowed <= time.monotonic():
                frame, self._latest = self._latest, None
            return tasks, frame

    def _run(self) -> None:
        # Built here, not in __init__: loading cascades is work the GUI thread must not do.
        analyser = FaceAnalyser(self._detector, width=self._width)
        while (taken := self._take()) is not None:
            tasks, frame = taken
            try:
                for task in tasks:
                    task()
                if frame is not None:
                    self._next_allowed = time.monotonic() + self._min_interval
                    analysis = analyser.analyse(frame.image)
                    self._on_analysed(frame, analysis)
                    self.analysed += 1
            except Exception:
                # A bug, not an environment problem: log it and keep the preview alive.
                log.exception("frame analysis failed")
