"""The outbox and end-of-day summary: counts by state, the last contact, send now, export.

Sealed records cannot be read by the kiosk, so this screen shows numbers and application
numbers only, never names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.dashboard import OutboxOverview
from kiosk.i18n import N_, Translator, source_translator
from kiosk.outbox.delivery import DeliveryStatus
from kiosk.staff import Role, StaffMember
from ui.screens.home import show_delivery_on
from ui.widgets.common import StatusLine, button, heading, paragraph

_REASONS = {
    "rejected": "The program office refused this record; call them with the application number.",
    "resend": "The program office asks for it again; choose Send again.",
}


def _local_time(stamp: str) -> str:
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _reason_text(reason: str) -> str:
    status = reason.split(":", 1)[0]
    return _REASONS.get(status, "The program office asked about this record.")


class OutboxScreen(QWidget):
    sync_requested = Signal()
    export_requested = Signal(str)
    resend_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.t = source_translator()
        self._delivery: DeliveryStatus | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading(N_("Outbox")))
        layout.addWidget(
            paragraph(
                N_(
                    "Submitted applications are sealed: not even this kiosk can read them again. "
                    "They stay here until the program office confirms it has them."
                )
            )
        )
        self.delivery = paragraph("")
        self.delivery.setObjectName("networkState")
        layout.addWidget(self.delivery)

        grid = QGridLayout()
        self.numbers: dict[str, QLabel] = {}
        rows = [
            ("submitted_today", "Submitted today"),
            ("delivered_today", N_("Delivered today")),
            ("waiting", "Waiting to upload"),
            ("exported", N_("On removable media, waiting for a receipt")),
            ("delivered", N_("Delivered in all")),
            ("attention", "Need a supervisor"),
        ]
        for index, (key, title) in enumerate(rows):
            value = QLabel("–")
            value.setObjectName("countValue")
            value.setAccessibleName(title)
            grid.addWidget(QLabel(title), index // 2, (index % 2) * 2)
            grid.addWidget(value, index // 2, (index % 2) * 2 + 1)
            self.numbers[key] = value
        layout.addLayout(grid)

        actions = QHBoxLayout()
        self.sync_button = button(N_("Send &now"))
        self.export_button = button(N_("&Export to USB drive…"))
        actions.addWidget(self.sync_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.status = StatusLine()
        layout.addWidget(self.status)

        layout.addWidget(heading(N_("Need a supervisor"), 2))
        self.attention = QTableWidget(0, 3)
        self.attention.setHorizontalHeaderLabels(
            [N_("Application"), N_("Submitted"), N_("What to do")]
        )
        self.attention.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attention.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attention.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.attention.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.attention.verticalHeader().setVisible(False)
        self.attention.setAccessibleName(N_("Records that need a supervisor"))
        layout.addWidget(self.attention, 1)
        self.resend_button = button(N_("Send &again"))
        row = QHBoxLayout()
        row.addWidget(self.resend_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.sync_button.clicked.connect(self._on_sync_button_clicked)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.resend_button.clicked.connect(self._on_resend_button_clicked)
        self._record_ids: list[str] = []

    def retranslate(self, t: Translator) -> None:
        self.t = t
        if self._delivery is not None:
            show_delivery_on(self.delivery, self._delivery, t)

    def set_viewer(self, member: StaffMember) -> None:
        supervisor = member.role.at_least(Role.SUPERVISOR)
        self.export_button.setVisible(supervisor)
        self.resend_button.setVisible(supervisor)

    def show_delivery(self, status: DeliveryStatus) -> None:
        self._delivery = status
        show_delivery_on(self.delivery, status, self.t)
        self.sync_button.setEnabled(status.configured)

    def show_overview(self, overview: OutboxOverview) -> None:
        s = overview.summary
        values = {
            "submitted_today": s.submitted_today,
            "delivered_today": s.delivered_today,
            "waiting": s.waiting_to_upload,
            "exported": overview.exported_awaiting_receipt,
            "delivered": s.delivered,
            "attention": s.needs_attention,
        }
        for key, value in values.items():
            self.numbers[key].setText(str(value))
        self.attention.setRowCount(len(overview.attention))
        self._record_ids = [item.record_id for item in overview.attention]
        for row, item in enumerate(overview.attention):
            cells = (
                item.application_number,
                _local_time(item.submitted_at),
                _reason_text(item.reason),
            )
            for col, text in enumerate(cells):
                self.attention.setItem(row, col, QTableWidgetItem(text))

    def _on_sync_button_clicked(self) -> None:
        self.status.show_info(N_("Trying to reach the program office…"))
        self.sync_requested.emit()

    def _on_export_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose the USB drive or folder")
        if folder:
            self.status.show_info(N_("Writing the sealed records…"))
            self.export_requested.emit(folder)

    def _on_resend_button_clicked(self) -> None:
        rows = self.attention.selectionModel().selectedRows()
        if not rows:
            self.status.show_error(N_("Select a record in the list first."))
            return
        self.resend_requested.emit(self._record_ids[rows[0].row()])
