"""Appointment and walk-in errors with stable codes; messages never quote a row's contents."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import InvalidInput, KioskError


class AppointmentError(KioskError):
    code = "appointments.error"


class FileUnreadable(InvalidInput):
    """The file is not a CSV this kiosk can read (encoding, size, no header, broken quoting)."""

    code = "appointments.file_unreadable"


class WrongDate(InvalidInput):
    """Every row is for another day than the one being imported; `--date` says it is meant."""

    code = "appointments.wrong_date"


class NoValidRows(InvalidInput):
    code = "appointments.no_valid_rows"


class AppointmentNotFound(InvalidInput):
    code = "appointments.not_found"


class TicketNotFound(InvalidInput):
    code = "appointments.ticket_not_found"


class NotNow(AppointmentError):
    """The change does not fit the appointment's or ticket's state (e.g. checking in a cancelled
    appointment); nothing was changed."""

    code = "appointments.not_now"
    exit_status = 2


class NamesOff(InvalidInput):
    """A name for a walk-in ticket was given while the site keeps tickets anonymous."""

    code = "appointments.names_off"


@dataclass(frozen=True)
class RowProblem:
    """One rejected row: where, and a stable reason code; never the value that was wrong."""

    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str | None
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "reason": self.reason}
