"""Fetching a day's list from the intake: the kiosk's signed request and the sealed answer.

Both sides import this module so the request and the answer are defined once. The request is a
statement signed by the kiosk's Ed25519 key (the one registered with the intake) and travels in
headers of a GET. The answer is an intake statement whose `sealed` field is the list encrypted to
the kiosk (a sealed box to the Curve25519 form of the kiosk's key): over plain HTTP, a replayed
request or a listener on the network learns nothing, and only the kiosk that asked can read it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import nacl.exceptions
import nacl.public
import nacl.signing

from kiosk.sealing import (
    CannotDecrypt,
    StatementInvalid,
    b64,
    canonical_json,
    kiosk_id_for,
    sign_statement,
    unb64,
    verify_statement,
)

PATH = "/v1/appointments"
REQUEST_KIND = "appointments-request"
ANSWER_KIND = "appointments"
HEADER_KIOSK = "x-kiosk-id"
HEADER_NONCE = "x-kiosk-nonce"
HEADER_SIGNATURE = "x-kiosk-signature"

Row = dict[str, str]


def _request_fields(kiosk_id: str, day: str, site: str, nonce: str) -> dict[str, Any]:
    return {"kiosk_id": kiosk_id, "date": day, "site": site, "nonce": nonce}


def request_headers(
    signing_key: nacl.signing.SigningKey, day: str, site: str, nonce: str
) -> dict[str, str]:
    kiosk_id = kiosk_id_for(signing_key.verify_key)
    statement = sign_statement(
        REQUEST_KIND, _request_fields(kiosk_id, day, site, nonce), signing_key
    )
    return {HEADER_KIOSK: kiosk_id, HEADER_NONCE: nonce, HEADER_SIGNATURE: statement["signature"]}


def verify_request(
    verify_key: nacl.signing.VerifyKey,
    *,
    kiosk_id: str,
    day: str,
    site: str,
    nonce: str,
    signature: str,
) -> None:
    """Raises StatementInvalid unless the registered kiosk key signed exactly this request."""
    statement = {
        **_request_fields(kiosk_id, day, site, nonce),
        "kind": REQUEST_KIND,
        "format": 1,
        "signature": signature,
    }
    verify_statement(statement, REQUEST_KIND, verify_key)


def seal_rows(rows: list[Row], kiosk_verify_key: nacl.signing.VerifyKey) -> str:
    box = nacl.public.SealedBox(kiosk_verify_key.to_curve25519_public_key())
    return b64(box.encrypt(canonical_json({"rows": rows})))


def open_rows(sealed: object, signing_key: nacl.signing.SigningKey) -> list[Row]:
    """The rows in an answer; SealingError if it is not for this kiosk or not well formed."""
    box = nacl.public.SealedBox(signing_key.to_curve25519_private_key())
    try:
        plain = box.decrypt(unb64(sealed, StatementInvalid))
    except nacl.exceptions.CryptoError as error:
        raise CannotDecrypt("the appointment list is not sealed to this kiosk") from error
    try:
        rows = json.loads(plain.decode("utf-8"))["rows"]
    except (ValueError, KeyError, TypeError) as error:
        raise StatementInvalid("the appointment list is not well formed") from error
    if not isinstance(rows, list) or not all(_is_row(r) for r in rows):
        raise StatementInvalid("the appointment list is not well formed")
    return rows


def _is_row(row: object) -> bool:
    return isinstance(row, Mapping) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in row.items()
    )


def answer(
    signing_key: nacl.signing.SigningKey,
    *,
    intake_id: str,
    kiosk_id: str,
    day: str,
    site: str,
    nonce: str,
    sealed: str,
) -> dict[str, Any]:
    fields = {**_request_fields(kiosk_id, day, site, nonce), "intake_id": intake_id}
    return sign_statement(ANSWER_KIND, {**fields, "sealed": sealed}, signing_key)


def check_answer(
    statement: object,
    server_verify_key: nacl.signing.VerifyKey,
    *,
    intake_id: str,
    kiosk_id: str,
    day: str,
    site: str,
    nonce: str,
) -> str:
    """The `sealed` field of an answer signed by our intake for exactly this request."""
    body = verify_statement(statement, ANSWER_KIND, server_verify_key)
    expected = {**_request_fields(kiosk_id, day, site, nonce), "intake_id": intake_id}
    if any(body.get(k) != v for k, v in expected.items()):
        raise StatementInvalid("the appointment answer is for another request")
    sealed = body.get("sealed")
    if not isinstance(sealed, str):
        raise StatementInvalid("the appointment answer has no list")
    return sealed
