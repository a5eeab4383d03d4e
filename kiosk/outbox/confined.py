"""An OutboxStore whose calls run on the thread that owns the vault, for the background uploader.

SQLCipher connections belong to the thread that opened them. The uploader runs on its own thread,
so the GUI hands it this wrapper: each call is submitted to the vault thread (e.g. the GUI's
VaultWorker.submit, or any Executor.submit) and the uploader waits for the result there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Any, TypeVar

from kiosk.outbox.model import OutboxStore, PendingEnvelope, Verdict
from kiosk.sealing import Receipt

T = TypeVar("T")
Submit = Callable[[Callable[[], Any]], "Future[Any]"]


class OwnerThreadOutboxStore:
    def __init__(self, inner: OutboxStore, submit: Submit, *, timeout: float = 60.0) -> None:
        self._inner = inner
        self._submit = submit
        self._timeout = timeout

    def _call(self, job: Callable[[], T]) -> T:
        result: T = self._submit(job).result(self._timeout)
        return result

    def pending(self, limit: int) -> Sequence[PendingEnvelope]:
        return self._call(lambda: self._inner.pending(limit))

    def mark_delivered(self, record_id: str, receipt: Receipt) -> None:
        self._call(lambda: self._inner.mark_delivered(record_id, receipt))

    def mark_needs_attention(self, record_id: str, verdict: Verdict) -> None:
        self._call(lambda: self._inner.mark_needs_attention(record_id, verdict))

    def count_pending(self) -> int:
        return self._call(self._inner.count_pending)
