"""Delivery against a real intake on loopback under faults: every record stored once, none pending.

Each test ends by checking both sides: the intake holds each record id exactly once with the digest
the kiosk sealed, and the kiosk's outbox has nothing left in `sealed`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nacl.signing
import pytest

from kiosk import sealing
from kiosk.intake.server import bound_socket
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.memory import InMemoryOutboxStore
from kiosk.outbox.model import PendingEnvelope, RecordState
from kiosk.outbox.uploader import (
    Backoff,
    RecordNeedsAttention,
    SyncFinished,
    Uploader,
    UploaderEvent,
)
from tests.unit.intake.helpers import Intake
from tests.unit.outbox.faults import ResettingProxy
from tests.unit.outbox.helpers import LiveIntake, fill
from tests.unit.outbox.sqlite_outbox import SqliteOutboxStore

ROOT = Path(__file__).resolve().parents[3]
Client = Callable[..., IntakeClient]


def assert_all_stored_once(
    live: LiveIntake, envelopes: list[sealing.Envelope], store: object
) -> None:
    assert live.stored_digests() == {e.record_id: e.digest for e in envelopes}
    assert live.records() == len(envelopes)
    assert store.count_pending() == 0  # type: ignore[attr-defined]


@pytest.fixture
def store() -> InMemoryOutboxStore:
    return InMemoryOutboxStore()


@pytest.fixture
def registered(intake: Intake, kiosk_key: nacl.signing.SigningKey) -> nacl.signing.SigningKey:
    intake.register(kiosk_key)
    return kiosk_key


def test_happy_path_and_tombstones(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, registered, 120)
    result = Uploader(store, client_for(live.url), batch_size=50).sync_once()
    assert (result.uploaded, result.failed, result.pending, result.error) == (120, 0, 0, None)
    assert_all_stored_once(live, envelopes, store)
    assert not any(store.holds_envelope(e.record_id) for e in envelopes)  # purged
    assert store.counts()["delivered"] == 120


def test_duplicate_delivery(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, registered, 20)
    client = client_for(live.url)
    batch = [PendingEnvelope.of(e) for e in envelopes]
    first = client.upload(batch)
    again = client.upload(batch + batch[:5])  # twice in a row, and twice within a batch
    assert [o.record_id for o in again][:20] == [o.record_id for o in first]
    assert Uploader(store, client).sync_once().uploaded == 20  # all answered as duplicates
    assert_all_stored_once(live, envelopes, store)


def test_server_down_then_up(
    serve: Callable[..., LiveIntake],
    intake: Intake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    sock = bound_socket()  # bound, not listening: connections are refused
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    envelopes = fill(store, intake, registered, 10)
    uploader = Uploader(store, client_for(url))
    down = uploader.sync_once()
    assert (down.uploaded, down.pending, down.error) == (0, 10, "outbox.intake_unreachable")
    live = serve(sock)
    assert uploader.sync_once().uploaded == 10
    assert_all_stored_once(live, envelopes, store)


def test_http_500_then_recovery_on_the_background_thread(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, registered, 30)
    live.faults.http_500 = 3
    done = threading.Event()
    rounds: list[SyncFinished] = []

    def on_event(event: UploaderEvent) -> None:
        if isinstance(event, SyncFinished):
            rounds.append(event)
            if event.result.pending == 0:
                done.set()

    uploader = Uploader(
        store,
        client_for(live.url),
        batch_size=10,
        backoff=Backoff(base=0.01, cap=0.05),
        on_event=on_event,
    )
    uploader.start()
    try:
        assert done.wait(10)
    finally:
        uploader.stop()
        uploader.join(5)
    assert not uploader.running
    assert [r.result.error for r in rounds[:3]] == ["outbox.intake_failed"] * 3
    assert_all_stored_once(live, envelopes, store)


def test_timeout_after_the_intake_stored(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, registered, 10)
    live.faults.slow_responses, live.faults.delay_s = 1, 1.0
    uploader = Uploader(store, client_for(live.url, timeout=0.3))
    first = uploader.sync_once()
    assert (first.uploaded, first.error) == (0, "outbox.intake_unreachable")
    assert live.records() == 10  # stored, but the kiosk never heard
    assert uploader.sync_once().uploaded == 10
    assert_all_stored_once(live, envelopes, store)


@pytest.mark.parametrize("where", ["request", "response"])
def test_connection_reset(
    where: str,
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, registered, 25)
    host, port = live.url.removeprefix("http://").split(":")
    proxy = ResettingProxy((host, int(port))).start()
    try:
        proxy.arm(where)
        uploader = Uploader(store, client_for(proxy.url), batch_size=25)
        first = uploader.sync_once()
        assert (first.uploaded, first.error) == (0, "outbox.intake_unreachable")
        assert proxy.cuts == 1
        assert live.records() == (25 if where == "response" else 0)
        assert uploader.sync_once().uploaded == 25
    finally:
        proxy.stop()
    assert_all_stored_once(live, envelopes, store)


def test_kiosk_killed_during_sync(
    live: LiveIntake, registered: nacl.signing.SigningKey, tmp_path: Path, client_for: Client
) -> None:
    db = tmp_path / "outbox.sqlite3"
    store = SqliteOutboxStore(db)
    envelopes = fill(store, live.intake, registered, 60)
    live.faults.slow_responses, live.faults.delay_s = -1, 0.05
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.unit.outbox.sync_child",
            str(db),
            live.url,
            live.intake.provisioning["server_verify_key"],
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        deadline = time.monotonic() + 20
        while live.records() < 20 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)  # polling another process's progress; there is no event to wait on
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(10)
        assert child.stdout is not None
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert 0 < store.count_pending() < 60  # really killed mid-round
    live.faults.slow_responses = 0
    result = Uploader(store, client_for(live.url)).sync_once()
    assert result.pending == 0
    assert_all_stored_once(live, envelopes, store)
    assert store.counts() == {"delivered": 60}
    store.close()


def test_tampered_envelope_is_rejected_and_reaches_the_supervisor(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    good = fill(store, live.intake, registered, 5)
    sealed = sealing.seal("T-1", {"n": 1}, live.intake.program_public_key, registered)
    store.add(replace(sealed, created_at="2001-01-01T00:00:00Z"))
    seen: list[RecordNeedsAttention] = []
    uploader = Uploader(
        store,
        client_for(live.url),
        on_event=lambda e: seen.append(e) if isinstance(e, RecordNeedsAttention) else None,
    )
    result = uploader.sync_once()
    assert (result.uploaded, result.failed, result.pending) == (5, 1, 0)
    assert [(v.verdict.record_id, v.verdict.status, v.verdict.reason) for v in seen] == [
        ("T-1", "rejected", "sealing.bad_signature")
    ]
    assert store.state("T-1") is RecordState.NEEDS_ATTENTION and store.holds_envelope("T-1")
    assert_all_stored_once(live, good, store)


def test_unknown_kiosk_is_rejected_until_registered(
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    kiosk_key: nacl.signing.SigningKey,
) -> None:
    envelopes = fill(store, live.intake, kiosk_key, 4)
    client = client_for(live.url)
    result = Uploader(store, client).sync_once()
    assert (result.uploaded, result.failed, result.pending) == (0, 4, 0)
    assert {store.verdict(e.record_id).reason for e in envelopes} == {"intake.unknown_kiosk"}  # type: ignore[union-attr]
    assert live.records() == 0
    # The supervisor has the kiosk registered, then sends the records again.
    client.register(kiosk_key, label="Van 2", token=live.intake.token)
    for envelope in envelopes:
        store.requeue(envelope.record_id)
    assert Uploader(store, client).sync_once().uploaded == 4
    assert_all_stored_once(live, envelopes, store)


@pytest.mark.parametrize("hours", [-9, 7, 24 * 40])
def test_kiosk_clock_far_off(
    hours: int,
    live: LiveIntake,
    client_for: Client,
    store: InMemoryOutboxStore,
    registered: nacl.signing.SigningKey,
) -> None:
    skewed = datetime.now(UTC) + timedelta(hours=hours)
    envelopes = fill(store, live.intake, registered, 5, clock=lambda: skewed)
    assert Uploader(store, client_for(live.url)).sync_once().uploaded == 5
    assert_all_stored_once(live, envelopes, store)
