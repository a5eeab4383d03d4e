"""The intake store on PostgreSQL (psycopg 3), for a program office that runs one already."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg

from kiosk.intake.store import SCHEMA, KioskEntry, NewEnvelope, StoredRecord, StoreError


class PostgresStore:
    """Same contract as SqliteStore; one connection guarded by a lock (the intake is small)."""

    def __init__(self, url: str) -> None:
        self._lock = threading.Lock()
        try:
            self._db = psycopg.connect(url, autocommit=False, connect_timeout=10)
            with self._db.transaction():
                for statement in SCHEMA:
                    self._db.execute(statement.format(blob="BYTEA"))
        except psycopg.Error as error:
            # The URL may hold a password: name the failure, never the URL.
            raise StoreError(f"cannot open the PostgreSQL store: {type(error).__name__}") from error

    def register_kiosk(self, entry: KioskEntry) -> KioskEntry:
        with self._lock, self._db.transaction():
            self._db.execute(
                "INSERT INTO kiosks VALUES (%s, %s, %s, %s) ON CONFLICT (kiosk_id) DO NOTHING",
                (entry.kiosk_id, entry.verify_key, entry.label, entry.registered_at),
            )
        stored = self.kiosk(entry.kiosk_id)
        assert stored is not None
        return stored

    def kiosk(self, kiosk_id: str) -> KioskEntry | None:
        with self._lock, self._db.transaction():
            row = self._db.execute(
                "SELECT kiosk_id, verify_key, label, registered_at FROM kiosks WHERE kiosk_id = %s",
                (kiosk_id,),
            ).fetchone()
        return None if row is None else KioskEntry(row[0], bytes(row[1]), row[2], row[3])

    def put_envelopes(self, items: Sequence[NewEnvelope]) -> list[StoredRecord]:
        results = []
        with self._lock, self._db.transaction():
            for item in items:
                created = self._db.execute(
                    "INSERT INTO envelopes VALUES (%s, %s, %s, %s, %s, %s)"
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
                    "SELECT kiosk_id, digest, received_at FROM envelopes WHERE record_id = %s",
                    (item.record_id,),
                ).fetchone()
                assert row is not None
                results.append(
                    StoredRecord(item.record_id, row[0], row[1], row[2], created=created == 1)
                )
        return results

    def envelopes(self) -> Iterator[tuple[bytes, str]]:
        with self._lock, self._db.transaction():
            rows = self._db.execute(
                "SELECT envelope, received_at FROM envelopes ORDER BY received_at, record_id"
            ).fetchall()
        for envelope, received_at in rows:
            yield bytes(envelope), received_at

    def stats(self) -> dict[str, Any]:
        with self._lock, self._db.transaction():
            row = self._db.execute("SELECT count(*), max(received_at) FROM envelopes").fetchone()
            kiosks = self._db.execute("SELECT count(*) FROM kiosks").fetchone()
        assert row is not None and kiosks is not None
        return {"records": row[0], "kiosks": kiosks[0], "last_received_at": row[1]}

    def put_appointment_list(self, site: str, day: str, sealed: bytes, updated_at: str) -> None:
        with self._lock, self._db.transaction():
            self._db.execute(
                "INSERT INTO appointment_lists VALUES (%s, %s, %s, %s) ON CONFLICT (site, day)"
                " DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at",
                (site, day, sealed, updated_at),
            )

    def appointment_list(self, site: str, day: str) -> bytes | None:
        with self._lock, self._db.transaction():
            row = self._db.execute(
                "SELECT sealed FROM appointment_lists WHERE site = %s AND day = %s", (site, day)
            ).fetchone()
        return None if row is None else bytes(row[0])

    def purge_appointment_lists(self, before_day: str) -> int:
        with self._lock, self._db.transaction():
            return int(
                self._db.execute(
                    "DELETE FROM appointment_lists WHERE day < %s", (before_day,)
                ).rowcount
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
