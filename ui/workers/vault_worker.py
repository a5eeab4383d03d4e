"""The one thread that owns the vault: every database call runs there (SQLCipher connections
belong to the thread that opened them), and nothing the GUI waits for blocks the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ui.workers.job_worker import JobWorker


class VaultWorker(JobWorker):
    def __init__(self, parent: QObject | None = None) -> None:
        # Jobs still queued at shutdown are run, never dropped: one may be a submit.
        super().__init__("vault", cancel_pending_on_stop=False, parent=parent)
