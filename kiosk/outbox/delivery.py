"""Delivery while a kiosk runs: register the kiosk's key once, then upload in the background.

Shared by `kiosk sync` and the GUI so both follow one path: the enrolment token from
provisioning is spent on the first round that reaches the intake, and erased afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from kiosk.outbox.client import IntakeClient
from kiosk.outbox.identity import KioskIdentity
from kiosk.outbox.model import OutboxStore, SyncResult
from kiosk.outbox.uploader import Uploader, UploaderEvent


def register_if_needed(
    identity: KioskIdentity, client: IntakeClient, record_registered: Callable[[], None]
) -> None:
    """Send the kiosk's public key with the enrolment token, unless that was done already."""
    if identity.registered or identity.enrolment_token is None:
        return
    client.register(identity.signing_key, label=identity.label, token=identity.enrolment_token)
    record_registered()


class Delivery:
    """The background uploader with its own HTTP client; `stop()` ends and joins both."""

    def __init__(
        self,
        identity: KioskIdentity,
        store: OutboxStore,
        record_registered: Callable[[], None],
        *,
        on_event: Callable[[UploaderEvent], None],
        timeout: float = 15.0,
        idle_interval: float = 60.0,
    ) -> None:
        self._client = IntakeClient(
            identity.intake_url, identity.server_verify_key, timeout=timeout
        )
        self._timeout = timeout
        registered = threading.Event()
        if identity.registered:
            registered.set()

        def before_round() -> None:
            if not registered.is_set():
                register_if_needed(identity, self._client, record_registered)
                registered.set()

        self.uploader = Uploader(
            store,
            self._client,
            on_event=on_event,
            before_round=before_round,
            idle_interval=idle_interval,
        )

    def start(self) -> None:
        self.uploader.start()

    def wake(self) -> None:
        self.uploader.wake()

    def stop(self) -> None:
        self.uploader.stop()
        # A request in flight ends within the client's timeout.
        self.uploader.join(timeout=self._timeout + 5.0)
        self._client.close()


@dataclass(frozen=True)
class DeliveryStatus:
    """What the home screen says about the program office: counts and codes, no records."""

    configured: bool
    reachable: bool | None = None  # None: no round has finished yet
    checked_at: datetime | None = None
    problem: str | None = None  # the error code of the last failed round
    pending: int | None = None

    def after(self, result: SyncResult, at: datetime) -> DeliveryStatus:
        return DeliveryStatus(
            configured=True,
            reachable=result.error is None,
            checked_at=at,
            problem=result.error,
            pending=result.pending,
        )
