"""Step 7: the receipt (application number, QR code) in the applicant's language: print or PDF.

The receipt carries the application number only, never the applicant's details, so printing it
or saving its PDF where the operator chooses puts nothing personal on paper or disk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_, Translator, source_translator
from ui.enrollment.session import EnrollmentSession, ReceiptImages
from ui.screens.enrollment.fields import refocus
from ui.screens.enrollment.page import StepPage
from ui.screens.enrollment.type_step import language_label
from ui.widgets.common import StatusLine, button, heading, paragraph, primary_button

RECEIPT_WIDTH = 420
BUTTON_WIDTH = 320


class ReceiptStep(StepPage):
    title = N_("Submitted")
    intro = N_("The application is sealed and queued; it uploads when the kiosk is online.")

    finished = Signal()  # the operator is done with this applicant
    another_requested = Signal()

    def __init__(self, session: EnrollmentSession, site: str = "", parent: QWidget | None = None):
        super().__init__(session, parent)
        self.t = source_translator()
        self.site = site
        row = QHBoxLayout()
        left = QVBoxLayout()
        self.number = heading("", 1)
        self.number.setObjectName("applicationNumber")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        left.addWidget(paragraph(N_("Application number")))
        left.addWidget(self.number)
        self.language_note = paragraph("")
        left.addWidget(self.language_note)
        self.print_button = primary_button(N_("&Print receipt"))
        self.print_button.setDefault(False)
        self.save_button = button(N_("Save as P&DF…"))
        self.new_button = button(N_("Ne&w application"))
        self.done_button = button(N_("&Finish"))
        for b in (self.print_button, self.save_button, self.new_button, self.done_button):
            b.setMaximumWidth(BUTTON_WIDTH)
            left.addWidget(b)
            b.setEnabled(b in (self.new_button, self.done_button))
        self.status = StatusLine()
        left.addWidget(self.status)
        left.addStretch(1)
        row.addLayout(left, 1)
        self.receipt = QLabel(N_("Preparing the receipt…"))
        self.receipt.setAccessibleName(N_("Receipt"))
        self.receipt.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.receipt.setMinimumWidth(RECEIPT_WIDTH)
        row.addWidget(self.receipt, 1)
        self.body.addLayout(row)
        self._images: ReceiptImages | None = None
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.new_button.clicked.connect(self.another_requested)
        self.done_button.clicked.connect(self.finished)
        session.receipt_rendered.connect(self._on_session_receipt_rendered)

    def show_state(self, state: FlowState) -> set[str]:
        if state.receipt is not None and self.number.text() != state.receipt.application_number:
            self.number.setText(state.receipt.application_number)
            self.number.setAccessibleName(
                self.t.tr("Application number {number}", number=state.receipt.application_number)
            )
            self.session.render_receipt(self.site)
        return super().show_state(state)

    def _on_session_receipt_rendered(self, images: ReceiptImages) -> None:
        self._images = images
        pixmap = QPixmap()
        pixmap.loadFromData(images.png, "PNG")
        self.receipt.setPixmap(
            pixmap.scaledToWidth(RECEIPT_WIDTH, Qt.TransformationMode.SmoothTransformation)
        )
        self.language_note.setText(
            self.t.tr(
                "Receipt language: {language}", language=language_label(images.locale, self.t)
            )
        )
        self.print_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.print_button.setFocus()

    def _on_print_button_clicked(self) -> None:
        if self._images is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
        refocus(self.print_button)
        if not accepted:
            return
        print_png(printer, self._images.png)
        self.status.show_success(N_("Sent to the printer."))

    def _on_save_button_clicked(self) -> None:
        if self._images is None:
            return
        number = self.number.text() or "receipt"
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.t.gettext("Save the receipt as PDF"),
            f"receipt-{number}.pdf",
            "PDF (*.pdf)",
        )
        refocus(self.save_button)
        if not path:
            return
        try:
            with open(path, "wb") as out:
                out.write(self._images.pdf)
        except OSError:
            self.status.show_error(N_("The PDF could not be saved there. Choose another folder."))
            return
        self.status.show_success(N_("Saved the receipt PDF."))

    def retranslate(self, t: Translator) -> None:
        self.t = t
        if self._images is not None:
            self.language_note.setText(
                t.tr(
                    "Receipt language: {language}",
                    language=language_label(self._images.locale, t),
                )
            )

    def clear(self) -> None:
        super().clear()
        self._images = None
        self.number.clear()
        self.receipt.clear()
        self.receipt.setText(self.t.gettext("Preparing the receipt…"))
        self.language_note.clear()
        self.status.clear_status()
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def focus_first(self) -> None:
        self.new_button.setFocus()


def print_png(printer: QPrinter, png: bytes) -> None:
    """Scale the receipt image to the page's printable width and paint it."""
    image = QImage.fromData(png)
    painter = QPainter(printer)
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        scaled = image.scaledToWidth(page.width(), Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(0, 0, scaled)
    finally:
        painter.end()
