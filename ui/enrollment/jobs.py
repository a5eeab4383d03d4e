"""A single background thread for slow non-database work (rendering, reading), owned and stoppable.

Card previews, receipts and document readings take tens to hundreds of milliseconds; they run
here so the GUI never stalls, and results come back on the GUI thread as callbacks. Python's
executor is used rather than QThreadPool because its threads can be joined at shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger("kiosk.ui.enrollment")
T = TypeVar("T")


class JobWorker(QObject):
    """Runs jobs one at a time on one named thread; `stop()` drains and joins it."""

    _job_finished = Signal(object, object, object)  # (callbacks, result, error)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._executor: ThreadPoolExecutor | None = None
        self._job_finished.connect(self._on_self_job_finished)

    def submit(
        self,
        job: Callable[[], T],
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
    ) -> Future[T]:
        if self._executor is None:  # started on first use: most sessions never read a document
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self._name)
        future = self._executor.submit(job)

        def relay(f: Future[T]) -> None:
            error = f.exception()
            self._job_finished.emit((done, failed), None if error else f.result(), error)

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

    def stop(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
