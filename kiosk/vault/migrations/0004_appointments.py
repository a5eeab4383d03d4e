"""Schema 4: the day's appointments and walk-in tickets, for check-in at a site with no network.

Both live here, inside SQLCipher, because they name people. Rows are deleted a few days after
their day (kiosk.appointments.retention), so the vault does not collect people who never came.
An enrolled appointment keeps only the application number as its link to the sealed record.
"""

from __future__ import annotations

from kiosk.vault.database import Connection


def upgrade(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE appointments (
            code TEXT PRIMARY KEY,
            day TEXT NOT NULL,
            time_slot TEXT NOT NULL,
            family_name TEXT NOT NULL,
            given_names TEXT NOT NULL,
            dob TEXT,
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT '',
            application_type TEXT
                CHECK (application_type IN ('new', 'renewal', 'replacement', 'update')),
            status TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'checked_in', 'enrolled', 'no_show', 'cancelled')),
            checked_in_at TEXT,
            application_number TEXT,
            source TEXT NOT NULL CHECK (source IN ('csv', 'intake')),
            imported_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX appointments_by_day ON appointments (day, time_slot, code)")
    conn.execute(
        """CREATE TABLE walk_in_tickets (
            day TEXT NOT NULL,
            number INTEGER NOT NULL CHECK (number > 0),
            state TEXT NOT NULL DEFAULT 'waiting'
                CHECK (state IN ('waiting', 'called', 'served', 'left')),
            call_name TEXT,
            taken_at TEXT NOT NULL,
            called_at TEXT,
            finished_at TEXT,
            PRIMARY KEY (day, number)
        )"""
    )
