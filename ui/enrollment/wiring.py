"""Builds the enrollment part of the GUI (session, screen, drafts list) for the main window.

One place that owns the enrollment threads (the background job thread and the camera workers),
so the main window can stop them all at exit with one call.
"""

from __future__ import annotations

from kiosk.enrollment import FlowState
from ui.controller import KioskController
from ui.enrollment.services import EnrollmentServices
from ui.enrollment.session import EnrollmentSession
from ui.screens.enrollment.drafts_panel import DraftsPanel
from ui.screens.enrollment.screen import EnrollmentScreen
from ui.workers.job_worker import JobWorker


class Enrollment:
    def __init__(self, controller: KioskController, services: EnrollmentServices) -> None:
        self.controller = controller
        self.jobs = JobWorker("enrollment-jobs", cancel_pending_on_stop=True)
        self.session = EnrollmentSession(
            controller, self.jobs, services.load_program, services.read_document_image
        )
        self.screen = EnrollmentScreen(self.session, services)
        self.drafts_panel = DraftsPanel()
        self.drafts_panel.resume_requested.connect(self.session.resume)
        self.session.drafts_listed.connect(self.drafts_panel.show_drafts)
        self.session.flow_closed.connect(self._on_session_flow_closed)
        self.session.submitted.connect(lambda _: self.session.list_drafts())
        controller.settings_loaded.connect(
            lambda settings: setattr(self.screen.receipt, "site", settings.site_name)
        )

    def _on_session_flow_closed(self) -> None:
        if self.controller.member is not None and not self.controller.locked:
            self.session.list_drafts()

    @property
    def state(self) -> FlowState | None:
        return self.session.state

    def start_or_continue(self) -> None:
        if self.session.flow is None or not self.session.flow.state.is_open:
            self.session.start_new()

    def shutdown(self) -> None:
        self.screen.shutdown()
        self.jobs.stop()
