"""Step 4: the capture widget; the photo goes to the flow, frames never leave memory."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.capture.session import PhotoTaken
from kiosk.enrollment import FlowState
from kiosk.i18n import N_
from kiosk.rules import Program
from ui.enrollment.services import EnrollmentServices, capture_spec
from ui.enrollment.session import EnrollmentSession
from ui.i18n import retranslate_tree
from ui.screens.enrollment.page import StepPage
from ui.widgets.camera_widget import CameraWidget
from ui.widgets.common import paragraph
from ui.workers.capture_worker import CaptureWorker

KEPT_WIDTH = 56


class PhotoStep(StepPage):
    title = N_("Photo")
    intro = ""  # the camera widget explains itself; every pixel goes to the preview

    def __init__(
        self,
        session: EnrollmentSession,
        services: EnrollmentServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._services = services
        # The step indicator already says "Photo": every pixel goes to the preview and buttons.
        self.heading.setVisible(False)
        self._worker: CaptureWorker | None = None
        self._retired: list[CaptureWorker] = []  # stopped, joined at the next switch or exit
        self._program_id = ""
        self.camera: CameraWidget | None = None
        self.photo_message = self.message("photo")
        self.body.addWidget(self.photo_message)
        self.kept_row = QWidget()
        row = QHBoxLayout(self.kept_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.kept_caption = paragraph(N_("Photo on the application: none yet."))
        self.kept = QLabel()
        self.kept.setAccessibleName(N_("Photo on the application"))
        self.kept.setFixedWidth(KEPT_WIDTH)
        row.addWidget(self.kept)
        row.addWidget(self.kept_caption, 1)
        self.body.addWidget(self.kept_row)
        self.kept_row.setVisible(False)
        self._kept_jpeg: bytes | None = None
        self._running = False
        # Restarting the camera (coming back to this step) resets the widget's own photo;
        # that is not the operator asking to retake, so the application keeps its photo.
        self._restarting = False

    def _ensure_camera(self, program: Program) -> CameraWidget:
        """One worker per program (its photo section sets the crop); built on first use."""
        if self.camera is not None and self._program_id == program.id:
            return self.camera
        self.shutdown()
        self._worker = self._services.make_capture_worker(capture_spec(program.photo))
        self.camera = CameraWidget(self._worker, fallback=self._services.camera_fallback)
        self.camera.photo_captured.connect(self._on_camera_photo_captured)
        self.camera.photo_discarded.connect(self._on_camera_photo_discarded)
        retranslate_tree(self.camera, self.t)  # built after the last language change
        # Connected after the widget's own slot, so this runs once the widget has restarted.
        self._worker.cameras_listed.connect(self._on_worker_cameras_listed)
        self.body.insertWidget(0, self.camera, 1)
        self.camera.setVisible(self.isVisible())  # a late child of a shown page stays hidden
        self._program_id = program.id
        return self.camera

    @property
    def worker(self) -> CaptureWorker | None:
        return self._worker

    def _on_camera_photo_captured(self, taken: PhotoTaken) -> None:
        flow = self.session.flow
        if flow is not None and flow.state.is_open and not flow.state.submitting:
            flow.set_photo(taken.photo)

    def _on_worker_cameras_listed(self, _cameras: object) -> None:
        self._restarting = False
        self._sync_kept_row()

    def _on_camera_photo_discarded(self) -> None:
        if self._restarting:
            return
        flow = self.session.flow
        if flow is not None and flow.state.is_open and not flow.state.submitting:
            flow.set_photo(None)

    def entered(self) -> None:
        camera = self._ensure_camera(self.session.program)
        if not self._running:
            self._running = True
            self._restarting = True
            camera.start()

    def left(self) -> None:
        self.stop_camera()

    def stop_camera(self) -> None:
        if self.camera is not None and self._running:
            self._running = False
            self.camera.stop()

    @property
    def running(self) -> bool:
        return self._running

    def show_state(self, state: FlowState) -> set[str]:
        photo = state.application.photo
        jpeg = None if photo is None else photo.jpeg
        if jpeg is not self._kept_jpeg:
            self._kept_jpeg = jpeg
            if jpeg is None:
                self.kept.clear()
                self.kept_caption.setText(self.t.gettext("Photo on the application: none yet."))
            else:
                pixmap = QPixmap()
                pixmap.loadFromData(jpeg, "JPG")
                self.kept.setPixmap(
                    pixmap.scaledToWidth(KEPT_WIDTH, Qt.TransformationMode.SmoothTransformation)
                )
                self.kept_caption.setText(
                    N_("Photo on the application (kept). Capture again to replace it.")
                )
        self._sync_kept_row()
        return super().show_state(state)

    def _sync_kept_row(self) -> None:
        # Only needed when the camera's own thumbnail was reset (coming back to this step).
        widget_photo = None if self.camera is None else self.camera.photo
        self.kept_row.setVisible(self._kept_jpeg is not None and widget_photo is None)

    def clear(self) -> None:
        super().clear()
        self._kept_jpeg = None
        self.kept.clear()
        self.kept_caption.setText(self.t.gettext("Photo on the application: none yet."))
        self.stop_camera()
        if self.camera is not None:
            # The widget keeps the last frame and the photo thumbnail: drop the widget whole.
            camera, self.camera = self.camera, None
            camera.setParent(None)
            camera.deleteLater()
            self._program_id = ""
            if self._worker is not None:
                self._retired.append(self._worker)
            self._worker = None

    def shutdown(self) -> None:
        """Join the capture threads (at exit, or when the program's photo rules change)."""
        self.stop_camera()
        workers = [w for w in (self._worker, *self._retired) if w is not None]
        self._retired.clear()
        for worker in workers:
            worker.shutdown()

    def focus_first(self) -> None:
        if self.camera is not None:
            self.camera.capture_button.setFocus()
