"""The appointment book in the vault: import a day's list, the day view, search, check-in.

Every method runs on the thread that owns the vault (the GUI's vault worker, or the CLI's main
thread) and every change is one transaction with its audit entry. Importing is idempotent on the
confirmation code: importing the same file again, or a corrected one, updates rows and never
duplicates them, and never undoes what happened at the kiosk (a checked-in person stays checked in).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from kiosk import audit
from kiosk.appointments.csvfile import ParsedFile, only_day, parse_csv
from kiosk.appointments.errors import AppointmentNotFound, NotNow, RowProblem
from kiosk.appointments.model import Appointment, AppointmentFields, AppointmentStatus
from kiosk.appointments.rows import RowInvalid, check_row
from kiosk.audit import AuditAction
from kiosk.clock import Clock
from kiosk.errors import InvalidInput
from kiosk.settings_store import load_settings
from kiosk.staff import SYSTEM_ACTOR, Session
from kiosk.vault.database import Connection

Source = Literal["csv", "intake"]
S = AppointmentStatus
_APPLICATION_NUMBER = re.compile(r"[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}")
_COLUMNS = (
    "code, day, time_slot, family_name, given_names, dob, phone, email, language,"
    " application_type, status, checked_in_at, application_number"
)


def local_day(clock: Clock) -> date:
    """The site's calendar day: appointments and ticket numbers follow the wall clock."""
    return clock().astimezone().date()


@dataclass(frozen=True)
class ImportReport:
    day: date
    created: int
    updated: int
    unchanged: int
    problems: tuple[RowProblem, ...] = ()
    warnings: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.to_dict() for p in self.problems],
            "warnings": list(self.warnings),
            "ignored_columns": list(self.ignored_columns),
        }


@dataclass(frozen=True)
class DayView:
    day: date
    appointments: tuple[Appointment, ...]  # by time slot, then confirmation code

    def counts(self) -> dict[str, int]:
        return {s.value: sum(a.status is s for a in self.appointments) for s in S}


def _from_row(row: Sequence[object]) -> Appointment:
    fields = AppointmentFields(
        code=str(row[0]),
        day=date.fromisoformat(str(row[1])),
        time_slot=str(row[2]),
        family_name=str(row[3]),
        given_names=str(row[4]),
        dob=date.fromisoformat(str(row[5])) if row[5] else None,
        phone=str(row[6]),
        email=str(row[7]),
        language=str(row[8]),
        application_type=str(row[9]) if row[9] else None,
        cancelled=row[10] == S.CANCELLED.value,
    )
    checked_in = datetime.fromisoformat(str(row[11])) if row[11] else None
    number = str(row[12]) if row[12] else None
    return Appointment(fields, S(str(row[10])), checked_in, number)


def _folded(text: str) -> str:
    """For matching typed searches: case and accents do not matter (in any script)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _status_after_import(current: S, cancelled: bool) -> S:
    """The office may cancel or restore a booking; what happened here is never undone."""
    if cancelled and current in (S.SCHEDULED, S.NO_SHOW):
        return S.CANCELLED
    if not cancelled and current is S.CANCELLED:
        return S.SCHEDULED
    return current


class AppointmentBook:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _conn(self) -> Connection:
        return self._session.vault.conn

    def today(self) -> date:
        return local_day(self._session.clock)

    # --- import ---------------------------------------------------------------------------

    def import_csv(self, data: bytes, *, day: date | None = None) -> ImportReport:
        """Import the rows of a CSV file for `day` (default today; a file for another day is
        refused unless that day is given). Bad rows are reported by number and skipped."""
        target = day or self.today()
        parsed = only_day(parse_csv(data, self.today()), target)
        return self._store(parsed, target, "csv")

    def import_wire(
        self, rows: Sequence[Mapping[str, str]], day: date, source: Source = "intake"
    ) -> ImportReport:
        """Store rows received as {column: text} (the intake's list for `day`), checked like a
        file's rows; problems are numbered by position in the list, from 1."""
        numbered: list[tuple[int, AppointmentFields]] = []
        problems: list[RowProblem] = []
        for index, cells in enumerate(rows, start=1):
            try:
                numbered.append((index, check_row(cells, self.today())))
            except RowInvalid as problem:
                problems.append(RowProblem(index, problem.column, problem.reason))
        parsed = ParsedFile(tuple(numbered), tuple(problems))
        if numbered:  # an empty list is an answer too: nobody booked for that day
            parsed = only_day(parsed, day)
        return self._store(parsed, day, source)

    def _store(self, parsed: ParsedFile, day: date, source: Source) -> ImportReport:
        now = self._session.clock().isoformat(timespec="seconds")
        created = updated = unchanged = 0
        with self._session.vault.transaction() as conn:
            for row in parsed.rows:
                existing = self._find(conn, row.code)
                if existing is None:
                    status = S.CANCELLED if row.cancelled else S.SCHEDULED
                    self._insert(conn, row, status, source, now)
                    created += 1
                    continue
                status = _status_after_import(existing.status, row.cancelled)
                if status is existing.status and self._values(row) == self._values(existing.fields):
                    unchanged += 1
                    continue
                self._update(conn, row, status, source, now)
                updated += 1
            audit.append(
                conn,
                at=self._session.clock(),
                actor=self._session.member.username,
                action=AuditAction.APPOINTMENTS_IMPORTED,
                details={
                    "date": day.isoformat(),
                    "source": source,
                    "created": created,
                    "updated": updated,
                    "unchanged": unchanged,
                    "problems": len(parsed.problems),
                },
            )
        return ImportReport(
            day,
            created,
            updated,
            unchanged,
            parsed.problems,
            parsed.warnings,
            parsed.ignored_columns,
        )

    @staticmethod
    def _values(row: AppointmentFields) -> tuple[object, ...]:
        return (
            row.day.isoformat(),
            row.time_slot,
            row.family_name,
            row.given_names,
            row.dob.isoformat() if row.dob else None,
            row.phone,
            row.email,
            row.language,
            row.application_type,
        )

    def _insert(
        self, conn: Connection, row: AppointmentFields, status: S, source: Source, now: str
    ) -> None:
        conn.execute(
            "INSERT INTO appointments (code, day, time_slot, family_name, given_names, dob,"
            " phone, email, language, application_type, status, source, imported_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.code, *self._values(row), status.value, source, now, now),
        )

    def _update(
        self, conn: Connection, row: AppointmentFields, status: S, source: Source, now: str
    ) -> None:
        conn.execute(
            "UPDATE appointments SET day = ?, time_slot = ?, family_name = ?, given_names = ?,"
            " dob = ?, phone = ?, email = ?, language = ?, application_type = ?, status = ?,"
            " source = ?, updated_at = ? WHERE code = ?",
            (*self._values(row), status.value, source, now, row.code),
        )

    # --- reading --------------------------------------------------------------------------

    @staticmethod
    def _find(conn: Connection, code: str) -> Appointment | None:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM appointments WHERE code = ?",  # noqa: S608
            (code.strip().upper(),),
        ).fetchone()
        return None if row is None else _from_row(row)

    def get(self, code: str) -> Appointment:
        found = self._find(self._conn, code)
        if found is None:
            raise AppointmentNotFound("There is no appointment with that confirmation code.")
        return found

    def day_view(self, day: date | None = None) -> DayView:
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM appointments WHERE day = ?"  # noqa: S608
            " ORDER BY time_slot, code",
            ((day or self.today()).isoformat(),),
        ).fetchall()
        return DayView(day or self.today(), tuple(_from_row(r) for r in rows))

    def search(self, query: str, day: date | None = None) -> tuple[Appointment, ...]:
        """The day's appointments whose confirmation code is `query`, or whose name contains
        every word of it (case, accents and name order do not matter)."""
        words = _folded(query).split()
        if not words:
            return ()
        appointments = self.day_view(day).appointments
        code = query.strip().upper()
        exact = tuple(a for a in appointments if a.code == code)
        if exact:
            return exact
        return tuple(
            a
            for a in appointments
            if all(w in _folded(f"{a.given_names} {a.family_name}") for w in words)
        )

    # --- changes --------------------------------------------------------------------------

    def _change(
        self,
        code: str,
        allowed: set[S],
        status: S,
        action: AuditAction,
        *,
        checked_in: bool = False,
        application_number: str | None = None,
    ) -> Appointment:
        with self._session.vault.transaction() as conn:
            current = self._find(conn, code)
            if current is None:
                raise AppointmentNotFound("There is no appointment with that confirmation code.")
            if current.status is status and application_number in (
                None,
                current.application_number,
            ):
                return current
            if current.status not in allowed:
                raise NotNow(
                    f"This appointment is {current.status.value.replace('_', ' ')}; "
                    f"it cannot be marked {status.value.replace('_', ' ')}."
                )
            now = self._session.clock()
            conn.execute(
                "UPDATE appointments SET status = ?, updated_at = ?,"
                " checked_in_at = coalesce(?, checked_in_at),"
                " application_number = coalesce(?, application_number) WHERE code = ?",
                (
                    status.value,
                    now.isoformat(timespec="seconds"),
                    now.isoformat(timespec="seconds") if checked_in else None,
                    application_number,
                    current.code,
                ),
            )
            audit.append(
                conn,
                at=now,
                actor=self._session.member.username,
                action=action,
                subject=application_number,
            )
            updated = self._find(conn, current.code)
        assert updated is not None
        return updated

    def check_in(self, code: str) -> Appointment:
        """The person is here; a no-show who turns up late can still be checked in."""
        return self._change(
            code,
            {S.SCHEDULED, S.NO_SHOW},
            S.CHECKED_IN,
            AuditAction.APPOINTMENT_CHECKED_IN,
            checked_in=True,
        )

    def mark_no_show(self, code: str) -> Appointment:
        return self._change(code, {S.SCHEDULED}, S.NO_SHOW, AuditAction.APPOINTMENT_NO_SHOW)

    def mark_enrolled(self, code: str, application_number: str) -> Appointment:
        """After submit: the application number is the only link kept to the sealed record."""
        if not _APPLICATION_NUMBER.fullmatch(application_number):
            raise InvalidInput("That is not an application number (KKK-RRRR-RRRC).")
        return self._change(
            code,
            {S.SCHEDULED, S.CHECKED_IN, S.NO_SHOW},
            S.ENROLLED,
            AuditAction.APPOINTMENT_ENROLLED,
            application_number=application_number,
        )


def purge_expired(session: Session) -> int:
    """Delete appointments and walk-in tickets more than the retention setting's days old.

    Call at every sign-in (the CLI commands do; the GUI calls it after its sign-in)."""
    with session.vault.transaction() as conn:
        days = load_settings(conn).appointment_retention_days
        cutoff = (local_day(session.clock) - timedelta(days=days)).isoformat()
        removed = conn.execute("DELETE FROM appointments WHERE day < ?", (cutoff,)).rowcount
        removed_tickets = conn.execute(
            "DELETE FROM walk_in_tickets WHERE day < ?", (cutoff,)
        ).rowcount
        if removed or removed_tickets:
            audit.append(
                conn,
                at=session.clock(),
                actor=SYSTEM_ACTOR,
                action=AuditAction.APPOINTMENTS_PURGED,
                details={"count": removed, "tickets": removed_tickets},
            )
    return int(removed)
