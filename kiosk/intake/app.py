"""The intake's HTTP API (FastAPI): a thin layer over IntakeService, documented by its OpenAPI.

Only this module and the `serve` command import FastAPI/uvicorn, so a kiosk without the `intake`
extra still runs. Request bodies are never logged (envelopes are opaque anyway) and uvicorn's
access log is off, so record ids do not collect in log files.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Header, HTTPException, Query
from pydantic import BaseModel, Field

from kiosk.intake.appointments import BadAppointmentRequest, NotAuthorised
from kiosk.intake.service import MAX_BATCH, BadRequest, IntakeService, RegistrationDenied

API_VERSION = "1"


class RegistrationIn(BaseModel):
    verify_key: str = Field(description="the kiosk's Ed25519 public key, standard base64")
    label: str = Field(default="", description="a staff-facing name such as 'Van 3' (no PII)")
    token: str = Field(description="the enrolment token from provisioning.json")


class BatchIn(BaseModel):
    envelopes: list[dict[str, Any]] = Field(
        max_length=MAX_BATCH,
        description="envelopes in wire form (see docs/protocol.md); checked one by one",
    )


class ReceiptOut(BaseModel):
    kind: str
    format: int
    record_id: str
    envelope_digest: str
    received_at: str
    intake_id: str
    signature: str


class OutcomeOut(BaseModel):
    record_id: str | None
    status: str = Field(description="stored | duplicate | rejected | resend")
    reason: str | None = Field(default=None, description="a stable error code")
    receipt: ReceiptOut | None = None


class BatchOut(BaseModel):
    results: list[OutcomeOut]


def create_app(service: IntakeService) -> FastAPI:
    app = FastAPI(
        title="Enrollment kiosk intake",
        version=API_VERSION,
        description="Receives sealed enrollment envelopes from kiosks and returns signed receipts.",
    )

    @app.get("/v1/health", summary="Signed liveness proof echoing the caller's nonce")
    def health(nonce: str = Query(min_length=16, max_length=128)) -> dict[str, Any]:
        try:
            return service.health(nonce)
        except BadRequest as error:
            raise HTTPException(status_code=400, detail=error.code) from error

    @app.post("/v1/kiosks", summary="Register a kiosk's signing key with the enrolment token")
    def register(body: RegistrationIn) -> dict[str, Any]:
        try:
            return service.register(body.verify_key, body.label, body.token)
        except RegistrationDenied as error:
            raise HTTPException(status_code=403, detail=error.code) from error
        except BadRequest as error:
            raise HTTPException(status_code=400, detail=error.code) from error

    @app.post(
        "/v1/envelopes",
        response_model=BatchOut,
        summary="Store a batch of envelopes idempotently by record id; one verdict per envelope",
    )
    def envelopes(body: BatchIn) -> dict[str, Any]:
        outcomes = service.accept(body.envelopes)
        return {"results": [outcome.to_dict() for outcome in outcomes]}

    @app.get(
        "/v1/appointments",
        summary="A day's appointment list for a registered kiosk, sealed to that kiosk's key",
    )
    def appointments(
        date: str = Query(description="YYYY-MM-DD"),
        site: str = Query(default="", max_length=80, description="the site's list ('' = default)"),
        x_kiosk_id: str = Header(description="the caller's kiosk id (k-...)"),
        x_kiosk_nonce: str = Header(description="16-128 URL-safe characters, fresh per request"),
        x_kiosk_signature: str = Header(
            description="the kiosk key's statement signature over the request (docs/protocol.md)"
        ),
    ) -> dict[str, Any]:
        try:
            return service.appointments(
                kiosk_id=x_kiosk_id,
                day=date,
                site=site,
                nonce=x_kiosk_nonce,
                signature=x_kiosk_signature,
            )
        except NotAuthorised as error:
            raise HTTPException(status_code=403, detail=error.code) from error
        except BadAppointmentRequest as error:
            raise HTTPException(status_code=400, detail=error.code) from error

    @app.get("/v1/stats", summary="Counts only; never envelope contents")
    def stats() -> dict[str, Any]:
        return service.stats()

    return app
