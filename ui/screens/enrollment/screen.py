"""The enrollment workflow screen: step indicator, the current step's page, and navigation.

It renders the session's `FlowState` and turns keys and buttons into intents. Keyboard:
Enter = Next (not on the confirmation step: submitting takes its own button), Esc = Back
(going back never discards anything), PageDown/PageUp and Ctrl+→/← = next/back (Ctrl+arrows
keep moving by word inside text fields). Hiding the screen (the lock screen, Home, sign-out)
saves the draft and stops the camera; showing it again restarts the camera on the photo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.enrollment import FlowState, Outcome, Step
from kiosk.i18n import N_
from kiosk.paths import assets_dir
from ui.enrollment.services import EnrollmentServices
from ui.enrollment.session import EnrollmentSession
from ui.screens.enrollment.confirm_step import ConfirmStep
from ui.screens.enrollment.details_step import DetailsStep
from ui.screens.enrollment.documents_step import DocumentsStep
from ui.screens.enrollment.fields import refocus
from ui.screens.enrollment.page import StepPage
from ui.screens.enrollment.photo_step import PhotoStep
from ui.screens.enrollment.receipt_step import ReceiptStep
from ui.screens.enrollment.review_step import ReviewStep
from ui.screens.enrollment.step_indicator import StepIndicator
from ui.screens.enrollment.type_step import TypeStep
from ui.widgets.common import StatusLine, button, primary_button


def load_enrollment_style() -> str:
    path = assets_dir() / "styles" / "enrollment.qss"
    return path.read_text(encoding="utf-8") if path.exists() else ""


class EnrollmentScreen(QWidget):
    closed = Signal()  # the operator is done (cancelled, finished or left): show home

    def __init__(
        self,
        session: EnrollmentSession,
        services: EnrollmentServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("enrollmentScreen")
        self.setStyleSheet(load_enrollment_style())
        self.session = session
        self._shown_step: Step | None = None
        self._current_step = Step.TYPE
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(8)
        self.indicator = StepIndicator()
        self.indicator.step_chosen.connect(self._on_indicator_step_chosen)
        layout.addWidget(self.indicator)

        self.pages: dict[Step, StepPage] = {
            Step.TYPE: TypeStep(session),
            Step.DETAILS: DetailsStep(session),
            Step.DOCUMENTS: DocumentsStep(session, services),
            Step.PHOTO: PhotoStep(session, services),
            Step.REVIEW: ReviewStep(session),
            Step.CONFIRM: ConfirmStep(session, use_second_screen=services.use_second_screen),
            Step.RECEIPT: ReceiptStep(session),
        }
        # One scroll area per page: a stack sizes itself to its largest page, so a shared
        # scroll area would scroll short steps as far as the longest one.
        self.stack = QStackedWidget()
        self.scrollers: dict[Step, QScrollArea] = {}
        for step, page in self.pages.items():
            scroller = QScrollArea()
            scroller.setObjectName("stepScroll")
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QFrame.Shape.NoFrame)
            scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            # Tab walks the fields, not the frame around them (it follows focus by itself).
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroller.setWidget(page)
            self.scrollers[step] = scroller
            self.stack.addWidget(scroller)
        layout.addWidget(self.stack, 1)

        self._build_nav(layout)
        self._shortcuts()

        session.state_changed.connect(self._on_session_state_changed)
        session.flow_started.connect(self._on_session_flow_started)
        session.draft_failed.connect(self.status.show_error)
        session.submit_failed.connect(self._on_session_submit_failed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focus_changed)

    def _build_nav(self, layout: QVBoxLayout) -> None:
        self.status = StatusLine()
        layout.addWidget(self.status)
        nav = QHBoxLayout()
        self.cancel_button = button(N_("Cancel application…"))
        # No mnemonic: the top bar holds B and K; Esc and PageUp go back.
        self.back_button = button(N_("← Back"))
        self.back_button.setToolTip("Esc or PageUp")
        self.next_button_tip = "Enter or PageDown"
        self.next_button = primary_button(N_("Ne&xt →"))
        self.next_button.setDefault(False)
        self.next_button.setToolTip(self.next_button_tip)
        nav.addWidget(self.cancel_button)
        nav.addStretch(1)
        nav.addWidget(self.back_button)
        nav.addWidget(self.next_button)
        layout.addLayout(nav)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.receipt.finished.connect(self._on_receipt_finished)
        self.receipt.another_requested.connect(self._on_receipt_another_requested)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("PgDown", self.go_next),
            ("Ctrl+Right", self.go_next),
            ("PgUp", self.go_back),
            ("Ctrl+Left", self.go_back),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=context)

    # --- pages -------------------------------------------------------------------------------

    @property
    def receipt(self) -> ReceiptStep:
        page = self.pages[Step.RECEIPT]
        assert isinstance(page, ReceiptStep)
        return page

    @property
    def photo(self) -> PhotoStep:
        page = self.pages[Step.PHOTO]
        assert isinstance(page, PhotoStep)
        return page

    @property
    def current_page(self) -> StepPage:
        return self.pages[self._current_step]

    # --- intents -----------------------------------------------------------------------------

    def go_next(self) -> None:
        state = self.session.state
        if state is None or not state.is_open or state.submitting:
            return
        if state.step is Step.CONFIRM:
            return  # submitting is its own, deliberate button
        self.status.clear_status()
        if not self.session.next():
            self.status.show_error("Some fields need attention: see the messages beside them.")
            self._focus_first_problem()

    def go_back(self) -> None:
        state = self.session.state
        if state is None or not state.can_go_back:
            return
        self.status.clear_status()
        self.session.back()

    def _on_indicator_step_chosen(self, step: Step) -> None:
        state = self.session.state
        if state is None or not state.is_open or state.submitting or step is state.step:
            return
        if step in state.reachable and not self.session.require_flow().go_to(step):
            self.status.show_error("Some fields need attention: see the messages beside them.")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
            return
        if plain and key == Qt.Key.Key_Escape:
            self.go_back()
            return
        super().keyPressEvent(event)

    def _on_cancel_button_clicked(self) -> None:
        if self.session.flow is None:
            return
        confirmed = self.ask_to_cancel()
        refocus(self.cancel_button)
        if confirmed:
            self.cancel_application()

    def ask_to_cancel(self) -> bool:
        """The question is in the box itself: without a window manager there is no title bar."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Cancel this application?")
        box.setText("Cancel this application?")
        box.setInformativeText(
            "Everything entered for this applicant is deleted from the kiosk, including the "
            "saved draft. This cannot be undone."
        )
        delete = box.addButton("&Delete the application", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is delete

    def cancel_application(self) -> None:
        self.session.cancel()
        self.clear()
        self.closed.emit()

    def _on_receipt_finished(self) -> None:
        self.session.forget()
        self.clear()
        self.closed.emit()

    def _on_receipt_another_requested(self) -> None:
        self.session.forget()
        self.clear()
        self.session.start_new()

    def _on_session_submit_failed(self, message: str) -> None:
        # The confirmation step shows its own failures; an incomplete step moved the flow away.
        if self._current_step is not Step.CONFIRM:
            self.status.show_error(message)

    def save_draft(self) -> None:
        self.session.save_now()

    def leave(self) -> None:
        """Signed out: the draft was saved; drop the applicant from memory and every widget."""
        self.session.signed_out()
        self.clear()

    # --- rendering ---------------------------------------------------------------------------

    def _on_session_flow_started(self, state: FlowState) -> None:
        self.clear()

    def _on_session_state_changed(self, state: FlowState) -> None:
        if state.outcome is Outcome.CANCELLED:
            return  # cancel_application clears everything
        if state.outcome is Outcome.SUBMITTED:
            self._clear_entry_pages()
        self.indicator.show_state(state)
        page = self.pages[state.step]
        if self._shown_step is not state.step:
            if self._shown_step is not None:
                self.pages[self._shown_step].left()
            self._shown_step = state.step
            self._current_step = state.step
            self.stack.setCurrentWidget(self.scrollers[state.step])
            self.scrollers[state.step].verticalScrollBar().setValue(0)
            if self.isVisible():
                page.entered()
                page.focus_first()
                self._keep_focus_on_screen()
        shown = page.show_state(state)
        elsewhere = [p.message for p in state.problems if p.field not in shown]
        if elsewhere:
            self.status.show_error(" ".join(elsewhere))
        elif not state.problems and self.status.property("kind") == "error":
            self.status.clear_status()
        open_ = state.is_open and not state.submitting
        self.back_button.setVisible(state.is_open and state.step is not Step.TYPE)
        self.back_button.setEnabled(open_)
        self.next_button.setVisible(state.is_open and state.step is not Step.CONFIRM)
        self.next_button.setEnabled(open_)
        self.cancel_button.setVisible(state.is_open)
        self.cancel_button.setEnabled(open_)

    def _keep_focus_on_screen(self) -> None:
        """A step with nothing to type (the review) still needs the keyboard: give it Next."""
        focused = self.window().focusWidget()  # even while another window is active
        page = self.scrollers[self._current_step]
        # The stack hands focus to the page frame itself when it switches; that is not a field.
        if (
            focused is None
            or focused is page
            or not page.isAncestorOf(focused)
            or not focused.isVisible()
            or focused.focusPolicy() == Qt.FocusPolicy.NoFocus
        ):
            target = self.next_button if self.next_button.isVisible() else self.back_button
            target.setFocus()

    def _focus_first_problem(self) -> None:
        for message in self.current_page.messages:
            if message.isVisibleTo(self.current_page) and message.target is not None:
                message.target.setFocus()
                return

    def _on_app_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        scroller = self.scrollers[self._current_step]
        if new is not None and scroller.isAncestorOf(new):
            scroller.ensureWidgetVisible(new, 40, 60)

    def _clear_entry_pages(self) -> None:
        for step, page in self.pages.items():
            if step is not Step.RECEIPT:
                page.clear()

    def clear(self) -> None:
        """Memory hygiene: no page keeps text, pictures or the camera after the applicant."""
        for page in self.pages.values():
            page.left()
            page.clear()
        self._shown_step = None
        self.status.clear_status()
        self._current_step = Step.TYPE
        self.stack.setCurrentWidget(self.scrollers[Step.TYPE])

    # --- visibility: the lock screen, Home, sign-out -----------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._shown_step is not None and not event.spontaneous():
            self.current_page.entered()
            self.current_page.focus_first()
            self._keep_focus_on_screen()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        if not event.spontaneous():
            self.current_page.left()
            self.session.save_now()
        super().hideEvent(event)

    def shutdown(self) -> None:
        """At exit: stop the camera threads and close the applicant's window."""
        self.photo.shutdown()
        confirm = self.pages[Step.CONFIRM]
        assert isinstance(confirm, ConfirmStep)
        confirm.shutdown()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.disconnect(self._on_app_focus_changed)
