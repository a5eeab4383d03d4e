"""Where the intake keeps registered kiosks and envelopes: one interface, SQLite or PostgreSQL.

Idempotence lives in the database: the record id is the primary key and inserts never overwrite,
so a duplicate delivery, a retry after a lost response or a re-imported bundle stores nothing new.
The intake holds only sealed envelopes; it has no key that opens them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.errors import KioskError


class StoreError(KioskError):
    code = "intake.store_error"


@dataclass(frozen=True)
class NewEnvelope:
    record_id: str
    kiosk_id: str
    digest: str
    envelope: bytes  # canonical wire bytes
    received_at: str
    source: str  # "upload" or "import"


@dataclass(frozen=True)
class StoredRecord:
    record_id: str
    kiosk_id: str
    digest: str
    received_at: str
    created: bool  # False when the record id was already stored


@dataclass(frozen=True)
class KioskEntry:
    kiosk_id: str
    verify_key: bytes
    label: str
    registered_at: str


class IntakeStore(Protocol):
    def register_kiosk(self, entry: KioskEntry) -> KioskEntry:
        """Store the kiosk unless its id is known; returns what is stored."""

    def kiosk(self, kiosk_id: str) -> KioskEntry | None: ...

    def put_envelopes(self, items: Sequence[NewEnvelope]) -> list[StoredRecord]:
        """Insert-if-absent in one transaction, durable before it returns; one result per item."""

    def envelopes(self) -> Iterator[tuple[bytes, str]]:
        """Every stored envelope with its received_at, for the back office."""

    def stats(self) -> dict[str, Any]: ...

    def put_appointment_list(self, site: str, day: str, sealed: bytes, updated_at: str) -> None:
        """Replace the (encrypted) appointment list of a site and day."""

    def appointment_list(self, site: str, day: str) -> bytes | None: ...

    def purge_appointment_lists(self, before_day: str) -> int:
        """Delete the lists for days before `before_day`; returns how many."""

    def close(self) -> None: ...


SCHEMA = (
    """CREATE TABLE IF NOT EXISTS kiosks (
        kiosk_id TEXT PRIMARY KEY,
        verify_key {blob} NOT NULL,
        label TEXT NOT NULL,
        registered_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS envelopes (
        record_id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        digest TEXT NOT NULL,
        envelope {blob} NOT NULL,
        received_at TEXT NOT NULL,
        source TEXT NOT NULL)""",
    # Appointment lists, encrypted at rest (kiosk/intake/appointments.py).
    """CREATE TABLE IF NOT EXISTS appointment_lists (
        site TEXT NOT NULL,
        day TEXT NOT NULL,
        sealed {blob} NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (site, day))""",
)


class SqliteStore:
    """The default store: stdlib sqlite3 in WAL mode, synchronous=FULL (a receipt means on disk)."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            for statement in SCHEMA:
                self._db.execute(statement.format(blob="BLOB"))
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the intake store {path.name}: {error}") from error

    def register_kiosk(self, entry: KioskEntry) -> KioskEntry:
        with self._lock:
            self._db.execute(
                "INSERT INTO kiosks VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id) DO NOTHING",
                (entry.kiosk_id, entry.verify_key, entry.label, entry.registered_at),
            )
        stored = self.kiosk(entry.kiosk_id)
        assert stored is not None
        return stored

    def kiosk(self, kiosk_id: str) -> KioskEntry | None:
        with self._lock:
            row = self._db.execute(
                "SELECT kiosk_id, verify_key, label, registered_at FROM kiosks WHERE kiosk_id = ?",
                (kiosk_id,),
            ).fetchone()
        return None if row is None else KioskEntry(row[0], bytes(row[1]), row[2], row[3])

    def put_envelopes(self, items: Sequence[NewEnvelope]) -> list[StoredRecord]:
        results = []
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for item in items:
                    created = self._db.execute(
                        "INSERT INTO envelopes VALUES (?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (record_id) DO NOTHING",
                        (
                            item.record_id,
                            item.kiosk_id,
                            item.digest,
                            item.envelope,
                            item.received_at,
                            item.source,
                        ),
                    ).rowcount
                    row = self._db.execute(
                        "SELECT kiosk_id, digest, received_at FROM envelopes WHERE record_id = ?",
                        (item.record_id,),
                    ).fetchone()
                    results.append(
                        StoredRecord(item.record_id, row[0], row[1], row[2], created=created == 1)
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return results

    def envelopes(self) -> Iterator[tuple[bytes, str]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT envelope, received_at FROM envelopes ORDER BY received_at, record_id"
            ).fetchall()
        for envelope, received_at in rows:
            yield bytes(envelope), received_at

    def stats(self) -> dict[str, Any]:
        with self._lock:
            records, last = self._db.execute(
                "SELECT count(*), max(received_at) FROM envelopes"
            ).fetchone()
            kiosks = self._db.execute("SELECT count(*) FROM kiosks").fetchone()[0]
        return {"records": records, "kiosks": kiosks, "last_received_at": last}

    def put_appointment_list(self, site: str, day: str, sealed: bytes, updated_at: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO appointment_lists VALUES (?, ?, ?, ?) ON CONFLICT (site, day)"
                " DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
                (site, day, sealed, updated_at),
            )

    def appointment_list(self, site: str, day: str) -> bytes | None:
        with self._lock:
            row = self._db.execute(
                "SELECT sealed FROM appointment_lists WHERE site = ? AND day = ?", (site, day)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def purge_appointment_lists(self, before_day: str) -> int:
        with self._lock:
            return self._db.execute(
                "DELETE FROM appointment_lists WHERE day < ?", (before_day,)
            ).rowcount

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_store(data_dir: Path, url: str | None) -> IntakeStore:
    """SQLite in the data dir by default; PostgreSQL when given a postgresql:// URL."""
    if url is None:
        return SqliteStore(data_dir / "intake.sqlite3")
    if url.startswith(("postgresql://", "postgres://")):
        from kiosk.intake.pgstore import PostgresStore  # noqa: PLC0415 (psycopg only if asked)

        return PostgresStore(url)
    raise StoreError("--store must be a postgresql:// URL (SQLite is the default)")
