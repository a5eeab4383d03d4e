"""Check-in: today's appointments (search, check in, no-show) beside the walk-in queue.

Names appear here for the signed-in operator only; the lock screen hides this like every
other screen, and nothing here is written outside the vault.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.appointments import Appointment, DayView, ImportReport, Ticket
from kiosk.i18n import N_
from kiosk.staff import Role, StaffMember
from ui.widgets.common import StatusLine, button, heading, line_edit, paragraph

STATUS_TEXT = {
    "scheduled": "Expected",
    "checked_in": "Checked in",
    "enrolled": "Enrolled",
    "no_show": "Did not come",
    "cancelled": "Cancelled",
}
TICKET_TEXT = {"waiting": "Waiting", "called": "Called", "served": "Served", "left": "Left"}


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAccessibleName(name)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))


def import_summary(report: ImportReport) -> str:
    """What an import did, in words; problems by row number only (never a value)."""
    parts = [f"{report.created} new", f"{report.updated} updated", f"{report.unchanged} unchanged"]
    text = f"List for {report.day.isoformat()}: " + ", ".join(parts) + "."
    if report.problems:
        rows = ", ".join(str(p.row) for p in report.problems[:10])
        more = "…" if len(report.problems) > 10 else ""
        text += f" {len(report.problems)} row(s) could not be read (rows {rows}{more})."
    return text


class AppointmentsScreen(QWidget):
    search_changed = Signal(str)
    check_in_requested = Signal(str)
    start_requested = Signal(str)
    no_show_requested = Signal(str)
    import_requested = Signal(str)
    fetch_requested = Signal()
    ticket_requested = Signal()
    call_next_requested = Signal()
    served_requested = Signal(str)
    left_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(32)
        outer.addLayout(self._appointments_column(), 3)
        outer.addLayout(self._walk_in_column(), 2)
        self._codes: list[str] = []
        self._labels: list[str] = []

    def _appointments_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(heading(N_("Appointments today")))
        self.search = line_edit(N_("Search by confirmation code or name"))
        self.search.setPlaceholderText(N_("Confirmation code or name"))
        self.search.textChanged.connect(self.search_changed)
        column.addWidget(self.search)
        self.table = _table(
            [N_("Time"), N_("Code"), N_("Name"), N_("Status")], N_("Today's appointments")
        )
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.check_in_button = button(N_("&Check in"))
        self.start_button = button(N_("Start &application"))
        self.start_button.setObjectName("primary")
        self.no_show_button = button(N_("Did &not come"))
        self.import_button = button(N_("&Import list…"))
        self.fetch_button = button(N_("&Get today's list"))
        for b in (
            self.check_in_button,
            self.start_button,
            self.no_show_button,
            self.import_button,
            self.fetch_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        column.addLayout(row)
        self.status = StatusLine()
        column.addWidget(self.status)
        self.check_in_button.clicked.connect(lambda: self._emit_code(self.check_in_requested))
        self.start_button.clicked.connect(lambda: self._emit_code(self.start_requested))
        self.no_show_button.clicked.connect(lambda: self._emit_code(self.no_show_requested))
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.fetch_button.clicked.connect(self.fetch_requested)
        return column

    def _walk_in_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.addWidget(heading(N_("Walk-ins")))
        column.addWidget(paragraph(N_("Give each person without an appointment a ticket number.")))
        self.ticket_button = button(N_("New &walk-in ticket"))
        self.ticket_button.setObjectName("primary")
        self.ticket_button.clicked.connect(self.ticket_requested)
        column.addWidget(self.ticket_button)
        self.last_ticket = QLabel("")
        self.last_ticket.setObjectName("ticketNumber")
        self.last_ticket.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_ticket.setAccessibleName(N_("Last ticket given"))
        column.addWidget(self.last_ticket)
        self.queue = _table([N_("Ticket"), N_("Since"), N_("State")], N_("Walk-in queue"))
        column.addWidget(self.queue, 1)
        row = QHBoxLayout()
        self.call_next_button = button(N_("Call ne&xt"))
        self.served_button = button(N_("&Served"))
        self.left_button = button(N_("&Left"))
        for b in (self.call_next_button, self.served_button, self.left_button):
            row.addWidget(b)
        row.addStretch(1)
        column.addLayout(row)
        self.call_next_button.clicked.connect(self.call_next_requested)
        self.served_button.clicked.connect(lambda: self._emit_label(self.served_requested))
        self.left_button.clicked.connect(lambda: self._emit_label(self.left_requested))
        return column

    def set_viewer(self, member: StaffMember) -> None:
        self.import_button.setVisible(member.role.at_least(Role.SUPERVISOR))

    def show_day(self, view: DayView) -> None:
        appointments: tuple[Appointment, ...] = view.appointments
        self._codes = [a.code for a in appointments]
        _fill(
            self.table,
            [
                (
                    a.fields.time_slot,
                    a.code,
                    f"{a.fields.given_names} {a.fields.family_name}".strip(),
                    STATUS_TEXT.get(a.status.value, a.status.value),
                )
                for a in appointments
            ],
        )

    def show_queue(self, tickets: tuple[Ticket, ...]) -> None:
        self._labels = [t.label for t in tickets]
        _fill(
            self.queue,
            [
                (t.label, t.taken_at.astimezone().strftime("%H:%M"), TICKET_TEXT[t.state.value])
                for t in tickets
            ],
        )

    def show_ticket(self, ticket: Ticket) -> None:
        self.last_ticket.setText(ticket.label)
        self.status.show_success(f"Ticket {ticket.label}: tell the person their number.")

    def show_import(self, report: ImportReport) -> None:
        if report.problems:
            self.status.show_error(import_summary(report))
        else:
            self.status.show_success(import_summary(report))

    def clear(self) -> None:
        """Drop every name from the screen (sign-out)."""
        self.search.clear()
        _fill(self.table, [])
        _fill(self.queue, [])
        self.last_ticket.clear()
        self.status.clear_status()

    def _emit_code(self, signal: SignalInstance) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.status.show_error(N_("Select an appointment in the list first."))
            return
        signal.emit(self._codes[rows[0].row()])

    def _emit_label(self, signal: SignalInstance) -> None:
        rows = self.queue.selectionModel().selectedRows()
        if not rows:
            self.status.show_error(N_("Select a ticket in the queue first."))
            return
        signal.emit(self._labels[rows[0].row()])

    def _on_import_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the day's appointment list", "", "Appointment lists (*.csv *.txt)"
        )
        if path:
            self.import_requested.emit(path)
