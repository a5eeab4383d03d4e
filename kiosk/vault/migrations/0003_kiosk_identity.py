"""Schema 3: the kiosk's identity for delivery (its signing key, the program and intake keys).

One row. The kiosk's Ed25519 signing key lives only here, inside SQLCipher. The enrolment token
is kept only until the intake has registered the kiosk's key, then erased.
"""

from __future__ import annotations

from kiosk.vault.database import Connection


def upgrade(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE kiosk_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            kiosk_id TEXT NOT NULL,
            signing_key BLOB NOT NULL,
            label TEXT NOT NULL,
            intake_id TEXT NOT NULL,
            server_verify_key BLOB NOT NULL,
            program_key_id TEXT NOT NULL,
            program_public_key BLOB NOT NULL,
            intake_url TEXT NOT NULL,
            enrolment_token TEXT,
            provisioned_at TEXT NOT NULL,
            registered_at TEXT
        )"""
    )
