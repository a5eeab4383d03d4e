"""One owned background thread whose results come back on the GUI thread as callbacks.

Screens submit plain callables and get `done(result)` / `failed(error)` invoked on the GUI
thread. Python's executor is used rather than QThreadPool because its thread can be joined at
shutdown. `submit` may be called from any thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("kiosk.ui.jobs")
T = TypeVar("T")


class JobWorker(QObject):
    """Runs jobs one at a time on one named thread (started on first use); `stop()` joins it.

    `cancel_pending_on_stop` drops jobs still queued at shutdown: right for previews and
    readings, never for the vault, where a queued job may be a write the operator saw succeed.
    """

    _job_finished = Signal(object, object, object)  # (callbacks, result, error)

    def __init__(
        self, name: str, *, cancel_pending_on_stop: bool, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._cancel_pending = cancel_pending_on_stop
        self._executor: ThreadPoolExecutor | None = None
        self._job_finished.connect(self._on_self_job_finished)

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        future = self._executor.submit(job)

        def relay(f: Future[T]) -> None:
            error = f.exception()
            result = None if error else f.result()
            # Emitted from the worker thread; Qt queues it to this object's (GUI) thread.
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
                log.error("background job failed", exc_info=error)
        elif done is not None:
            done(result)

    def run_blocking(self, job: Callable[[], T]) -> T:
        """Run `job` on the worker thread and wait (shutdown and other threads; never the GUI)."""
        return self.submit(job).result()

    def stop(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=self._cancel_pending)
