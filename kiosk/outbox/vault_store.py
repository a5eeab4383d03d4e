"""The outbox in the vault: the `submissions` table (schema 2) as the uploader's OutboxStore.

Every transition commits before it returns (WAL, synchronous=FULL), and only leaves `sealed`:
delivered on a verified receipt (envelope deleted, receipt kept as the tombstone's proof), or
needs_attention on an intake verdict. Not thread-safe, like the vault connection it wraps: call it
from the thread that owns the vault.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import datetime

import nacl.signing

from kiosk.clock import Clock, utc_now
from kiosk.outbox.model import PendingEnvelope, RecordState, Verdict
from kiosk.sealing import Envelope, Receipt, SealingError, canonical_json, verify_receipt
from kiosk.vault.database import Connection, transaction


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def insert_sealed(
    conn: Connection,
    envelope: Envelope,
    *,
    application_number: str,
    submitted_by: int,
    at: datetime,
) -> None:
    """Queue a freshly sealed record, inside the submit transaction (with its audit entry)."""
    conn.execute(
        "INSERT INTO submissions (record_id, application_number, state, submitted_by,"
        " submitted_at, updated_at, envelope) VALUES (?, ?, 'sealed', ?, ?, ?, ?)",
        (
            envelope.record_id,
            application_number,
            submitted_by,
            _stamp(at),
            _stamp(at),
            envelope.to_bytes(),
        ),
    )


class VaultOutboxStore:
    def __init__(self, conn: Connection, *, clock: Clock = utc_now) -> None:
        self._conn = conn
        self._clock = clock

    # --- OutboxStore -----------------------------------------------------------------------------

    def pending(self, limit: int) -> Sequence[PendingEnvelope]:
        rows = self._conn.execute(
            "SELECT record_id, envelope FROM submissions WHERE state = 'sealed'"
            " ORDER BY submitted_at, record_id LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            PendingEnvelope(record_id, bytes(wire), hashlib.sha256(bytes(wire)).hexdigest())
            for record_id, wire in rows
        ]

    def mark_delivered(self, record_id: str, receipt: Receipt) -> None:
        with transaction(self._conn) as conn:
            conn.execute(
                "UPDATE submissions SET state = 'delivered', envelope = NULL, receipt = ?,"
                " updated_at = ?, last_error = NULL WHERE record_id = ? AND state = 'sealed'",
                (canonical_json(receipt.to_dict()), _stamp(self._clock()), record_id),
            )

    def mark_needs_attention(self, record_id: str, verdict: Verdict) -> None:
        with transaction(self._conn) as conn:
            conn.execute(
                "UPDATE submissions SET state = 'needs_attention', last_error = ?,"
                " attempts = attempts + 1, updated_at = ?"
                " WHERE record_id = ? AND state = 'sealed'",
                (f"{verdict.status}:{verdict.reason}", _stamp(self._clock()), record_id),
            )

    def count_pending(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM submissions WHERE state = 'sealed'")
        return int(row.fetchone()[0])

    # --- supervisor, export, receipts carried back -----------------------------------------------

    def counts(self) -> dict[str, int]:
        rows = dict(
            self._conn.execute("SELECT state, count(*) FROM submissions GROUP BY state").fetchall()
        )
        counts = {state.value: int(rows.get(state.value, 0)) for state in RecordState}
        exported = self._conn.execute(
            "SELECT count(*) FROM submissions WHERE state = 'sealed' AND exported_at IS NOT NULL"
        ).fetchone()[0]
        return {**counts, "exported_awaiting_receipt": int(exported)}

    def requeue(self, record_id: str) -> bool:
        """A supervisor sends a needs-attention record again; True if it was waiting for that."""
        with transaction(self._conn) as conn:
            changed = conn.execute(
                "UPDATE submissions SET state = 'sealed', updated_at = ?"
                " WHERE record_id = ? AND state = 'needs_attention'",
                (_stamp(self._clock()), record_id),
            ).rowcount
        return bool(changed == 1)

    def sealed_envelopes(self) -> list[Envelope]:
        rows = self._conn.execute(
            "SELECT envelope FROM submissions WHERE state = 'sealed' ORDER BY submitted_at"
        ).fetchall()
        return [Envelope.from_bytes(bytes(row[0])) for row in rows]

    def mark_exported(self, conn: Connection, record_ids: Iterable[str]) -> None:
        """Inside the caller's transaction: exporting keeps records sealed until receipts arrive."""
        stamp = _stamp(self._clock())
        for record_id in record_ids:
            conn.execute(
                "UPDATE submissions SET exported_at = ? WHERE record_id = ?", (stamp, record_id)
            )

    def apply_receipts(
        self, receipts: Iterable[Receipt], server_verify_key: nacl.signing.VerifyKey
    ) -> tuple[int, int]:
        """Receipts carried back on media: purge what each verified receipt covers.

        Returns (applied, ignored); a receipt that does not verify against the envelope we hold
        (or names a record we no longer hold sealed) is ignored and purges nothing.
        """
        applied = ignored = 0
        for receipt in receipts:
            row = self._conn.execute(
                "SELECT envelope FROM submissions WHERE record_id = ? AND state = 'sealed'",
                (receipt.record_id,),
            ).fetchone()
            if row is None or row[0] is None:
                ignored += 1
                continue
            digest = hashlib.sha256(bytes(row[0])).hexdigest()
            try:
                verify_receipt(receipt, server_verify_key, receipt.record_id, digest)
            except SealingError:
                ignored += 1
                continue
            self.mark_delivered(receipt.record_id, receipt)
            applied += 1
        return applied, ignored
