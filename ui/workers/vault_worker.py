"""The one thread that owns the vault: every database call runs here, results return as signals.

SQLCipher connections belong to the thread that opened them, and nothing may block the GUI
thread, so screens submit plain callables and get `done(result)` / `failed(error)` callbacks
invoked back on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("kiosk.ui.vault")
T = TypeVar("T")


class VaultWorker(QObject):
    """Runs jobs one at a time on the "vault" thread; `stop()` drains and joins it.

    `submit` may be called from any thread (the uploader's store calls come through it).
    """

    _job_finished = Signal(object, object, object)  # (callbacks, result, error)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault")
        self._job_finished.connect(self._on_self_job_finished)

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        future = self._executor.submit(job)

        def relay(f: Future[T]) -> None:
            error = f.exception()
            result = None if error else f.result()
            # Emitted from the vault thread; Qt queues it to this object's (GUI) thread.
            self._job_finished.emit((done, failed), result, error)

        future.add_done_callback(relay)
        return future

    @Slot(object, object, object)
    def _on_self_job_finished(self, callbacks: Any, result: Any, error: Any) -> None:
        done, failed = callbacks
        if error is not None:
            if failed is not None:
                failed(error)
            else:
                log.error("vault job failed", exc_info=error)
        elif done is not None:
            done(result)

    def run_blocking(self, job: Callable[[], T]) -> T:
        """Run `job` on the vault thread and wait: for shutdown and other threads, never the GUI."""
        return self._executor.submit(job).result()

    def stop(self) -> None:
        self._executor.shutdown(wait=True)
