"""The outbox's vocabulary: what waits, what the intake said, and what a store must provide.

States (DESIGN.md, "A record's life"): sealed -> delivered (receipt verified, envelope purged,
tombstone kept); sealed -> needs_attention (the intake said rejected or resend; a supervisor
decides). The uploader only ever moves a record out of `sealed` on a verified receipt or an explicit
verdict; a lost response, a crash or a timeout leaves it sealed, and a re-send is idempotent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from kiosk.sealing import Envelope, Receipt


class RecordState(StrEnum):
    SEALED = "sealed"
    DELIVERED = "delivered"
    NEEDS_ATTENTION = "needs_attention"


@dataclass(frozen=True)
class PendingEnvelope:
    """A sealed record waiting for its receipt: the id and the canonical wire bytes."""

    record_id: str
    envelope: bytes
    digest: str

    @classmethod
    def of(cls, envelope: Envelope) -> PendingEnvelope:
        return cls(envelope.record_id, envelope.to_bytes(), envelope.digest)


@dataclass(frozen=True)
class Delivered:
    record_id: str
    receipt: Receipt


@dataclass(frozen=True)
class Verdict:
    """The intake refused one record: `status` is "rejected" or "resend", `reason` a stable code."""

    record_id: str
    status: str
    reason: str


@dataclass(frozen=True)
class SyncResult:
    uploaded: int
    failed: int
    pending: int
    error: str | None = None  # the error code that ended the round early, if any

    def to_json(self) -> dict[str, int]:
        """The `kiosk sync --once --json` contract."""
        return {"uploaded": self.uploaded, "failed": self.failed, "pending": self.pending}


class OutboxStore(Protocol):
    """What the uploader needs from storage (the vault-backed outbox, or a fake).

    Called from the uploader's thread. Every method is durable before it returns, and
    `mark_delivered`/`mark_needs_attention` are idempotent and ignore records not in `sealed`.
    """

    def pending(self, limit: int) -> Sequence[PendingEnvelope]:
        """Up to `limit` records in state `sealed`, oldest first."""

    def mark_delivered(self, record_id: str, receipt: Receipt) -> None:
        """The receipt is verified: delete the envelope, keep a tombstone with the receipt."""

    def mark_needs_attention(self, record_id: str, verdict: Verdict) -> None:
        """Keep the envelope, stop sending it, and show it to a supervisor."""

    def count_pending(self) -> int: ...
