"""Step 6: the applicant checks the details in their language; the operator attests, then submits.

With a second display attached, the applicant's view also fills that screen, facing the
applicant; it closes when the step is left or the screen locks.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.enrollment import FlowState
from kiosk.i18n import N_
from ui.enrollment.session import EnrollmentSession, translator_for
from ui.screens.enrollment.applicant_view import ApplicantView, ApplicantWindow
from ui.screens.enrollment.fields import set_checked
from ui.screens.enrollment.page import StepPage
from ui.widgets.common import StatusLine, paragraph, primary_button

STATEMENT = N_(
    "The applicant checked these details, and I examined the original documents they showed."
)
SIDE_WIDTH = 380


class ConfirmStep(StepPage):
    title = N_("Applicant confirmation")
    intro = N_(
        "Turn the screen to the applicant (or point to the second display) and let them read "
        "their details in their language. Then tick the statement and submit."
    )

    def __init__(
        self,
        session: EnrollmentSession,
        *,
        use_second_screen: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self._use_second_screen = use_second_screen
        self._window: ApplicantWindow | None = None
        row = QHBoxLayout()
        self.applicant = ApplicantView()
        self.applicant.setMinimumWidth(520)
        self.applicant.language_chosen.connect(self._on_applicant_language_chosen)
        row.addWidget(self.applicant, 1)
        side_box = QWidget()
        side_box.setFixedWidth(SIDE_WIDTH)
        side = QVBoxLayout(side_box)
        side.setContentsMargins(0, 0, 0, 0)
        self.second_screen_note = paragraph("")
        side.addWidget(self.second_screen_note)
        side.addWidget(paragraph(STATEMENT))
        self.attested = QCheckBox(N_("I &attest to this"))
        self.attested.setAccessibleName("I attest: " + STATEMENT)
        self.attested.toggled.connect(lambda on: self.session.require_flow().set_attestation(on))
        side.addWidget(self.attested)
        side.addWidget(self.message("attested", self.attested))
        self.submit = primary_button(N_("&Submit application"))
        self.submit.setDefault(False)
        self.submit.clicked.connect(self._on_submit_button_clicked)
        side.addWidget(self.submit)
        self.status = StatusLine()
        side.addWidget(self.status)
        side.addStretch(1)
        row.addWidget(side_box, 0)
        self.body.addLayout(row)
        session.submit_failed.connect(self._on_session_submit_failed)

    def _on_applicant_language_chosen(self, code: str) -> None:
        # Only the reading language changes: everything entered stays as it is.
        self.session.set_reading_locale(code)
        state = self.session.state
        if state is not None:
            self.show_state(state)

    def _on_submit_button_clicked(self) -> None:
        self.status.show_info(N_("Sealing and saving the application…"))
        self.submit.setEnabled(False)
        self.session.submit()

    def _on_session_submit_failed(self, message: str) -> None:
        self.submit.setEnabled(True)
        self.status.show_error(message)

    def show_state(self, state: FlowState) -> set[str]:
        if state.is_open:
            translator = translator_for(self.session.reading_locale(state))
            self.applicant.show_state(state, translator)
            if self._window is not None and self._window.isVisible():
                self._window.view.show_state(state, translator)
            set_checked(self.attested, state.application.attested)
            self.submit.setEnabled(not state.submitting)
            self.attested.setEnabled(not state.submitting)
        return super().show_state(state)

    def entered(self) -> None:
        self.status.clear_status()
        state = self.session.state
        if not self._use_second_screen or state is None:
            return
        if self._window is None:
            self._window = ApplicantWindow()
            self._window.view.language_chosen.connect(self._on_applicant_language_chosen)
        self._window.view.show_state(state, translator_for(self.session.reading_locale(state)))
        shown = self._window.show_on_second_screen()
        self.second_screen_note.setText(
            self.t.gettext("The applicant's view is also on the second display.") if shown else ""
        )

    def left(self) -> None:
        if self._window is not None:
            self._window.hide()
            self._window.view.clear()

    def clear(self) -> None:
        super().clear()
        self.left()
        self.applicant.clear()
        set_checked(self.attested, False)
        self.status.clear_status()
        self.submit.setEnabled(True)

    def shutdown(self) -> None:
        if self._window is not None:
            self._window.close()
            self._window.deleteLater()
            self._window = None

    def focus_first(self) -> None:
        self.attested.setFocus()
