"""Appointments and walk-ins: a day's list for offline check-in, a walk-in queue, and prefill.

Entry points for front ends (call them on the vault's thread): `AppointmentBook` (import a CSV or
the intake's list, day view, search, check-in, no-show, enrolled), `WalkInQueue` (tickets),
`purge_expired` (at every sign-in) and, in `kiosk.appointments.prefill` (which imports the
enrollment package), `prefill_from`/`apply_prefill`. See docs/appointments.md.
"""

from kiosk.appointments.book import AppointmentBook, DayView, ImportReport, purge_expired
from kiosk.appointments.errors import (
    AppointmentError,
    AppointmentNotFound,
    FileUnreadable,
    NamesOff,
    NotNow,
    NoValidRows,
    RowProblem,
    TicketNotFound,
    WrongDate,
)
from kiosk.appointments.model import Appointment, AppointmentFields, AppointmentStatus
from kiosk.appointments.tickets import Ticket, TicketState, WalkInQueue

__all__ = [
    "Appointment",
    "AppointmentBook",
    "AppointmentError",
    "AppointmentFields",
    "AppointmentNotFound",
    "AppointmentStatus",
    "DayView",
    "FileUnreadable",
    "ImportReport",
    "NamesOff",
    "NoValidRows",
    "NotNow",
    "RowProblem",
    "Ticket",
    "TicketNotFound",
    "TicketState",
    "WalkInQueue",
    "WrongDate",
    "purge_expired",
]
