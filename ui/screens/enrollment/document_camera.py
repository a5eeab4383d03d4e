"""Read a document with the camera: a live view and one button that reads the current frame.

The frame goes to the reader in memory and is dropped after reading (68 RCNY 6-03(e): no copies
or scans are kept); the dialog's camera stops and its threads are joined when it closes, which
includes the lock screen closing it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.capture.choices import source_choices
from kiosk.capture.photo import PhotoSpec
from kiosk.capture.sources import CameraInfo, Frame
from kiosk.i18n import N_
from ui.enrollment.services import EnrollmentServices
from ui.widgets.common import button, paragraph, primary_button
from ui.workers.capture_worker import CaptureWorker, PreviewFrame

VIEW = QSize(800, 450)
# Reading wants the camera's full resolution; the view is scaled down only for painting.
READ_SIZE = QSize(1920, 1080)


class DocumentCameraDialog(QDialog):
    frame_chosen = Signal(object)  # Frame (BGR pixels), handed over once

    def __init__(self, services: EnrollmentServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(N_("Read a document with the camera"))
        self._services = services
        self._worker: CaptureWorker | None = None
        self._latest: Frame | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(
            paragraph(
                N_(
                    "Hold the licence's barcode or the passport's zone flat in front of the "
                    "camera, away from glare. Nothing is saved: the picture is read and dropped."
                )
            )
        )
        self.view = QLabel(N_("Looking for a camera…"))
        self.view.setAccessibleName(N_("Camera view"))
        self.view.setFixedSize(VIEW)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.setStyleSheet("background: #202226; color: white;")
        layout.addWidget(self.view)
        self.note = paragraph("")
        layout.addWidget(self.note)
        row = QHBoxLayout()
        self.read_button = primary_button(N_("&Read this document"))
        self.read_button.setEnabled(False)
        self.close_button = button(N_("Close"))
        row.addStretch(1)
        row.addWidget(self.close_button)
        row.addWidget(self.read_button)
        layout.addLayout(row)
        self.read_button.clicked.connect(self._on_read_button_clicked)
        self.close_button.clicked.connect(self.reject)

    def start(self) -> None:
        # Auto-capture is off: this camera is for documents, its face checks are not used.
        worker = self._services.make_capture_worker(PhotoSpec())
        self._worker = worker
        worker.set_preview_size(READ_SIZE)
        worker.frame_arrived.connect(self._on_worker_frame_arrived)
        worker.cameras_listed.connect(self._on_worker_cameras_listed)
        worker.list_cameras()

    def _on_worker_cameras_listed(self, cameras: list[CameraInfo]) -> None:
        choices = source_choices(cameras, self._services.camera_fallback)
        if self._worker is None:
            return
        if not choices:
            self.view.setText(N_("No camera found. Plug in a USB camera, or use the scanner."))
            return
        self.note.setText(f"Camera: {choices[0].label}")
        self._worker.start(choices[0].make())

    def _on_worker_frame_arrived(self, frame: PreviewFrame) -> None:
        self._latest = frame.pixels
        self.view.setPixmap(
            QPixmap.fromImage(frame.image).scaled(
                VIEW, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        self.read_button.setEnabled(True)

    def _on_read_button_clicked(self) -> None:
        frame = self._latest
        if frame is not None:
            self.frame_chosen.emit(frame)
            self.accept()

    def done(self, result: int) -> None:
        """Closing by any way (Read, Close, Esc, the lock screen) stops and joins the camera."""
        worker, self._worker = self._worker, None
        self._latest = None
        self.view.clear()
        if worker is not None:
            worker.shutdown()
        super().done(result)
