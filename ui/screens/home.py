"""The home dashboard: today's work and the outbox at a glance, as counts only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config import Settings
from kiosk.dashboard import DashboardSummary
from kiosk.outbox.delivery import DeliveryStatus
from kiosk.staff import StaffMember
from ui.widgets.common import StatusLine, button, heading, paragraph, primary_button


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
    new_application_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        self.greeting = heading("")
        layout.addWidget(self.greeting)
        self.site = paragraph("")
        layout.addWidget(self.site)
        start = QHBoxLayout()
        self.new_application = primary_button("New &application")
        self.new_application.setMinimumSize(300, 56)  # the main thing staff do here
        self.new_application.setStyleSheet("font-size: 20px;")
        self.new_application.clicked.connect(self.new_application_requested)
        start.addWidget(self.new_application)
        start.addStretch(1)
        layout.addLayout(start)
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
        # The main window puts the enrollment's "unfinished applications" list here.
        self.enrollment_area = QVBoxLayout()
        layout.addLayout(self.enrollment_area)
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

    def show_delivery(self, status: DeliveryStatus) -> None:
        show_delivery_on(self.network, status)

    def show_summary(self, summary: DashboardSummary) -> None:
        self.today.set_value(summary.submitted_today)
        self.waiting.set_value(summary.waiting_to_upload)
        self.delivered.set_value(summary.delivered)
        self.attention.set_value(summary.needs_attention, warn=summary.needs_attention > 0)


def show_delivery_on(label: QLabel, status: DeliveryStatus) -> None:
    """The coloured one-line delivery status used by the home and outbox screens."""
    label.setText(describe_delivery(status))
    label.setProperty("state", _delivery_state(status))
    label.style().unpolish(label)
    label.style().polish(label)


def _delivery_state(status: DeliveryStatus) -> str:
    if not status.configured:
        return "offline"
    return {True: "online", False: "offline", None: "checking"}[status.reachable]


def describe_delivery(status: DeliveryStatus) -> str:
    """One sentence for staff: is the program office reachable, and is anything waiting."""
    if not status.configured:
        return (
            "This kiosk is not connected to a program office yet (an administrator runs "
            "provisioning). Submitted records stay safely on this laptop until then."
        )
    if status.reachable is None:
        return "Checking the connection to the program office…"
    when = status.checked_at.astimezone().strftime("%H:%M") if status.checked_at else "?"
    if status.reachable:
        waiting = status.pending or 0
        tail = "nothing is waiting." if waiting == 0 else f"{waiting} still to send."
        return f"● Connected to the program office (checked {when}): {tail}"
    return (
        f"○ No connection to the program office (last try {when}); the kiosk keeps trying. "
        "Submitted records are safe on this laptop."
    )
