"""The uploader thread drives a store that lives on another (the vault's) thread."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nacl.signing

from kiosk.outbox.confined import OwnerThreadOutboxStore
from kiosk.outbox.uploader import Backoff, SyncFinished, Uploader, UploaderEvent
from tests.unit.intake.helpers import Intake
from tests.unit.outbox.helpers import LiveIntake, fill
from tests.unit.outbox.sqlite_outbox import SqliteOutboxStore


class ThreadBoundStore(SqliteOutboxStore):
    """Like a SQLCipher connection: refuses use from any thread but its owner's."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.owner = threading.get_ident()

    def _check(self) -> None:
        assert threading.get_ident() == self.owner, "used off the vault thread"

    def pending(self, limit: int):  # type: ignore[no-untyped-def]
        self._check()
        return super().pending(limit)

    def count_pending(self) -> int:
        self._check()
        return super().count_pending()

    def mark_delivered(self, record_id, receipt):  # type: ignore[no-untyped-def]
        self._check()
        super().mark_delivered(record_id, receipt)


def test_background_uploader_with_a_thread_confined_store(
    live: LiveIntake, intake: Intake, kiosk_key: nacl.signing.SigningKey, tmp_path: Path, client_for
) -> None:  # type: ignore[no-untyped-def]
    intake.register(kiosk_key)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault") as vault_thread:
        store = vault_thread.submit(ThreadBoundStore, tmp_path / "o.sqlite3").result()
        envelopes = vault_thread.submit(fill, store, intake, kiosk_key, 12).result()
        done = threading.Event()

        def on_event(event: UploaderEvent) -> None:
            if isinstance(event, SyncFinished) and event.result.pending == 0:
                done.set()

        uploader = Uploader(
            OwnerThreadOutboxStore(store, vault_thread.submit),
            client_for(live.url),
            batch_size=5,
            backoff=Backoff(base=0.01, cap=0.02),
            on_event=on_event,
        )
        uploader.start()
        try:
            assert done.wait(10)
        finally:
            uploader.stop()
            uploader.join(5)
        vault_thread.submit(store.close).result()
    assert live.stored_digests() == {e.record_id: e.digest for e in envelopes}
