"""A kiosk process that syncs a durable outbox; the kill test SIGKILLs it mid-round."""

from __future__ import annotations

import sys
from pathlib import Path

import nacl.signing

from kiosk import sealing
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.uploader import Uploader
from tests.unit.outbox.sqlite_outbox import SqliteOutboxStore


def main(db: str, url: str, verify_key_b64: str) -> int:
    store = SqliteOutboxStore(Path(db))
    key = nacl.signing.VerifyKey(sealing.unb64(verify_key_b64, sealing.SealingError))
    with IntakeClient(url, key, timeout=10) as client:
        sys.stdout.write("syncing\n")
        sys.stdout.flush()
        Uploader(store, client, batch_size=5).sync_once()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
