"""A durable outbox store on plain SQLite, for the kill-during-sync test until the vault's exists.

It holds only sealed envelopes and receipts (no applicant data), so plain SQLite is acceptable in a
test; the product's outbox lives in the SQLCipher vault.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk.outbox.model import PendingEnvelope, Verdict
from kiosk.sealing import Envelope, Receipt


class SqliteOutboxStore:
    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, record_id TEXT UNIQUE,"
            " state TEXT, envelope BLOB, digest TEXT, receipt TEXT, verdict TEXT)"
        )

    def add(self, envelope: Envelope) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO outbox (record_id, state, envelope, digest)"
                " VALUES (?, 'sealed', ?, ?)",
                (envelope.record_id, envelope.to_bytes(), envelope.digest),
            )

    def pending(self, limit: int) -> Sequence[PendingEnvelope]:
        with self._lock:
            rows = self._db.execute(
                "SELECT record_id, envelope, digest FROM outbox WHERE state = 'sealed'"
                " ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [PendingEnvelope(r, bytes(e), d) for r, e, d in rows]

    def mark_delivered(self, record_id: str, receipt: Receipt) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE outbox SET state = 'delivered', envelope = NULL, receipt = ?"
                " WHERE record_id = ? AND state = 'sealed'",
                (json.dumps(receipt.to_dict()), record_id),
            )

    def mark_needs_attention(self, record_id: str, verdict: Verdict) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE outbox SET state = 'needs_attention', verdict = ?"
                " WHERE record_id = ? AND state = 'sealed'",
                (f"{verdict.status}:{verdict.reason}", record_id),
            )

    def count_pending(self) -> int:
        return self.counts().get("sealed", 0)

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
        return dict(rows)

    def close(self) -> None:
        with self._lock:
            self._db.close()
