"""What a kiosk knows about an appointment: enough to find the person and prefill, nothing more.

The fields are fixed on purpose. An appointment list comes from the program office's scheduling
system, which may hold more; only these fields are ever read from it (other columns are ignored
and named in the import report), and none of them asks about or stands in for a person's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class AppointmentStatus(StrEnum):
    SCHEDULED = "scheduled"
    CHECKED_IN = "checked_in"
    ENROLLED = "enrolled"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


# The values of kiosk.enrollment.ApplicationType (a test keeps them equal); repeated here so that
# reading a CSV (also on the intake) does not import the whole enrollment package.
APPLICATION_TYPES = ("new", "renewal", "replacement", "update")


@dataclass(frozen=True)
class AppointmentFields:
    """One validated row, as imported from a CSV file or received from the intake."""

    code: str  # the confirmation code, upper case
    day: date
    time_slot: str  # "HH:MM" or "HH:MM-HH:MM", 24-hour
    family_name: str
    given_names: str
    dob: date | None = None
    phone: str = ""
    email: str = ""
    language: str = ""  # a kiosk language code (kiosk.enrollment.languages) or another code
    application_type: str | None = None  # one of APPLICATION_TYPES
    cancelled: bool = False

    def __repr__(self) -> str:
        return f"AppointmentFields(code={self.code!r}, <redacted>)"

    def to_wire(self) -> dict[str, str]:
        """The row as text under its CSV column names (how the intake stores and sends it)."""
        return {
            "confirmation_code": self.code,
            "date": self.day.isoformat(),
            "time": self.time_slot,
            "family_name": self.family_name,
            "given_names": self.given_names,
            "dob": self.dob.isoformat() if self.dob else "",
            "phone": self.phone,
            "email": self.email,
            "language": self.language,
            "application_type": self.application_type or "",
            "cancelled": "yes" if self.cancelled else "no",
        }


@dataclass(frozen=True)
class Appointment:
    """An appointment held in the vault, with what happened to it at this kiosk."""

    fields: AppointmentFields
    status: AppointmentStatus
    checked_in_at: datetime | None = None
    application_number: str | None = None  # set when enrolled: the only link to the record

    def __repr__(self) -> str:  # reprs end up in logs and crash reports
        return f"Appointment(code={self.code!r}, status={self.status.value}, <redacted>)"

    @property
    def code(self) -> str:
        return self.fields.code

    @property
    def day(self) -> date:
        return self.fields.day

    @property
    def time_slot(self) -> str:
        return self.fields.time_slot

    @property
    def family_name(self) -> str:
        return self.fields.family_name

    @property
    def given_names(self) -> str:
        return self.fields.given_names
