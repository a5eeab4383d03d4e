"""The photo step's camera view: live preview with an oval guide, feedback, capture and retake.

Renders what the capture worker reports and sends intents back; every decision (is the frame
good, when to auto-capture, how to crop) lives in kiosk.capture.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.capture import texts
from kiosk.capture.autocapture import Phase
from kiosk.capture.choices import SourceChoice, availability_message, source_choices
from kiosk.capture.photo import CardPhoto
from kiosk.capture.pipeline import SourceEvent, SourceStatus
from kiosk.capture.quality import Feedback
from kiosk.capture.session import AnalysisUpdate, PhotoTaken
from kiosk.capture.sources import CameraInfo
from kiosk.i18n import Translator, source_translator, translating
from ui.workers.capture_worker import CaptureWorker, PreviewFrame

OVAL_HEIGHT = 0.62  # of the preview height: a head at a good distance fills it
OVAL_ASPECT = 0.74  # width / height of a head
THUMB_SIZE = QSize(200, 250)
GOOD = QColor(40, 170, 90)
WARN = QColor(235, 160, 40)
IDLE = QColor(255, 255, 255, 200)
BUTTON_MIN_WIDTH = 180
FEEDBACK_FONT_PX = 22  # read from a step away, over the applicant's shoulder


def enlarged(font: QFont, factor: float) -> QFont:
    """A bold, bigger copy; style sheets may size fonts in pixels, leaving no point size."""
    bigger = QFont(font)
    if font.pointSizeF() > 0:
        bigger.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        bigger.setPixelSize(round(font.pixelSize() * factor))
    bigger.setBold(True)
    return bigger


class PreviewView(QWidget):
    """Paints the newest frame 1:1 (the worker already scaled it) plus the oval and countdown."""

    resized = Signal(QSize)  # in device pixels: the size the worker should scale frames to

    def __init__(self, oval_center_y: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._oval_center_y = oval_center_y
        self._frame: PreviewFrame | None = None
        self._update: AnalysisUpdate | None = None
        self._message = texts.status_waiting_for_camera()
        self._stale = False
        self.frames_painted = 0
        self._painted_index = -1
        self.setMinimumSize(480, 270)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def show_frame(self, frame: PreviewFrame) -> None:
        self._frame, self._stale, self._message = frame, False, ""
        self.update()

    def show_analysis(self, update: AnalysisUpdate | None) -> None:
        self._update = update
        self.update()

    def show_message(self, message: str, *, stale: bool = True) -> None:
        """A camera problem: keep the last picture, dimmed, with the message over it."""
        self._message, self._stale = message, stale
        self.update()

    @property
    def message(self) -> str:
        return self._message

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        ratio = self.devicePixelRatioF()
        size = event.size()
        self.resized.emit(QSize(round(size.width() * ratio), round(size.height() * ratio)))

    def _image_rect(self, image: QImage) -> QRectF:
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(32, 34, 38))
        frame = self._frame
        area = QRectF(self.rect())
        if frame is not None:
            area = self._image_rect(frame.image)
            painter.drawImage(area, frame.image)
            if frame.index != self._painted_index:
                self._painted_index = frame.index
                self.frames_painted += 1
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._stale or frame is None:
            painter.fillRect(area, QColor(0, 0, 0, 150))
        else:
            self._paint_oval(painter, area)
        if self._message:
            self._paint_message(painter, area)
        painter.end()

    def _paint_oval(self, painter: QPainter, area: QRectF) -> None:
        height = area.height() * OVAL_HEIGHT
        width = height * OVAL_ASPECT
        cx = area.center().x()
        cy = area.top() + area.height() * self._oval_center_y
        oval = QRectF(cx - width / 2, cy - height / 2, width, height)
        update = self._update
        if update is None:
            color, style = IDLE, Qt.PenStyle.DashLine
        elif update.phase is Phase.CAPTURED:
            color, style = GOOD, Qt.PenStyle.SolidLine
        elif update.good:
            color, style = GOOD, Qt.PenStyle.DashLine
        else:
            color, style = WARN, Qt.PenStyle.DashLine
        painter.setPen(QPen(color, 4, style))
        painter.drawEllipse(oval)
        if update is not None and update.phase is Phase.STEADY and update.progress > 0:
            # The countdown to auto-capture, as an arc filling the oval's outline.
            painter.setPen(QPen(GOOD, 8, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawArc(oval, 90 * 16, -round(360 * 16 * update.progress))

    def _paint_message(self, painter: QPainter, area: QRectF) -> None:
        font = enlarged(self.font(), 1.4)
        painter.setFont(font)
        painter.setPen(QColor(255, 255, 255))
        box = area.adjusted(24, 24, -24, -24)
        flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(box, int(flags), self._message)


class CameraWidget(QWidget):
    """Camera picker, preview, feedback, and Capture / Retake.

    `fallback` sources follow the real cameras in the picker (pass the demo camera in --demo only).
    Call `start()` when the photo step is shown and `stop()` when it is left; the composition root
    calls `worker.shutdown()` at exit.
    """

    photo_captured = Signal(object)  # PhotoTaken
    photo_discarded = Signal()

    def __init__(
        self,
        worker: CaptureWorker,
        *,
        fallback: Sequence[SourceChoice] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # The capture texts are English sources from kiosk.capture.texts, shown through `t`;
        # feedback with values (a face count, an angle) is built again in `t` (`_feedback`).
        self.t = source_translator()
        self._worker = worker
        self._fallback = tuple(fallback)
        self._choices: list[SourceChoice] = []
        self._running: SourceChoice | None = None
        self._photo: PhotoTaken | None = None
        # Built from English sources whatever the GUI thread's current translator is: the
        # language walk (ui/i18n.py) remembers a widget's first text as its English source.
        with translating(self.t):
            self._build()
        worker.frame_arrived.connect(self._on_worker_frame_arrived)
        worker.analysis_updated.connect(self._on_worker_analysis_updated)
        worker.photo_captured.connect(self._on_worker_photo_captured)
        worker.source_changed.connect(self._on_worker_source_changed)
        worker.cameras_listed.connect(self._on_worker_cameras_listed)

    def retranslate(self, t: Translator) -> None:
        self.t = t

    def _tr(self, text: str) -> str:
        return self.t.gettext(text)

    def _feedback(self, item: Feedback) -> str:
        # The analysis thread formats in English; fill the values again in the staff language.
        with translating(self.t):
            return item.translated()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_picker_row())
        layout.addLayout(self._build_view_row(), 1)
        self._build_feedback(layout)
        layout.addLayout(self._build_buttons())
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self, context=context)
            shortcut.activated.connect(self._on_capture_button_clicked)
        retake = QShortcut(QKeySequence(Qt.Key.Key_R), self, context=context)
        retake.activated.connect(self._on_retake_button_clicked)

    def _build_picker_row(self) -> QHBoxLayout:
        self.camera_picker = QComboBox()
        self.camera_picker.setAccessibleName(texts.label_camera())
        self.camera_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.camera_picker.activated.connect(self._on_camera_picker_activated)
        self.look_again_button = QPushButton(texts.label_look_again())
        self.look_again_button.clicked.connect(self._on_look_again_button_clicked)
        picker_row = QHBoxLayout()
        picker_row.addWidget(QLabel(texts.label_camera()))
        picker_row.addWidget(self.camera_picker)
        picker_row.addWidget(self.look_again_button)
        picker_row.addStretch(1)
        return picker_row

    def _build_view_row(self) -> QHBoxLayout:
        self.preview = PreviewView(self._worker.thresholds.oval_center_y)
        self.preview.resized.connect(self._on_preview_resized)
        self.photo_view = QLabel(texts.label_no_photo())
        self.photo_view.setFixedSize(THUMB_SIZE)
        self.photo_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_view.setStyleSheet("border: 1px solid #888; color: #666;")
        self.photo_note = QLabel()
        self.photo_note.setWordWrap(True)
        self.photo_note.setMaximumWidth(THUMB_SIZE.width())
        photo_column = QVBoxLayout()
        photo_column.addWidget(self.photo_view)
        photo_column.addWidget(self.photo_note)
        photo_column.addStretch(1)
        view_row = QHBoxLayout()
        view_row.addWidget(self.preview, 1)
        view_row.addLayout(photo_column)
        return view_row

    def _build_feedback(self, layout: QVBoxLayout) -> None:
        self.feedback_label = QLabel()
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setObjectName("cameraFeedback")
        self._set_feedback_color(GOOD)
        self.tips_label = QLabel()
        self.tips_label.setWordWrap(True)
        self.tips_label.setStyleSheet("color: #555;")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.feedback_label)
        layout.addWidget(self.tips_label)
        layout.addWidget(self.status_label)

    def _build_buttons(self) -> QHBoxLayout:
        self.capture_button = QPushButton(texts.label_capture())
        self.capture_button.setDefault(True)
        self.capture_button.clicked.connect(self._on_capture_button_clicked)
        self.retake_button = QPushButton(texts.label_retake())
        self.retake_button.setEnabled(False)
        self.retake_button.clicked.connect(self._on_retake_button_clicked)
        for big in (self.capture_button, self.retake_button):
            big.setMinimumWidth(BUTTON_MIN_WIDTH)  # room for the shortcut hint in any style
        buttons = QHBoxLayout()
        buttons.addWidget(self.capture_button)
        buttons.addWidget(self.retake_button)
        buttons.addStretch(1)
        return buttons

    # --- what the enrollment screen uses ---

    @property
    def photo(self) -> CardPhoto | None:
        return self._photo.photo if self._photo else None

    def start(self) -> None:
        """Look for cameras, then start the first one (or the fallback)."""
        self.capture_button.setFocus()
        self.preview.show_message(self._tr(texts.status_waiting_for_camera()))
        self._worker.list_cameras()

    def stop(self) -> None:
        self._running = None
        self._worker.stop()

    # --- slots ---

    @Slot(object)
    def _on_worker_cameras_listed(self, cameras: list[CameraInfo]) -> None:
        self._choices = source_choices(cameras, self._fallback)
        self.camera_picker.clear()
        self.camera_picker.addItems([choice.label for choice in self._choices])
        self.camera_picker.setEnabled(len(self._choices) > 1)
        message = availability_message(cameras, self._choices)
        self.status_label.setText(self._tr(message))
        # A notice, not decoration: staff must see at a glance that this is not a real camera.
        self.status_label.setStyleSheet(
            "background: #fff3cd; color: #664d03; padding: 6px;" if message else ""
        )
        labels = [choice.label for choice in self._choices]
        running = self._running
        # Looking again must not throw away a working camera or a photo already taken;
        # only a demo camera gives way to a real one that has just been plugged in.
        keep = running is not None and running.label in labels and not (running.fake and cameras)
        if running is not None and keep:
            self.camera_picker.setCurrentIndex(labels.index(running.label))
        elif self._choices:
            self._start_choice(0)
        else:
            self._running = None
            self._worker.stop()
            self.preview.show_message(self._tr(texts.status_no_camera()))

    def _start_choice(self, index: int) -> None:
        self._running = self._choices[index]
        self.camera_picker.setCurrentIndex(index)
        self._discard_photo()
        self.preview.show_analysis(None)
        self.preview.show_message(self._tr(texts.status_waiting_for_camera()))
        self._worker.start(self._choices[index].make())

    @Slot(int)
    def _on_camera_picker_activated(self, index: int) -> None:
        if 0 <= index < len(self._choices):
            self._start_choice(index)

    @Slot()
    def _on_look_again_button_clicked(self) -> None:
        self._worker.list_cameras()

    @Slot()
    def _on_capture_button_clicked(self) -> None:
        self._worker.capture_now()

    @Slot()
    def _on_retake_button_clicked(self) -> None:
        if self._photo is not None:
            self._discard_photo()
            self._worker.retake()

    @Slot(QSize)
    def _on_preview_resized(self, size: QSize) -> None:
        self._worker.set_preview_size(size)

    @Slot(object)
    def _on_worker_frame_arrived(self, frame: PreviewFrame) -> None:
        self.preview.show_frame(frame)

    @Slot(object)
    def _on_worker_analysis_updated(self, update: AnalysisUpdate) -> None:
        self.preview.show_analysis(update)
        blocking = [item for item in update.feedback if item.blocking]
        tips = [item for item in update.feedback if not item.blocking]
        if update.phase is Phase.CAPTURED:
            self.feedback_label.setText(self._tr(texts.status_captured()))
            color = GOOD
        elif blocking:
            self.feedback_label.setText(self._feedback(blocking[0]))
            tips = blocking[1:] + tips
            color = WARN.darker(130)
        else:
            self.feedback_label.setText(self._tr(texts.status_good()))
            color = GOOD
        self._set_feedback_color(color)
        self.tips_label.setText("\n".join(self._feedback(tip) for tip in tips))

    @Slot(object)
    def _on_worker_photo_captured(self, taken: PhotoTaken) -> None:
        self._photo = taken
        pixmap = QPixmap()
        pixmap.loadFromData(taken.photo.jpeg, "JPG")
        self.photo_view.setPixmap(
            pixmap.scaled(
                THUMB_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        problems = [self._feedback(item) for item in taken.feedback if item.blocking]
        if taken.manual and problems:
            with translating(self.t):
                self.photo_note.setText(texts.label_photo_forced(problems=" ".join(problems)))
        elif taken.manual:
            self.photo_note.setText("")
        else:
            self.photo_note.setText(self._tr(texts.label_photo_auto()))
        self.retake_button.setEnabled(True)
        self.feedback_label.setText(self._tr(texts.status_captured()))
        self.photo_captured.emit(taken)

    @Slot(object)
    def _on_worker_source_changed(self, event: SourceEvent) -> None:
        if event.status is SourceStatus.LIVE:
            self.preview.show_message("", stale=False)
        else:
            self.preview.show_message(self._tr(event.message))

    def _set_feedback_color(self, color: QColor) -> None:
        # A style sheet, not setFont(): the app style sheet would override a plain font.
        self.feedback_label.setStyleSheet(
            f"font-size: {FEEDBACK_FONT_PX}px; font-weight: bold; color: {color.name()};"
        )

    def _discard_photo(self) -> None:
        had_photo = self._photo is not None
        self._photo = None
        self.photo_view.clear()
        self.photo_view.setText(self._tr(texts.label_no_photo()))
        self.photo_note.setText("")
        self.retake_button.setEnabled(False)
        if had_photo:
            self.photo_discarded.emit()
