"""The walk-in queue: short ticket numbers per day ("W-017"), called in order, served or left.

A ticket holds no name. Where the site allows it (setting `walk_in_call_names`, off by default)
staff may add a first name for calling the person out; it is deleted with the ticket.
Numbers start at 1 each day and are taken inside one IMMEDIATE transaction, so two takers (two
threads each with a connection, or a retry) can never get the same number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kiosk.appointments.book import local_day
from kiosk.appointments.errors import NamesOff, NotNow, TicketNotFound
from kiosk.appointments.rows import clean
from kiosk.errors import InvalidInput
from kiosk.settings_store import load_settings
from kiosk.staff import Session
from kiosk.vault.database import Connection, transaction

PREFIX = "W-"
MAX_CALL_NAME = 30
_LABEL = re.compile(r"\s*(?:W\s*-?\s*)?0*(\d{1,6})\s*", re.IGNORECASE)
_COLUMNS = "day, number, state, call_name, taken_at, called_at, finished_at"


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    SERVED = "served"
    LEFT = "left"


@dataclass(frozen=True)
class Ticket:
    day: date
    number: int
    state: TicketState
    taken_at: datetime
    call_name: str | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None

    def __repr__(self) -> str:
        return f"Ticket({self.label}, {self.state.value})"

    @property
    def label(self) -> str:
        """Short and easy to say: W-001 ... W-999, then W-1000."""
        return f"{PREFIX}{self.number:03d}"


def ticket_number(label: str) -> int:
    """`W-017`, `w17`, `17` -> 17."""
    match = _LABEL.fullmatch(label)
    if not match or int(match.group(1)) == 0:
        raise InvalidInput("That is not a ticket number (like W-017).")
    return int(match.group(1))


def _stamp(value: object) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _ticket(row: Sequence[object]) -> Ticket:
    taken = _stamp(row[4])
    assert taken is not None
    return Ticket(
        day=date.fromisoformat(str(row[0])),
        number=int(str(row[1])),
        state=TicketState(str(row[2])),
        taken_at=taken,
        call_name=str(row[3]) if row[3] else None,
        called_at=_stamp(row[5]),
        finished_at=_stamp(row[6]),
    )


def allocate(conn: Connection, day: date, taken_at: datetime, call_name: str | None) -> Ticket:
    """Take the next number for `day` in its own transaction on `conn`."""
    with transaction(conn):
        row = conn.execute(
            "INSERT INTO walk_in_tickets (day, number, call_name, taken_at)"  # noqa: S608
            " SELECT ?, coalesce(max(number), 0) + 1, ?, ? FROM walk_in_tickets WHERE day = ?"
            f" RETURNING {_COLUMNS}",
            (day.isoformat(), call_name, taken_at.isoformat(timespec="seconds"), day.isoformat()),
        ).fetchone()
    return _ticket(row)


class WalkInQueue:
    """Today's walk-in tickets. Call on the thread that owns the vault."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def names_allowed(self) -> bool:
        return load_settings(self._session.vault.conn).walk_in_call_names

    def _call_name(self, name: str | None) -> str | None:
        text = clean(name or "")
        if not text:
            return None
        if not self.names_allowed:
            raise NamesOff("This site keeps walk-in tickets anonymous (numbers only).")
        if len(text) > MAX_CALL_NAME or " " in text:
            raise InvalidInput(f"A first name only, up to {MAX_CALL_NAME} characters.")
        return text

    def take_ticket(self, call_name: str | None = None) -> Ticket:
        """The next number for today; `call_name` only where the site allows names."""
        name = self._call_name(call_name)
        now = self._session.clock()
        return allocate(self._session.vault.conn, local_day(self._session.clock), now, name)

    def tickets(self, day: date | None = None) -> tuple[Ticket, ...]:
        rows = self._session.vault.conn.execute(
            f"SELECT {_COLUMNS} FROM walk_in_tickets WHERE day = ? ORDER BY number",  # noqa: S608
            ((day or local_day(self._session.clock)).isoformat(),),
        ).fetchall()
        return tuple(_ticket(r) for r in rows)

    def queue(self) -> tuple[Ticket, ...]:
        """Still to be served today, in order: called tickets first, then those waiting."""
        open_ = [t for t in self.tickets() if t.state in (TicketState.WAITING, TicketState.CALLED)]
        return tuple(sorted(open_, key=lambda t: (t.state is TicketState.WAITING, t.number)))

    def get(self, label: str) -> Ticket:
        row = self._session.vault.conn.execute(
            f"SELECT {_COLUMNS} FROM walk_in_tickets WHERE day = ? AND number = ?",  # noqa: S608
            (local_day(self._session.clock).isoformat(), ticket_number(label)),
        ).fetchone()
        if row is None:
            raise TicketNotFound("There is no such ticket today.")
        return _ticket(row)

    def call_next(self) -> Ticket | None:
        """Call the lowest waiting number; None when nobody is waiting."""
        waiting = [t for t in self.tickets() if t.state is TicketState.WAITING]
        return (
            self._move(waiting[0], {TicketState.WAITING}, TicketState.CALLED) if waiting else None
        )

    def call(self, label: str) -> Ticket:
        """Call a given ticket (again): someone who stepped out, or out of order."""
        ticket = self.get(label)
        return self._move(ticket, {TicketState.WAITING, TicketState.CALLED}, TicketState.CALLED)

    def mark_served(self, label: str) -> Ticket:
        ticket = self.get(label)
        return self._move(ticket, {TicketState.WAITING, TicketState.CALLED}, TicketState.SERVED)

    def mark_left(self, label: str) -> Ticket:
        ticket = self.get(label)
        return self._move(ticket, {TicketState.WAITING, TicketState.CALLED}, TicketState.LEFT)

    def _move(self, ticket: Ticket, allowed: set[TicketState], state: TicketState) -> Ticket:
        if ticket.state not in allowed:
            raise NotNow(f"Ticket {ticket.label} is already {ticket.state.value}.")
        now = self._session.clock().isoformat(timespec="seconds")
        column = "called_at" if state is TicketState.CALLED else "finished_at"
        with self._session.vault.transaction() as conn:
            row = conn.execute(
                f"UPDATE walk_in_tickets SET state = ?, {column} = ?"  # noqa: S608
                f" WHERE day = ? AND number = ? RETURNING {_COLUMNS}",
                (state.value, now, ticket.day.isoformat(), ticket.number),
            ).fetchone()
        return _ticket(row)
