"""Is the intake reachable right now? A short, signed health check, and the intake's clock.

Offline is the normal state of a pop-up site, so an unreachable intake is a warning, not a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import httpx

from kiosk.doctor.model import Check, Status
from kiosk.errors import KioskError
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.errors import IntakeUnreachable
from kiosk.outbox.identity import KioskIdentity
from kiosk.sealing import SealingError, verify_statement

PROBE_TIMEOUT_S = 3.0
BAD_ADDRESS = "doctor.bad_intake_address"


@dataclass(frozen=True)
class IntakeAnswer:
    reachable: bool
    code: str | None = None
    server_time: datetime | None = None


IntakeProbe = Callable[[KioskIdentity], IntakeAnswer]


class _KeepLastResponse(httpx.BaseTransport):
    """Keeps the health answer so its signed `time` can be read once the client accepted it."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.last: httpx.Response | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.last = self.inner.handle_request(request)
        return self.last

    def close(self) -> None:
        self.inner.close()


def probe_intake(
    identity: KioskIdentity,
    *,
    timeout: float = PROBE_TIMEOUT_S,
    transport: httpx.BaseTransport | None = None,
) -> IntakeAnswer:
    """The production probe: `IntakeClient.check()` with a short timeout, never raising."""
    keeper = _KeepLastResponse(transport or httpx.HTTPTransport())
    with IntakeClient(
        identity.intake_url, identity.server_verify_key, timeout=timeout, transport=keeper
    ) as client:
        try:
            client.check()
        except KioskError as error:
            return IntakeAnswer(False, error.code)
        except (httpx.HTTPError, httpx.InvalidURL):
            return IntakeAnswer(False, BAD_ADDRESS)  # a provisioned URL httpx cannot use
        return IntakeAnswer(True, None, _signed_time(keeper.last, identity))


def _signed_time(response: httpx.Response | None, identity: KioskIdentity) -> datetime | None:
    if response is None:
        return None
    try:
        body = verify_statement(response.json(), "health", identity.server_verify_key)
        return datetime.fromisoformat(str(body["time"]))
    except (SealingError, ValueError, KeyError):
        return None  # an older intake that does not say its time: no clock comparison


def check_intake(identity: KioskIdentity | None, answer: IntakeAnswer | None) -> Check:
    if identity is None or answer is None:
        return Check(
            "intake",
            Status.WARN,
            "The intake was not checked: this kiosk is not provisioned yet.",
            {"reachable": False, "code": "keys.not_provisioned"},
        )
    details = {"reachable": answer.reachable, "code": answer.code}
    if answer.reachable:
        return Check("intake", Status.OK, "The intake answered and proved who it is.", details)
    if answer.code == IntakeUnreachable.code:
        summary = (
            "The intake cannot be reached now. That is normal without a network: records wait "
            "safely in the vault and upload when a connection appears (or export them)."
        )
    else:
        summary = (
            "Something answered at the intake's address but could not prove it is the program's "
            "intake (a Wi-Fi sign-in page, or the wrong address). Nothing was sent to it."
        )
    return Check("intake", Status.WARN, summary, details)
