"""The home dashboard: today's work and the outbox at a glance, as counts only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.dashboard import DashboardSummary
from kiosk.staff import StaffMember
from ui.widgets.common import StatusLine, button, heading, paragraph


class _Tile(QFrame):
    def __init__(self, title: str, explanation: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.value = QLabel("–")
        self.value.setObjectName("tileValue")
        self.title = QLabel(title)
        self.title.setObjectName("tileTitle")
        self.explanation = paragraph(explanation)
        layout.addWidget(self.value)
        layout.addWidget(self.title)
        layout.addWidget(self.explanation)
        self.setAccessibleName(title)

    def set_value(self, value: int, *, warn: bool = False) -> None:
        self.value.setText(str(value))
        self.setProperty("warn", warn)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setAccessibleDescription(f"{self.title.text()}: {value}")


class HomeScreen(QWidget):
    change_password_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.greeting = heading("")
        layout.addWidget(self.greeting)
        self.site = paragraph("")
        layout.addWidget(self.site)
        grid = QGridLayout()
        self.today = _Tile("Submitted today", "Applications sealed at this kiosk today.")
        self.waiting = _Tile(
            "Waiting to upload", "Sealed and safe on this laptop; they upload when online."
        )
        self.delivered = _Tile("Delivered", "Confirmed received by the program office.")
        self.attention = _Tile("Need a supervisor", "The program office asked about these.")
        for i, tile in enumerate((self.today, self.waiting, self.delivered, self.attention)):
            grid.addWidget(tile, i // 2, i % 2)
        layout.addLayout(grid)
        self.network = paragraph("")
        self.network.setObjectName("networkState")
        layout.addWidget(self.network)
        self.status = StatusLine()
        layout.addWidget(self.status)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.change_password = button("Change my &password…")
        self.change_password.clicked.connect(self.change_password_requested)
        row.addWidget(self.change_password)
        row.addStretch(1)
        layout.addLayout(row)

    def show_member(self, member: StaffMember, settings: Settings) -> None:
        self.greeting.setText(f"Welcome, {member.display_name}")
        self.site.setText(f"{settings.site_name} · {settings.program.upper()}")
        if settings.intake_url:
            self.network.setText(
                f"Program office: {settings.intake_url}. Records upload when it can be reached."
            )
        else:
            self.network.setText(
                "No program office address is set, so records stay safely queued on this "
                "laptop. A supervisor can set it in Settings."
            )

    def show_summary(self, summary: DashboardSummary) -> None:
        self.today.set_value(summary.submitted_today)
        self.waiting.set_value(summary.waiting_to_upload)
        self.delivered.set_value(summary.delivered)
        self.attention.set_value(summary.needs_attention, warn=summary.needs_attention > 0)
