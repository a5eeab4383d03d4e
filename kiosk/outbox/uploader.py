"""The background uploader: check for a real connection, send batches, back off, stop cleanly.

`sync_once` runs one round on the caller's thread (for `kiosk sync --once`); `start()` runs rounds
on an owned thread until `stop()`. A round ends early on any transport or intake failure and the
thread then waits an exponentially growing, jittered delay (so a van full of kiosks does not retry
in lockstep when the network comes back). Crash safety comes from the store: nothing leaves
`sealed` without a verified receipt or an explicit verdict, so a restart simply sends again.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.errors import KioskError
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.model import Delivered, OutboxStore, SyncResult, Verdict

log = logging.getLogger("kiosk.outbox")


@dataclass(frozen=True)
class RecordDelivered:
    record_id: str


@dataclass(frozen=True)
class RecordNeedsAttention:
    """Goes to a supervisor: the intake rejected the record or asked for it to be resent."""

    verdict: Verdict


@dataclass(frozen=True)
class SyncFinished:
    result: SyncResult


UploaderEvent = RecordDelivered | RecordNeedsAttention | SyncFinished


class Backoff:
    """Exponential backoff with "equal jitter": half the step is fixed, half is random."""

    def __init__(
        self, *, base: float = 2.0, cap: float = 300.0, rng: random.Random | None = None
    ) -> None:
        self.base = base
        self.cap = cap
        self._rng = rng or random.Random()  # noqa: S311 (jitter, not secrecy)
        self.attempt = 0

    def next_delay(self) -> float:
        step = min(self.cap, self.base * 2.0**self.attempt)
        self.attempt = min(self.attempt + 1, 32)
        return step / 2 + self._rng.uniform(0, step / 2)

    def reset(self) -> None:
        self.attempt = 0


class Uploader:
    def __init__(
        self,
        store: OutboxStore,
        client: IntakeClient,
        *,
        batch_size: int = 50,
        backoff: Backoff | None = None,
        idle_interval: float = 60.0,
        on_event: Callable[[UploaderEvent], None] | None = None,
        before_round: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._client = client
        self._batch_size = batch_size
        self.backoff = backoff or Backoff()
        self._idle_interval = idle_interval
        self._on_event = on_event or (lambda event: None)
        # Runs first in every round (e.g. registering the kiosk); its KioskError ends the round.
        self._before_round = before_round or (lambda: None)
        self._stopping = threading.Event()
        self._wakeup = threading.Event()
        self._thread: threading.Thread | None = None

    # --- one round -------------------------------------------------------------------------------

    def sync_once(self) -> SyncResult:
        """Upload everything pending now; never raises for network or intake trouble."""
        uploaded = failed = 0
        error: str | None = None
        unanswered: set[str] = set()
        try:
            self._client.check()
            self._before_round()
            while not self._stopping.is_set():
                # Records the intake left unanswered stay sealed; skip them for this round.
                candidates = self._store.pending(self._batch_size + len(unanswered))
                batch = [p for p in candidates if p.record_id not in unanswered]
                batch = batch[: self._batch_size]
                if not batch:
                    break
                answered = set()
                for outcome in self._client.upload(batch):
                    answered.add(outcome.record_id)
                    if isinstance(outcome, Delivered):
                        self._store.mark_delivered(outcome.record_id, outcome.receipt)
                        uploaded += 1
                        self._on_event(RecordDelivered(outcome.record_id))
                    else:
                        self._store.mark_needs_attention(outcome.record_id, outcome)
                        failed += 1
                        log.warning("intake verdict %s (%s)", outcome.status, outcome.reason)
                        self._on_event(RecordNeedsAttention(outcome))
                unanswered |= {p.record_id for p in batch} - answered
        except KioskError as problem:
            error = problem.code
            log.info("sync round ended: %s", problem.code)
        result = SyncResult(uploaded, failed, self._store.count_pending(), error)
        self._on_event(SyncFinished(result))
        return result

    # --- background thread -----------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the uploader was already started")
        self._thread = threading.Thread(target=self._run, name="outbox-uploader", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Try now (a record was sealed, or the network came up) instead of at the next tick."""
        self._wakeup.set()

    def stop(self) -> None:
        """Finish the current request (bounded by the client timeout), then end the thread."""
        self._stopping.set()
        self._wakeup.set()

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()  # a wake() during the round below triggers another round
            try:
                result = self.sync_once()
            except Exception:
                # A bug (not the network): keep the thread alive, retry after a backoff step.
                log.exception("uploader round failed unexpectedly")
                result = SyncResult(0, 0, 0, "outbox.bug")
            if result.error is not None or (result.pending > 0 and result.uploaded == 0):
                delay = self.backoff.next_delay()
            else:
                self.backoff.reset()
                delay = self._idle_interval
            self._wakeup.wait(delay)
