"""Enrollment errors with stable codes, so screens and the CLI can say what to do next."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KioskError


class EnrollmentError(KioskError):
    code = "enrollment.error"


class NotProvisioned(EnrollmentError):
    """Submit needs the kiosk's keys; the draft is kept until a supervisor provisions the kiosk."""

    code = "enrollment.not_provisioned"


class ApplicationIncomplete(EnrollmentError):
    """Submit was asked for while a step still has problems; nothing was sealed."""

    code = "enrollment.incomplete"


class FlowClosed(EnrollmentError):
    """An intent arrived after submit or cancel; the flow holds nothing any more."""

    code = "enrollment.closed"


class StepNotReachable(InvalidInput):
    """`go_to` names a step that has not been visited yet (or the receipt before submit)."""

    code = "enrollment.step_not_reachable"


class UnknownLanguage(InvalidInput):
    code = "enrollment.unknown_language"


class UnknownField(InvalidInput):
    """`update_details` was given a name that is not an applicant-details field (a bug)."""

    code = "enrollment.unknown_field"


class DraftUnreadable(EnrollmentError):
    """A saved draft is of a format this version does not know, or is damaged."""

    code = "enrollment.draft_unreadable"


class FlowBusy(EnrollmentError):
    """An intent arrived while the record is being sealed; wait for the submit to finish."""

    code = "enrollment.busy"


class AlreadySubmitted(EnrollmentError):
    """The same draft was submitted twice (a double click, a retried worker): queued once."""

    code = "enrollment.already_submitted"
