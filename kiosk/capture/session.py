"""One capture session: source, both threads, feedback and auto-capture, reported by callbacks."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.capture.analysis import FrameAnalysis
from kiosk.capture.autocapture import STEADY_S, AutoCapture, Capture, Phase
from kiosk.capture.faces import FaceDetector
from kiosk.capture.photo import IDNYC_PHOTO, CardPhoto, PhotoSpec, make_card_photo
from kiosk.capture.pipeline import (
    MAX_ANALYSIS_HZ,
    AnalysisWorker,
    CapturedFrame,
    CaptureThread,
    SourceEvent,
)
from kiosk.capture.quality import DEFAULT_THRESHOLDS, Feedback, Thresholds, check, is_good
from kiosk.capture.sources import FrameSource

log = logging.getLogger("kiosk.capture")

JOIN_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class AnalysisUpdate:
    """What the screen shows after each analysis: problems first, and the auto-capture countdown."""

    frame_index: int
    analysis: FrameAnalysis
    feedback: tuple[Feedback, ...]
    good: bool
    phase: Phase
    progress: float  # 0..1 of the steady period

    @property
    def problems(self) -> list[str]:
        return [item.code.value for item in self.feedback if item.blocking]


@dataclass(frozen=True, slots=True)
class PhotoTaken:
    """A card photo, whether auto-captured or forced by staff despite the listed problems."""

    photo: CardPhoto
    manual: bool
    feedback: tuple[Feedback, ...]


def _ignore(_: object) -> None:
    return None


class CaptureSession:
    """Owns one source and its two threads. Callbacks run on those threads: adapt, do not block.

    `stop()` returns at once; `join()` waits for both threads (call it at shutdown, not per frame).
    """

    def __init__(
        self,
        source: FrameSource,
        detector: FaceDetector,
        *,
        spec: PhotoSpec = IDNYC_PHOTO,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        on_frame: Callable[[CapturedFrame], None] = _ignore,
        on_analysis: Callable[[AnalysisUpdate], None] = _ignore,
        on_photo: Callable[[PhotoTaken], None] = _ignore,
        on_event: Callable[[SourceEvent], None] = _ignore,
        auto_capture: bool = True,
        steady_s: float = STEADY_S,
        analysis_width: int | None = None,
        max_analysis_hz: float = MAX_ANALYSIS_HZ,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._spec = spec
        self._thresholds = thresholds
        self._on_frame = on_frame
        self._on_analysis = on_analysis
        self._on_photo = on_photo
        self._latest: CapturedFrame | None = None
        self._last_analysis: FrameAnalysis | None = None
        self._auto = AutoCapture(
            clock=clock, steady_s=steady_s, thresholds=thresholds, enabled=auto_capture
        )
        self._worker = AnalysisWorker(
            detector,
            on_analysed=self._analysed,
            analysis_width=analysis_width,
            max_hz=max_analysis_hz,
        )
        self._capture = CaptureThread(
            source, on_frame=self._captured, on_event=on_event, clock=clock
        )
        self._started = False

    @property
    def source_name(self) -> str:
        return self._source.name

    @property
    def stats(self) -> dict[str, int]:
        return {"analysed": self._worker.analysed, "dropped": self._worker.dropped}

    def start(self) -> None:
        self._started = True
        self._worker.start()
        self._capture.start()

    def stop(self) -> None:
        self._capture.stop()
        self._worker.stop()

    def join(self, timeout: float = JOIN_TIMEOUT_S) -> None:
        self._capture.join(timeout)
        self._worker.join(timeout)

    @property
    def alive(self) -> bool:
        return self._capture.alive or self._worker.alive

    def capture_now(self) -> None:
        """Take the photo from the newest frame, whatever the feedback (runs on the worker)."""
        self._worker.call_soon(self._capture_manual)

    def retake(self) -> None:
        self._worker.call_soon(self._auto.retake)

    # --- on the capture thread ---

    def _captured(self, frame: CapturedFrame) -> None:
        self._latest = frame
        self._worker.submit(frame)
        self._on_frame(frame)

    # --- on the analysis thread ---

    def _analysed(self, frame: CapturedFrame, analysis: FrameAnalysis) -> None:
        self._last_analysis = analysis
        feedback = tuple(check(analysis, self._thresholds))
        taken = self._auto.observe(frame.image, analysis, feedback)
        self._on_analysis(
            AnalysisUpdate(
                frame.index,
                analysis,
                feedback,
                is_good(list(feedback)),
                self._auto.phase,
                self._auto.progress(),
            )
        )
        if taken is not None:
            self._deliver(taken, feedback)

    def _capture_manual(self) -> None:
        frame = self._latest
        if frame is None:
            log.info("capture requested before the first frame; ignored")
            return
        analysis = self._last_analysis
        feedback = tuple(check(analysis, self._thresholds)) if analysis else ()
        self._deliver(self._auto.capture_now(frame.image, analysis), feedback)

    def _deliver(self, taken: Capture, feedback: tuple[Feedback, ...]) -> None:
        face = taken.analysis.main_face if taken.analysis else None
        photo = make_card_photo(taken.frame, face.box if face else None, self._spec)
        self._on_photo(PhotoTaken(photo, taken.manual, feedback))
