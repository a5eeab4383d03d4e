"""The way into a new application: guard rails first, then a plain or appointment-based start.

Guard rails (kiosk.guardrails) warn early and block late; a backlog block can be lifted for
the day by a supervisor (audited), a disk-space block cannot. An application started from an
appointment is prefilled from it, and the appointment is marked enrolled after the submit.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from kiosk.appointments import Appointment, AppointmentBook
from kiosk.appointments.prefill import apply_prefill
from kiosk.enrollment import Submitted
from kiosk.guardrails import GuardRail, Level, OverrideToken, check_new_enrollment, override
from kiosk.staff import Session
from ui.controller import KioskController
from ui.enrollment.session import EnrollmentSession
from ui.messages import message_for
from ui.screens.override_dialog import OverrideDialog


def rail_text(rail: GuardRail) -> str:
    return " ".join(reason.text for reason in rail.reasons)


class EnrollmentGate(QObject):
    warned = Signal(str)  # started, with something staff should know (e.g. backlog growing)
    refused = Signal(str)  # not started, and why

    def __init__(
        self,
        controller: KioskController,
        session: EnrollmentSession,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._session = session
        self._dialog_parent = dialog_parent
        self._token: OverrideToken | None = None
        self._appointment_code: str | None = None
        self._dialog: OverrideDialog | None = None
        session.submitted.connect(self._on_session_submitted)

    def _run(self, job: Callable[[Session], object], done: Callable[[object], None]) -> None:
        session = self._controller.session
        if session is None:
            return
        self._controller.worker.submit(
            lambda: job(session), done, lambda error: self.refused.emit(message_for(error))
        )

    def request_new(self) -> None:
        self._through_the_rails(lambda: self._start(None))

    def request_from_appointment(self, code: str) -> None:
        def loaded(appointment: object) -> None:
            assert isinstance(appointment, Appointment)
            self._through_the_rails(lambda: self._start(appointment))

        self._run(lambda s: AppointmentBook(s).get(code), loaded)

    def _through_the_rails(self, start: Callable[[], None]) -> None:
        token = self._token

        def checked(result: object) -> None:
            assert isinstance(result, GuardRail)
            if result.allows_new_enrollment:
                start()
                if result.level is Level.WARN:
                    self.warned.emit(rail_text(result))
            elif result.can_override:
                self._ask_for_override(result, start)
            else:
                self.refused.emit(rail_text(result))

        self._run(lambda s: check_new_enrollment(s, override=token), checked)

    def _ask_for_override(self, rail: GuardRail, start: Callable[[], None]) -> None:
        dialog = OverrideDialog(rail_text(rail), self._dialog_parent)
        self._dialog = dialog

        def granted(token: object) -> None:
            assert isinstance(token, OverrideToken)
            self._token = token
            dialog.accept()
            start()

        def requested(supervisor: str, password: str, reason: str) -> None:
            session = self._controller.session
            if session is None:
                return
            self._controller.worker.submit(
                lambda: override(session, supervisor, password, reason),
                granted,
                lambda error: dialog.show_error(message_for(error)),
            )

        dialog.confirmed.connect(requested)
        dialog.finished.connect(lambda _result: setattr(self, "_dialog", None))
        dialog.open()

    def _start(self, appointment: Appointment | None) -> None:
        self._session.start_new()
        self._appointment_code = appointment.code if appointment is not None else None
        flow = self._session.flow
        if appointment is not None and flow is not None:
            apply_prefill(flow, appointment)

    def _on_session_submitted(self, done: Submitted) -> None:
        code, self._appointment_code = self._appointment_code, None
        if code is not None:
            # Only the application number links the appointment to the sealed record.
            self._run(
                lambda s: AppointmentBook(s).mark_enrolled(code, done.application_number),
                lambda _: None,
            )

    def signed_out(self) -> None:
        self._token = None  # an override belongs to the supervisor's day, not to the laptop
        self._appointment_code = None
