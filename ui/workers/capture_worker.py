"""Qt adapter for the capture core: re-emits the session's thread callbacks as GUI-thread signals.

The capture and analysis threads belong to `kiosk.capture.session.CaptureSession`; this object
only converts frames to preview-sized QImages on the capture thread (so painting is a plain blit)
and hands everything over as queued signals. It never touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
from PySide6.QtCore import QObject, QSize, Signal, Slot
from PySide6.QtGui import QImage

from kiosk.capture.autocapture import STEADY_S
from kiosk.capture.faces import Face, FaceDetector
from kiosk.capture.photo import IDNYC_PHOTO, PhotoSpec
from kiosk.capture.pipeline import CapturedFrame, SourceEvent
from kiosk.capture.quality import DEFAULT_THRESHOLDS, Thresholds
from kiosk.capture.session import AnalysisUpdate, CaptureSession, PhotoTaken
from kiosk.capture.sources import CameraInfo, Frame, FrameSource, as_frame, list_cameras

log = logging.getLogger("kiosk.ui.capture")

DEFAULT_PREVIEW = QSize(640, 360)
SHUTDOWN_TIMEOUT_S = 5.0


@dataclass(frozen=True, slots=True)
class PreviewFrame:
    """A preview-sized QImage and the pixels it borrows (they must outlive the image)."""

    image: QImage
    pixels: Frame
    index: int
    source_width: int
    source_height: int


def to_preview(frame: CapturedFrame, size: QSize) -> PreviewFrame:
    """Scale to fit `size` (never up) and wrap the pixels in a QImage without another copy."""
    image = frame.image
    height, width = image.shape[:2]
    scale = min(size.width() / width, size.height() / height, 1.0)
    if scale < 1.0:
        target = (max(1, round(width * scale)), max(1, round(height * scale)))
        pixels = as_frame(cv2.resize(image, target, interpolation=cv2.INTER_LINEAR))
    else:
        pixels = image
    pixels = np.ascontiguousarray(pixels)
    qimage = QImage(
        pixels.data,
        pixels.shape[1],
        pixels.shape[0],
        pixels.strides[0],
        QImage.Format.Format_BGR888,
    )
    return PreviewFrame(qimage, pixels, frame.index, width, height)


class CaptureWorker(QObject):
    """Owns the running capture session; switching sources never blocks the GUI thread.

    Signals (all delivered on the GUI thread):
    - `frame_arrived(PreviewFrame)`: the newest preview frame; older undelivered ones are dropped.
    - `analysis_updated(AnalysisUpdate)`: feedback and auto-capture progress, >= 10 per second.
    - `photo_captured(PhotoTaken)`: a card photo (automatic, or forced by staff).
    - `source_changed(SourceEvent)`: live, reconnecting, ended or failed, with a message.
    - `cameras_listed(list[CameraInfo])`: answer to `list_cameras()`.
    """

    frame_arrived = Signal(object)
    analysis_updated = Signal(object)
    photo_captured = Signal(object)
    source_changed = Signal(object)
    cameras_listed = Signal(object)

    # Private: emitted from core threads, received by this object on the GUI thread.
    _frame_ready = Signal()
    _analysis_ready = Signal(object, object)
    _photo_ready = Signal(object, object)
    _event_ready = Signal(object, object)

    def __init__(
        self,
        detector_factory: Callable[[], FaceDetector],
        *,
        spec: PhotoSpec = IDNYC_PHOTO,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        steady_s: float = STEADY_S,
        auto_capture: bool = True,
        analysis_width: int | None = None,
        camera_lister: Callable[[], list[CameraInfo]] = list_cameras,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._detector = _LazyDetector(detector_factory)
        self._spec = spec
        self._thresholds = thresholds
        self._steady_s = steady_s
        self._auto_capture = auto_capture
        self._analysis_width = analysis_width
        self._camera_lister = camera_lister
        self._session: CaptureSession | None = None
        self._preview_size = DEFAULT_PREVIEW
        self._latest_preview: PreviewFrame | None = None
        self._preview_lock = threading.Lock()
        # One lock serialises session switches, so two sessions never share the detector.
        self._switch_lock = threading.Lock()
        self._helpers: list[threading.Thread] = []
        self._stopped = False
        self.frames_received = 0
        self.frames_dropped = 0
        self._frame_ready.connect(self._on_self_frame_ready)
        self._analysis_ready.connect(self._on_self_analysis_ready)
        self._photo_ready.connect(self._on_self_photo_ready)
        self._event_ready.connect(self._on_self_event_ready)

    @property
    def spec(self) -> PhotoSpec:
        return self._spec

    @property
    def thresholds(self) -> Thresholds:
        return self._thresholds

    # --- intents from the GUI thread; none of them waits for a thread ---

    def set_preview_size(self, size: QSize) -> None:
        self._preview_size = QSize(max(size.width(), 1), max(size.height(), 1))

    def start(self, source: FrameSource) -> None:
        """Stop the current source (if any) and start `source`, on a helper thread."""
        old = self._session
        session = CaptureSession(
            source,
            self._detector,
            spec=self._spec,
            thresholds=self._thresholds,
            on_frame=lambda frame: self._from_capture_thread(session, frame),
            on_analysis=lambda update: self._analysis_ready.emit(session, update),
            on_photo=lambda photo: self._photo_ready.emit(session, photo),
            on_event=lambda event: self._event_ready.emit(session, event),
            auto_capture=self._auto_capture,
            steady_s=self._steady_s,
            analysis_width=self._analysis_width,
        )
        self._session = session
        with self._preview_lock:
            self._latest_preview = None
        if old is not None:
            old.stop()
        self._run_helper(lambda: self._switch(old, session), "kiosk-capture-switch")

    def stop(self) -> None:
        """Stop capturing (the threads finish on their own; `shutdown()` waits for them)."""
        old, self._session = self._session, None
        if old is not None:
            old.stop()
            self._run_helper(lambda: self._switch(old, None), "kiosk-capture-stop")

    def capture_now(self) -> None:
        if self._session is not None:
            self._session.capture_now()

    def retake(self) -> None:
        if self._session is not None:
            self._session.retake()

    def list_cameras(self) -> None:
        """Look for cameras off the GUI thread (probing can take seconds on some systems)."""
        self._run_helper(lambda: self.cameras_listed.emit(self._camera_lister()), "kiosk-cameras")

    def shutdown(self, timeout: float = SHUTDOWN_TIMEOUT_S) -> None:
        """At exit: stop everything and join every thread this worker started."""
        self._stopped = True
        self.stop()
        for helper in list(self._helpers):
            helper.join(timeout)
        self._helpers.clear()

    # --- helper threads ---

    def _run_helper(self, target: Callable[[], None], name: str) -> None:
        self._helpers = [t for t in self._helpers if t.is_alive()]
        helper = threading.Thread(target=target, name=name, daemon=True)
        self._helpers.append(helper)
        helper.start()

    def _switch(self, old: CaptureSession | None, new: CaptureSession | None) -> None:
        with self._switch_lock:
            if old is not None:
                old.stop()
                old.join(SHUTDOWN_TIMEOUT_S)
            if new is not None and new is self._session and not self._stopped:
                self._detector.load()  # load the models here, not on the GUI thread
                new.start()

    # --- on the capture thread ---

    def _from_capture_thread(self, session: CaptureSession, frame: CapturedFrame) -> None:
        if session is not self._session:
            return
        preview = to_preview(frame, self._preview_size)
        with self._preview_lock:
            waiting = self._latest_preview is not None
            if waiting:
                self.frames_dropped += 1
            self._latest_preview = preview
        if not waiting:
            self._frame_ready.emit()

    # --- on the GUI thread ---

    @Slot()
    def _on_self_frame_ready(self) -> None:
        with self._preview_lock:
            preview, self._latest_preview = self._latest_preview, None
        if preview is not None:
            self.frames_received += 1
            self.frame_arrived.emit(preview)

    @Slot(object, object)
    def _on_self_analysis_ready(self, session: CaptureSession, update: AnalysisUpdate) -> None:
        if session is self._session:
            self.analysis_updated.emit(update)

    @Slot(object, object)
    def _on_self_photo_ready(self, session: CaptureSession, photo: PhotoTaken) -> None:
        if session is self._session:
            self.photo_captured.emit(photo)

    @Slot(object, object)
    def _on_self_event_ready(self, session: CaptureSession, event: SourceEvent) -> None:
        if session is self._session:
            self.source_changed.emit(event)


class _LazyDetector:
    """Loads the face models on first use: on a helper thread, never on the GUI thread."""

    def __init__(self, factory: Callable[[], FaceDetector]) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._detector: FaceDetector | None = None

    def load(self) -> FaceDetector:
        with self._lock:
            if self._detector is None:
                self._detector = self._factory()
            return self._detector

    @property
    def name(self) -> str:
        return self.load().name

    @property
    def analysis_width(self) -> int:
        return self.load().analysis_width

    def detect(self, image: Frame) -> list[Face]:
        return self.load().detect(image)
