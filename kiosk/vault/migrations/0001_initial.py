"""Schema 1: vault metadata, staff, the key-slot mirror, settings, the audit chain and drafts."""

from __future__ import annotations

from kiosk.vault.database import Connection


def upgrade(conn: Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('enroller', 'supervisor', 'admin')),
            active INTEGER NOT NULL DEFAULT 1,
            must_change_password INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        )"""
    )
    # A copy of every slot file, so a damaged or deleted file can be rewritten after another
    # staff member unlocks (see docs/operations.md).
    conn.execute("CREATE TABLE key_slot_mirror (tag TEXT PRIMARY KEY, slot BLOB NOT NULL)")
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT,
            details TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE drafts (
            id TEXT PRIMARY KEY,
            created_by INTEGER NOT NULL REFERENCES staff(id),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            payload BLOB NOT NULL
        )"""
    )
