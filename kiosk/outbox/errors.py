"""Delivery errors (network, intake, media) with stable codes, apart from kiosk/errors.py."""

from __future__ import annotations

from kiosk.errors import KioskError


class OutboxError(KioskError):
    code = "outbox.error"


class IntakeUnreachable(OutboxError):
    """No connection to the intake at all (no network, server down, timeout, reset)."""

    code = "outbox.intake_unreachable"


class NotTheIntake(OutboxError):
    """Something answered, but not our intake: a captive portal, a proxy, or the wrong server."""

    code = "outbox.not_the_intake"


class IntakeFailed(OutboxError):
    """The intake answered with an error for the whole request; try again later."""

    code = "outbox.intake_failed"


class RegistrationRefused(OutboxError):
    code = "outbox.registration_refused"


class BundleInvalid(OutboxError):
    """A media bundle or receipts file that is damaged, altered, or not signed by a known kiosk."""

    code = "outbox.bundle_invalid"
    exit_status = 2


class ProvisioningInvalid(OutboxError):
    code = "outbox.provisioning_invalid"
    exit_status = 2
