"""An in-memory outbox store: for tests and `--demo` only (it forgets everything on exit).

It holds sealed envelopes, never applicant data, and mirrors the contract the vault-backed store
must keep: transitions only out of `sealed`, idempotent marks, the envelope dropped on delivery.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.outbox.model import PendingEnvelope, RecordState, Verdict
from kiosk.sealing import Envelope, Receipt


@dataclass
class _Entry:
    pending: PendingEnvelope | None
    state: RecordState
    receipt: Receipt | None = None
    verdict: Verdict | None = None


class InMemoryOutboxStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, _Entry] = {}  # insertion order = oldest first

    def add(self, envelope: Envelope) -> None:
        with self._lock:
            if envelope.record_id in self._entries:
                raise ValueError("record id already in the outbox")
            self._entries[envelope.record_id] = _Entry(
                PendingEnvelope.of(envelope), RecordState.SEALED
            )

    def pending(self, limit: int) -> Sequence[PendingEnvelope]:
        with self._lock:
            sealed = (e.pending for e in self._entries.values() if e.state is RecordState.SEALED)
            return [p for p, _ in zip(sealed, range(limit), strict=False) if p is not None]

    def mark_delivered(self, record_id: str, receipt: Receipt) -> None:
        with self._lock:
            entry = self._entries.get(record_id)
            if entry is not None and entry.state is RecordState.SEALED:
                entry.state, entry.receipt, entry.pending = RecordState.DELIVERED, receipt, None

    def mark_needs_attention(self, record_id: str, verdict: Verdict) -> None:
        with self._lock:
            entry = self._entries.get(record_id)
            if entry is not None and entry.state is RecordState.SEALED:
                entry.state, entry.verdict = RecordState.NEEDS_ATTENTION, verdict

    def requeue(self, record_id: str) -> None:
        """A supervisor's decision: send a needs-attention record again."""
        with self._lock:
            entry = self._entries[record_id]
            if entry.state is RecordState.NEEDS_ATTENTION:
                entry.state, entry.verdict = RecordState.SEALED, None

    def count_pending(self) -> int:
        with self._lock:
            return sum(e.state is RecordState.SEALED for e in self._entries.values())

    def counts(self) -> dict[str, int]:
        with self._lock:
            states = [e.state for e in self._entries.values()]
        return {state.value: states.count(state) for state in RecordState}

    def state(self, record_id: str) -> RecordState:
        with self._lock:
            return self._entries[record_id].state

    def verdict(self, record_id: str) -> Verdict | None:
        with self._lock:
            return self._entries[record_id].verdict

    def holds_envelope(self, record_id: str) -> bool:
        with self._lock:
            return self._entries[record_id].pending is not None
