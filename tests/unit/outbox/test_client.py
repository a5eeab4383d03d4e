"""The intake client trusts only what the server key signed: portals, replays and forgeries fail."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import httpx
import nacl.public
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.errors import IntakeFailed, IntakeUnreachable, NotTheIntake, RegistrationRefused
from kiosk.outbox.memory import InMemoryOutboxStore
from kiosk.outbox.model import Delivered, PendingEnvelope, SyncResult, Verdict
from kiosk.outbox.uploader import Backoff, Uploader

SERVER = nacl.signing.SigningKey.generate()
OTHER = nacl.signing.SigningKey.generate()
KIOSK = nacl.signing.SigningKey.generate()
Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, key: nacl.signing.SigningKey = SERVER) -> IntakeClient:
    return IntakeClient(
        "http://intake.test/",
        key.verify_key,
        transport=httpx.MockTransport(handler),
        make_nonce=lambda: "n" * 24,
    )


def health(nonce: str = "n" * 24, key: nacl.signing.SigningKey = SERVER) -> dict[str, Any]:
    fields = {"nonce": nonce, "intake_id": sealing.intake_id_for(SERVER.verify_key), "time": "t"}
    return sealing.sign_statement("health", fields, key)


def pending(record_id: str = "R-1") -> PendingEnvelope:
    return PendingEnvelope(record_id, b'{"record_id":"%s"}' % record_id.encode(), "d" * 64)


def receipt(record_id: str = "R-1", key: nacl.signing.SigningKey = SERVER) -> dict[str, Any]:
    return sealing.make_receipt(record_id, "d" * 64, key, received_at="t").to_dict()


def answer(*results: Any, status: int = 200) -> Handler:
    return lambda request: httpx.Response(status, json={"results": list(results)})


def test_a_captive_portal_is_not_the_intake() -> None:
    portal = client(lambda r: httpx.Response(200, html="<html>Welcome to Library WiFi</html>"))
    with pytest.raises(NotTheIntake, match="not JSON"):
        portal.check()
    redirect = client(lambda r: httpx.Response(302, headers={"location": "http://portal/"}))
    with pytest.raises(NotTheIntake, match="302"):
        redirect.check()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (health(key=OTHER), "not signed"),
        (health(nonce="old" * 8), "replay"),
        ({"ok": True}, "not signed"),
    ],
)
def test_health_answers_that_fail(body: dict[str, Any], message: str) -> None:
    with pytest.raises(NotTheIntake, match=message):
        client(lambda r: httpx.Response(200, json=body)).check()


def test_broken_json_and_transport_errors() -> None:
    broken = client(
        lambda r: httpx.Response(200, content=b"{", headers={"content-type": "application/json"})
    )
    with pytest.raises(NotTheIntake, match="not valid JSON"):
        broken.check()

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(IntakeUnreachable, match="ConnectError"):
        client(refuse).check()


def test_register() -> None:
    kiosk_id = sealing.kiosk_id_for(KIOSK.verify_key)
    ack = sealing.sign_statement("registration", {"kiosk_id": kiosk_id}, SERVER)
    sent: list[dict[str, Any]] = []

    def ok(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, json=ack)

    with client(ok) as good:
        assert good.register(KIOSK, label="Van", token="tok") == kiosk_id
    assert sent[0]["token"] == "tok" and "private" not in json.dumps(sent[0])
    with pytest.raises(RegistrationRefused):
        client(lambda r: httpx.Response(403, json={})).register(KIOSK, label="", token="x")
    with pytest.raises(IntakeFailed):
        client(lambda r: httpx.Response(500, json={})).register(KIOSK, label="", token="x")
    forged = sealing.sign_statement("registration", {"kiosk_id": kiosk_id}, OTHER)
    with pytest.raises(NotTheIntake, match="not signed"):
        client(lambda r: httpx.Response(200, json=forged)).register(KIOSK, label="", token="x")
    wrong = sealing.sign_statement("registration", {"kiosk_id": "k-other"}, SERVER)
    with pytest.raises(NotTheIntake, match="another kiosk"):
        client(lambda r: httpx.Response(200, json=wrong)).register(KIOSK, label="", token="x")


def test_upload_outcomes() -> None:
    results = [
        {"record_id": "R-1", "status": "stored", "receipt": receipt("R-1")},
        {"record_id": "R-2", "status": "rejected", "reason": "sealing.bad_signature"},
        {"record_id": "R-3", "status": "resend", "reason": "sealing.envelope_malformed"},
        {"record_id": "R-4", "status": "maybe-later"},
        {"record_id": "not-R-5", "status": "stored"},
        "junk",
    ]
    batch = [pending(f"R-{i}") for i in range(1, 7)]
    outcomes = client(answer(*results)).upload(batch)
    assert outcomes[0] == Delivered("R-1", sealing.Receipt.from_dict(receipt("R-1")))
    assert outcomes[1:] == [
        Verdict("R-2", "rejected", "sealing.bad_signature"),
        Verdict("R-3", "resend", "sealing.envelope_malformed"),
    ]


@pytest.mark.parametrize(
    "handler",
    [
        answer(status=500),
        answer(),  # fewer answers than records
        lambda r: httpx.Response(200, json=[1]),
        answer({"record_id": "R-1", "status": "stored", "receipt": receipt("R-1", OTHER)}),
        answer({"record_id": "R-1", "status": "duplicate", "receipt": "yes"}),
    ],
)
def test_upload_failures_purge_nothing(handler: Handler) -> None:
    store = InMemoryOutboxStore()
    store.add(sealing.seal("R-1", {}, nacl.public.PrivateKey.generate().public_key, KIOSK))

    def route(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/health":
            return httpx.Response(200, json=health())
        return handler(request)

    result = Uploader(store, client(route)).sync_once()
    assert result == SyncResult(0, 0, 1, "outbox.intake_failed")
    assert store.holds_envelope("R-1")


def test_unanswered_records_stay_pending_without_looping() -> None:
    store = InMemoryOutboxStore()
    for i in range(3):
        store.add(sealing.seal(f"R-{i}", {}, nacl.public.PrivateKey.generate().public_key, KIOSK))
    posts = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/health":
            return httpx.Response(200, json=health())
        sent = json.loads(request.content)["envelopes"]
        posts.append(len(sent))
        return httpx.Response(200, json={"results": [{"status": "later"} for _ in sent]})

    result = Uploader(store, client(handler), batch_size=2).sync_once()
    assert (result.uploaded, result.pending, result.error) == (0, 3, None)
    assert posts == [2, 1]


def test_backoff_grows_with_jitter_and_resets() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=random.Random(7))
    delays = [backoff.next_delay() for _ in range(6)]
    steps = [1, 2, 4, 8, 8, 8]
    assert all(s / 2 <= d <= s for d, s in zip(delays, steps, strict=True))
    assert len(set(delays)) == len(delays)  # jittered, not lockstep
    backoff.reset()
    assert backoff.next_delay() <= 1.0
    assert 0 <= Backoff().next_delay() <= 2.0


def test_uploader_thread_survives_a_bug_and_stops() -> None:
    class Broken(InMemoryOutboxStore):
        def count_pending(self) -> int:
            raise RuntimeError("bug")

    rounds = []
    handler: Handler = lambda r: httpx.Response(200, json=health())  # noqa: E731
    uploader = Uploader(
        Broken(),
        client(handler),
        backoff=Backoff(base=0.001, cap=0.002),
        on_event=rounds.append,
    )
    uploader.start()
    with pytest.raises(RuntimeError, match="already started"):
        uploader.start()
    uploader.wake()
    uploader.stop()
    uploader.join(5)
    assert not uploader.running
