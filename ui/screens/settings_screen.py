"""Kiosk settings for supervisors: site name and idle lock (delivery comes from provisioning)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from kiosk.config import Settings
from ui.widgets.common import StatusLine, heading, line_edit, paragraph, primary_button


class SettingsScreen(QWidget):
    save_requested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(heading("Settings"))
        layout.addWidget(paragraph("Changes are recorded in the audit log with your name."))
        form = QFormLayout()
        self.program = QLabel()
        self.program.setAccessibleName("Program")
        self.site_name = line_edit("Site name")
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(1, 60)
        self.idle_minutes.setSuffix(" minutes")
        self.idle_minutes.setAccessibleName("Lock the screen after this many idle minutes")
        form.addRow("Program", self.program)
        form.addRow("&Site name", self.site_name)
        form.addRow("&Lock screen after", self.idle_minutes)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.save = primary_button("&Save settings")
        self.save.clicked.connect(self._on_save_clicked)
        row.addWidget(self.save)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = StatusLine()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def show_settings(self, settings: Settings) -> None:
        self.program.setText(settings.program.upper())
        self.site_name.setText(settings.site_name)
        self.idle_minutes.setValue(max(1, settings.idle_lock_seconds // 60))

    def _on_save_clicked(self) -> None:
        self.status.clear_status()
        self.save_requested.emit(
            {
                "site_name": self.site_name.text().strip(),
                "idle_lock_seconds": self.idle_minutes.value() * 60,
            }
        )
