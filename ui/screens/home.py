"""The home dashboard: today's work and the outbox at a glance, as counts only."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.dashboard import DashboardSummary
from kiosk.i18n import N_, Translator, source_translator
from kiosk.outbox.delivery import DeliveryStatus
from kiosk.staff import StaffMember
from ui.i18n import mark_data
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
        # Scrolls rather than making the window taller than a 1366x768 laptop's screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setObjectName("homeScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("homeBody")
        scroll.setWidget(body)
        outer.addWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(32, 24, 32, 24)
        self.greeting = heading("")
        layout.addWidget(self.greeting)
        self.site = paragraph("")
        mark_data(self.site)  # the site's and program's names
        layout.addWidget(self.site)
        start = QHBoxLayout()
        self.new_application = primary_button(N_("New &application"))
        self.new_application.setMinimumSize(300, 56)  # the main thing staff do here
        self.new_application.setStyleSheet("font-size: 20px;")
        self.new_application.clicked.connect(self.new_application_requested)
        start.addWidget(self.new_application)
        start.addStretch(1)
        layout.addLayout(start)
        grid = QGridLayout()
        self.t = source_translator()
        self._shown: tuple[StaffMember, Settings] | None = None
        self._delivery: DeliveryStatus | None = None
        self.today = _Tile(N_("Submitted today"), N_("Applications sealed at this kiosk today."))
        self.waiting = _Tile(
            N_("Waiting to upload"), N_("Sealed and safe on this laptop; they upload when online.")
        )
        self.delivered = _Tile(N_("Delivered"), N_("Confirmed received by the program office."))
        self.attention = _Tile(N_("Need a supervisor"), N_("The program office asked about these."))
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
        self.change_password = button(N_("Change my &password…"))
        self.change_password.clicked.connect(self.change_password_requested)
        row.addWidget(self.change_password)
        row.addStretch(1)
        layout.addLayout(row)

    def show_member(self, member: StaffMember, settings: Settings) -> None:
        self._shown = (member, settings)
        self.greeting.setText(self.t.tr("Welcome, {name}", name=member.display_name))
        self.site.setText(f"{settings.site_name} · {settings.program.upper()}")

    def show_delivery(self, status: DeliveryStatus) -> None:
        self._delivery = status
        show_delivery_on(self.network, status, self.t)

    def retranslate(self, t: Translator) -> None:
        self.t = t
        if self._shown is not None:
            self.show_member(*self._shown)
        if self._delivery is not None:
            self.show_delivery(self._delivery)

    def show_summary(self, summary: DashboardSummary) -> None:
        self.today.set_value(summary.submitted_today)
        self.waiting.set_value(summary.waiting_to_upload)
        self.delivered.set_value(summary.delivered)
        self.attention.set_value(summary.needs_attention, warn=summary.needs_attention > 0)


def show_delivery_on(label: QLabel, status: DeliveryStatus, t: Translator) -> None:
    """The coloured one-line delivery status used by the home and outbox screens."""
    label.setText(describe_delivery(status, t))
    label.setProperty("state", _delivery_state(status))
    label.style().unpolish(label)
    label.style().polish(label)


def _delivery_state(status: DeliveryStatus) -> str:
    if not status.configured:
        return "offline"
    return {True: "online", False: "offline", None: "checking"}[status.reachable]


def describe_delivery(status: DeliveryStatus, t: Translator | None = None) -> str:
    """One sentence for staff: is the program office reachable, and is anything waiting."""
    t = t or source_translator()
    if not status.configured:
        return t.gettext(
            "This kiosk is not connected to a program office yet (an administrator runs "
            "provisioning). Submitted records stay safely on this laptop until then."
        )
    if status.reachable is None:
        return t.gettext("Checking the connection to the program office…")
    when = status.checked_at.astimezone().strftime("%H:%M") if status.checked_at else "?"
    if status.reachable:
        waiting = status.pending or 0
        if waiting == 0:
            return t.tr(
                "● Connected to the program office (checked {time}): nothing is waiting.",
                time=when,
            )
        return t.ntr(
            "● Connected to the program office (checked {time}): {n} still to send.",
            "● Connected to the program office (checked {time}): {n} still to send.",
            waiting,
            time=when,
            n=waiting,
        )
    return t.tr(
        "○ No connection to the program office (last try {time}); the kiosk keeps trying. "
        "Submitted records are safe on this laptop.",
        time=when,
    )
