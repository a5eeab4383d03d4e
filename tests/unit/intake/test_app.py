"""The HTTP layer: status codes, validation and the documented OpenAPI schema."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import nacl.signing
import pytest

from kiosk import sealing
from kiosk.intake.app import create_app
from kiosk.intake.server import ServerThread
from kiosk.intake.service import MAX_BATCH
from tests.unit.intake.helpers import Intake


@pytest.fixture
def http(intake: Intake) -> Iterator[httpx.Client]:
    # A real server rather than Starlette's TestClient, whose httpx backend is deprecated.
    server = ServerThread(create_app(intake.service)).start()
    try:
        with httpx.Client(base_url=server.url) as client:
            yield client
    finally:
        server.stop()


def test_register_and_upload(
    http: httpx.Client, intake: Intake, kiosk_key: nacl.signing.SigningKey
) -> None:
    vk = sealing.b64(bytes(kiosk_key.verify_key))
    denied = http.post("/v1/kiosks", json={"verify_key": vk, "token": "nope"})
    assert denied.status_code == 403
    bad = http.post("/v1/kiosks", json={"verify_key": "AAAA", "token": intake.token})
    assert bad.status_code == 400
    ok = http.post("/v1/kiosks", json={"verify_key": vk, "label": "Van 9", "token": intake.token})
    assert ok.status_code == 200 and ok.json()["kiosk_id"] == sealing.kiosk_id_for(
        kiosk_key.verify_key
    )
    envelope = sealing.seal("R-1", {"x": 1}, intake.program_public_key, kiosk_key)
    stored = http.post("/v1/envelopes", json={"envelopes": [envelope.to_dict()]})
    assert stored.status_code == 200
    [result] = stored.json()["results"]
    assert result["status"] == "stored"
    sealing.verify_receipt(result["receipt"], intake.server_verify_key, "R-1", envelope.digest)
    stats = http.get("/v1/stats").json()
    assert (stats["records"], stats["kiosks"], stats["intake_id"]) == (
        1,
        1,
        intake.service.intake_id,
    )


def test_request_validation(http: httpx.Client) -> None:
    assert http.get("/v1/health").status_code == 422
    assert http.get("/v1/health", params={"nonce": "x" * 20 + "!"}).status_code == 400
    assert (
        http.post(
            "/v1/envelopes", content=b"{", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    too_many = {"envelopes": [{}] * (MAX_BATCH + 1)}
    assert http.post("/v1/envelopes", json=too_many).status_code == 422


def test_openapi_documents_the_endpoints(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert set(paths) == {
        "/v1/health",
        "/v1/kiosks",
        "/v1/envelopes",
        "/v1/appointments",
        "/v1/stats",
    }
