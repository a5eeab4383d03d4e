"""Schema 2: submitted records (the outbox), one row per application, sealed envelope inside."""

from __future__ import annotations

from kiosk.vault.database import Connection


def upgrade(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE submissions (
            record_id TEXT PRIMARY KEY,
            application_number TEXT NOT NULL UNIQUE,
            state TEXT NOT NULL
                CHECK (state IN ('sealed', 'delivered', 'needs_attention')),
            submitted_by INTEGER NOT NULL REFERENCES staff(id),
            submitted_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            exported_at TEXT,
            envelope BLOB,
            receipt BLOB
        )"""
    )
    conn.execute("CREATE INDEX submissions_by_state ON submissions (state, submitted_at)")
