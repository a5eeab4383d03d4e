"""Kiosk health for supervisors: the same checks as `kiosk doctor`, one line each."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.doctor.model import DoctorReport
from kiosk.i18n import N_
from ui.widgets.common import StatusLine, button, heading, paragraph

TITLES = {
    "cameras": "Cameras",
    "disk": "Disk space",
    "clock": "Clock",
    "vault": "Encrypted vault",
    "keys": "Program office keys",
    "intake": "Program office connection",
    "backlog": "Records waiting",
}
MARKS = {"ok": "✓ OK", "warn": "! Check", "fail": "✗ Problem"}


class HealthScreen(QWidget):
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading(N_("Kiosk health")))
        layout.addWidget(
            paragraph(
                N_(
                    "Run this when you set up the site each morning, or when something seems "
                    "wrong. “Check” items are worth a look; “Problem” items stop the kiosk from "
                    "working."
                )
            )
        )
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(10)
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        self.check_button = button(N_("Check &again"))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = StatusLine()
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._rows: list[QWidget] = []

    def show_report(self, report: DoctorReport) -> None:
        for widget in self._rows:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._rows = []
        for index, check in enumerate(report.checks):
            mark = QLabel(MARKS[check.status.value])
            mark.setObjectName("healthMark")
            mark.setProperty("status", check.status.value)
            title = QLabel(TITLES.get(check.id, check.id))
            title.setObjectName("healthTitle")
            summary = QLabel(check.summary)
            summary.setWordWrap(True)
            for col, widget in enumerate((mark, title, summary)):
                self.grid.addWidget(widget, index, col)
                self._rows.append(widget)
            summary.setAccessibleName(f"{title.text()}: {MARKS[check.status.value]}")
        self.grid.setColumnStretch(2, 1)
        self.check_button.setEnabled(True)
        self.status.clear_status()

    def _on_check_button_clicked(self) -> None:
        self.check_button.setEnabled(False)
        self.status.show_info(N_("Checking… (the program office check can take a few seconds)"))
        self.check_requested.emit()
