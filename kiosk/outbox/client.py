"""Talking to the intake over HTTP (httpx): a real-connection check, registration, batch upload.

Nothing an intake (or anything pretending to be one) returns is trusted unless it is signed by the
server key from provisioning.json: the health check must echo our fresh nonce under that signature
(a captive portal's friendly 200 page fails it), and every receipt is verified before the uploader
may purge an envelope. Verdicts need no signature: they only ever keep an envelope.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

import httpx
import nacl.signing

from kiosk.appointments import wire
from kiosk.outbox.errors import IntakeFailed, IntakeUnreachable, NotTheIntake, RegistrationRefused
from kiosk.outbox.model import Delivered, PendingEnvelope, Verdict
from kiosk.sealing import (
    SealingError,
    b64,
    intake_id_for,
    kiosk_id_for,
    verify_receipt,
    verify_statement,
)

log = logging.getLogger("kiosk.outbox")

_VERDICTS = frozenset({"rejected", "resend"})


class AppointmentsRefused(IntakeFailed):
    """The intake does not know this kiosk's key (not registered yet, or registered elsewhere)."""

    code = "outbox.appointments_refused"


def _json(response: httpx.Response) -> Any:
    if not response.headers.get("content-type", "").startswith("application/json"):
        raise NotTheIntake(f"the server answered {response.status_code} with something not JSON")
    try:
        return response.json()
    except ValueError as error:
        raise NotTheIntake("the server's answer is not valid JSON") from error


class IntakeClient:
    def __init__(
        self,
        base_url: str,
        server_verify_key: nacl.signing.VerifyKey,
        *,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
        make_nonce: Callable[[], str] = lambda: secrets.token_urlsafe(24),
    ) -> None:
        self._verify_key = server_verify_key
        self._intake_id = intake_id_for(server_verify_key)
        self._make_nonce = make_nonce
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            timeout=httpx.Timeout(timeout),
            transport=transport,
            follow_redirects=False,  # a redirect is what captive portals do; never follow it
            headers={"user-agent": "enrollment-kiosk"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> IntakeClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._http.request(method, path, **kwargs)
        except httpx.TransportError as error:
            # No network, refused, timed out, reset mid-way: all mean "try later".
            raise IntakeUnreachable(f"cannot reach the intake ({type(error).__name__})") from error

    def check(self) -> None:
        """Raise unless the real intake (holding the server key) answers right now."""
        nonce = self._make_nonce()
        response = self._request("GET", "/v1/health", params={"nonce": nonce})
        if response.status_code != 200:
            raise NotTheIntake(f"the health check got HTTP {response.status_code}")
        try:
            body = verify_statement(_json(response), "health", self._verify_key)
        except SealingError as error:
            raise NotTheIntake("the health answer is not signed by our intake") from error
        if body.get("nonce") != nonce or body.get("intake_id") != self._intake_id:
            raise NotTheIntake("the health answer is a replay or from another intake")

    def register(
        self, kiosk_signing_key: nacl.signing.SigningKey, *, label: str, token: str
    ) -> str:
        """Register this kiosk's public key with the enrolment token; returns the kiosk id."""
        kiosk_id = kiosk_id_for(kiosk_signing_key.verify_key)
        payload = {"verify_key": b64(bytes(kiosk_signing_key.verify_key)), "label": label}
        response = self._request("POST", "/v1/kiosks", json={**payload, "token": token})
        if response.status_code == 403:
            raise RegistrationRefused("the intake refused the enrolment token")
        if response.status_code != 200:
            raise IntakeFailed(f"registration failed with HTTP {response.status_code}")
        try:
            body = verify_statement(_json(response), "registration", self._verify_key)
        except SealingError as error:
            raise NotTheIntake("the registration answer is not signed by our intake") from error
        if body.get("kiosk_id") != kiosk_id:
            raise NotTheIntake("the intake registered another kiosk id")
        return kiosk_id

    def upload(self, batch: Sequence[PendingEnvelope]) -> list[Delivered | Verdict]:
        """Send one batch; returns a verified receipt or a verdict per record that got one.

        A record missing from the answer, or with an answer we do not understand, stays pending.
        """
        body = b'{"envelopes":[' + b",".join(item.envelope for item in batch) + b"]}"
        response = self._request(
            "POST", "/v1/envelopes", content=body, headers={"content-type": "application/json"}
        )
        if response.status_code != 200:
            raise IntakeFailed(f"the intake answered HTTP {response.status_code}")
        answer = _json(response)
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list) or len(results) != len(batch):
            raise IntakeFailed("the intake's answer does not match the batch")
        outcomes: list[Delivered | Verdict] = []
        for item, result in zip(batch, results, strict=True):
            if not isinstance(result, dict) or result.get("record_id") != item.record_id:
                log.warning("an answer did not name the record sent; it stays pending")
                continue
            status = result.get("status")
            if status in ("stored", "duplicate"):
                receipt_obj = result.get("receipt")
                try:
                    if not isinstance(receipt_obj, dict):
                        raise SealingError("a stored record came without a receipt")
                    receipt = verify_receipt(
                        receipt_obj,
                        self._verify_key,
                        item.record_id,
                        item.digest,
                    )
                except SealingError as error:
                    # Nothing is purged on a receipt we cannot verify: whoever sent it is not
                    # our intake, or something is badly wrong. End the round, keep everything.
                    raise IntakeFailed("a receipt from the intake did not verify") from error
                outcomes.append(Delivered(item.record_id, receipt))
            elif status in _VERDICTS:
                reason = result.get("reason")
                outcomes.append(Verdict(item.record_id, str(status), str(reason)))
        return outcomes

    def fetch_appointments(
        self, day: str, *, signing_key: nacl.signing.SigningKey, site: str = ""
    ) -> list[dict[str, str]]:
        """The intake's appointment rows for `day` (YYYY-MM-DD), unchecked: the caller validates.

        The request is signed with the kiosk key; the answer must be signed by our intake for this
        very request (fresh nonce) and sealed to this kiosk, or nothing is returned.
        """
        nonce = self._make_nonce()
        headers = wire.request_headers(signing_key, day, site, nonce)
        response = self._request(
            "GET", wire.PATH, params={"date": day, "site": site}, headers=headers
        )
        if response.status_code == 403:
            raise AppointmentsRefused(
                "the intake does not know this kiosk's key (it is not registered, or the intake"
                " was reset): ask an admin to provision the kiosk again"
            )
        if response.status_code != 200:
            raise IntakeFailed(f"the appointment list request got HTTP {response.status_code}")
        try:
            sealed = wire.check_answer(
                _json(response),
                self._verify_key,
                intake_id=self._intake_id,
                kiosk_id=headers[wire.HEADER_KIOSK],
                day=day,
                site=site,
                nonce=nonce,
            )
            return wire.open_rows(sealed, signing_key)
        except SealingError as error:
            raise NotTheIntake(
                "the appointment list is not from our intake for this kiosk"
            ) from error
