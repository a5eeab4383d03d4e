"""What the enrollment screens need from the composition root: camera, program files, screens.

Built once in ui/app.py (or by a test) and injected, so tests and --demo pass the synthetic
camera the same way production passes the real one, and no screen constructs a service itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from kiosk.capture.choices import SourceChoice, demo_choice
from kiosk.capture.faces import make_detector
from kiosk.capture.photo import PhotoSpec as CapturePhotoSpec
from kiosk.capture.sources import Frame
from kiosk.reading.errors import OcrUnavailable
from kiosk.reading.models import ReadResult
from kiosk.reading.mrz_ocr import MrzOcr
from kiosk.reading.reader import read_image
from kiosk.rules import PhotoSpec, Program, load_program
from ui.workers.capture_worker import CaptureWorker


def capture_spec(photo: PhotoSpec) -> CapturePhotoSpec:
    """The program file's `photo` section in the capture package's terms."""
    return CapturePhotoSpec(
        aspect_width=photo.aspect_width,
        aspect_height=photo.aspect_height,
        face_min_fraction=photo.face_height_min,
        face_max_fraction=photo.face_height_max,
        width=photo.output_width,
        height=photo.output_height,
    )


def default_capture_worker(spec: CapturePhotoSpec) -> CaptureWorker:
    return CaptureWorker(make_detector, spec=spec)


class DocumentImageReader:
    """Reads a licence barcode, or a passport/ID zone by OCR, from one camera frame.

    The OCR engine loads on first use (about a second) on the calling thread, which is the
    enrollment job thread, never the GUI thread; without the `ocr` extra barcodes still read.
    """

    def __init__(self) -> None:
        self._ocr: MrzOcr | None = None
        self._ocr_missing = False

    def __call__(self, frame: Frame, today: date) -> ReadResult:
        if self._ocr is None and not self._ocr_missing:
            try:
                self._ocr = MrzOcr()
            except OcrUnavailable:
                self._ocr_missing = True
        return read_image(frame, ocr=self._ocr, today=today)


@dataclass
class EnrollmentServices:
    """`camera_fallback` is the demo camera in --demo and tests only; empty in production."""

    make_capture_worker: Callable[[CapturePhotoSpec], CaptureWorker] = default_capture_worker
    camera_fallback: tuple[SourceChoice, ...] = ()
    load_program: Callable[[str], Program] = load_program
    use_second_screen: bool = True  # show the applicant's check on a second display if any
    read_document_image: Callable[[Frame, date], ReadResult] = field(
        default_factory=DocumentImageReader
    )

    @classmethod
    def for_demo(cls, demo: bool) -> EnrollmentServices:
        return cls(camera_fallback=(demo_choice(),) if demo else ())
