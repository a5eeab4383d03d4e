"""Drives one applicant's `EnrollmentFlow` from the GUI: intents in, snapshots out as signals.

The flow itself is Qt-free and cheap (a rules evaluation takes ~0.1 ms), so intents run on the
GUI thread. What touches the vault (autosave, resume, cancel's delete, submit) runs on the vault
worker; reading wedge text and rendering the card and receipt run on a background job thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
from PySide6.QtCore import QObject, Signal

from kiosk.capture.sources import Frame
from kiosk.enrollment import (
    ApplicationIncomplete,
    DraftStore,
    EnrollmentFlow,
    FlowState,
    Step,
    Submitted,
    card_fields,
    receipt_fields,
    submit,
)
from kiosk.enrollment.drafts import Draft
from kiosk.errors import KioskError
from kiosk.i18n import (
    CatalogueMissing,
    I18nError,
    Translator,
    load_translator,
    source_translator,
    translated_languages,
)
from kiosk.reading.errors import MalformedPayload
from kiosk.reading.models import ReadResult
from kiosk.reading.wedge import read_text
from kiosk.rules import Program
from kiosk.staff import Session
from ui.controller import KioskController
from ui.messages import message_for
from ui.workers.job_worker import JobWorker

log = logging.getLogger("kiosk.ui.enrollment")

LOCALES = ("en", *(language.code for language in translated_languages()))


@dataclass(frozen=True)
class CardImages:
    front_png: bytes
    back_png: bytes
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class ReceiptImages:
    png: bytes
    pdf: bytes
    locale: str


def translator_for(code: str) -> Translator:
    """The applicant's language, or English when its catalogue is missing or damaged."""
    try:
        return load_translator(code)
    except (CatalogueMissing, I18nError, KioskError):
        log.warning("no usable catalogue for %s: showing English", code)
        return source_translator()


class EnrollmentSession(QObject):
    """Owns the open flow (at most one) and the jobs around it.

    Signals are past-tense events; `state_changed` carries every new `FlowState`.
    """

    flow_started = Signal(object)  # FlowState of a new or resumed application
    state_changed = Signal(object)  # FlowState
    flow_closed = Signal()  # the application left memory (cancelled, finished or signed out)
    submit_failed = Signal(str)
    submitted = Signal(object)  # Submitted
    drafts_listed = Signal(object)  # list[DraftInfo]
    draft_failed = Signal(str)
    scan_finished = Signal(object)  # ScanOutcome
    scan_failed = Signal(str)
    card_rendered = Signal(object)  # CardImages
    receipt_rendered = Signal(object)  # ReceiptImages

    def __init__(
        self,
        controller: KioskController,
        jobs: JobWorker,
        load_program: Callable[[str], Program],
        read_image: Callable[[Frame, date], ReadResult],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read_image = read_image
        self._controller = controller
        self._jobs = jobs
        self._load_program = load_program
        self._program: Program | None = None
        self._flow: EnrollmentFlow | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._drafts: tuple[Session, DraftStore] | None = None
        self._saved_step: Step | None = None
        self._render_generation = 0
        # The language the applicant chose to read in on the confirmation screen, if they
        # switched there; the recorded preferred languages stay as the type step set them.
        self._reading_locale: str | None = None

    # --- what screens read ----------------------------------------------------------------

    @property
    def flow(self) -> EnrollmentFlow | None:
        return self._flow

    @property
    def program(self) -> Program:
        wanted = self._controller.settings.program
        if self._program is None or self._program.id != wanted:
            self._program = self._load_program(wanted)
        return self._program

    @property
    def state(self) -> FlowState | None:
        return None if self._flow is None else self._flow.state

    def require_flow(self) -> EnrollmentFlow:
        if self._flow is None:
            raise RuntimeError("no application is open")
        return self._flow

    # --- starting and ending --------------------------------------------------------------

    def _session(self) -> Session:
        # The controller owns the signed-in session; enrollment runs its jobs with it on the
        # vault thread like every other screen's intents.
        session = self._controller.session
        if session is None:
            raise RuntimeError("no one is signed in")
        return session

    def _signed_in(self) -> bool:
        return self._controller.session is not None and self._controller.member is not None

    def _draft_store(self) -> DraftStore:
        session = self._session()
        if self._drafts is None or self._drafts[0] is not session:
            self._drafts = (session, DraftStore(session))
        return self._drafts[1]

    def _operator(self) -> str:
        member = self._controller.member
        if member is None:
            raise RuntimeError("no one is signed in")
        return member.username

    def start_new(self) -> None:
        flow = EnrollmentFlow(
            self.program,
            clock=self._controller.clock,
            operator=self._operator(),
            on_discard=self._on_flow_discarded,
            locales=LOCALES,
        )
        self._open(flow)

    def resume(self, draft_id: str) -> None:
        drafts = self._draft_store()

        def loaded(draft: Draft | None) -> None:
            if draft is None:
                self.draft_failed.emit("That draft is gone (it was submitted or cancelled).")
                self.list_drafts()
                return
            flow = EnrollmentFlow.resume(
                self.program,
                draft,
                clock=self._controller.clock,
                operator=self._operator(),
                on_discard=self._on_flow_discarded,
                locales=LOCALES,
            )
            self._open(flow)

        self._controller.worker.submit(
            lambda: drafts.load(draft_id), loaded, lambda e: self.draft_failed.emit(message_for(e))
        )

    def list_drafts(self) -> None:
        if not self._signed_in():
            return
        drafts = self._draft_store()
        self._controller.worker.submit(
            drafts.list_drafts,
            self.drafts_listed.emit,
            lambda e: self.draft_failed.emit(message_for(e)),
        )

    def _open(self, flow: EnrollmentFlow) -> None:
        self.forget()
        self._flow = flow
        self._saved_step = flow.state.step
        self._unsubscribe = flow.subscribe(self._on_flow_changed)
        self.flow_started.emit(flow.state)
        self.state_changed.emit(flow.state)

    def reading_locale(self, state: FlowState) -> str:
        """The applicant's reading language: their switch on the confirmation screen, if any."""
        return self._reading_locale or state.receipt_locale

    def set_reading_locale(self, code: str | None) -> None:
        self._reading_locale = code

    def forget(self) -> None:
        """Drop the application from memory (its draft stays in the vault if it is open)."""
        self._reading_locale = None
        if self._unsubscribe is not None:
            self._unsubscribe()
        had_flow = self._flow is not None
        self._flow = None
        self._unsubscribe = None
        self._saved_step = None
        self._render_generation += 1  # results of renders in flight are ignored
        if had_flow:
            self.flow_closed.emit()

    def signed_out(self) -> None:
        """The vault session closed: forget the applicant and the session's draft store."""
        self.forget()
        self._drafts = None

    def cancel(self) -> None:
        flow = self.require_flow()
        flow.cancel()  # calls _on_flow_discarded, which deletes the draft on the vault thread
        self.forget()

    def _on_flow_discarded(self, draft_id: str) -> None:
        drafts = self._draft_store()
        self._controller.worker.submit(
            lambda: drafts.delete(draft_id), failed=lambda e: self.draft_failed.emit(message_for(e))
        )

    # --- autosave ---------------------------------------------------------------------------

    def _on_flow_changed(self, state: FlowState) -> None:
        if not state.is_open:
            self._render_generation += 1  # a card preview still rendering is dropped
        if state.is_open and state.step is not self._saved_step:
            self._saved_step = state.step
            self.save_now()
        self.state_changed.emit(state)

    def save_now(self) -> None:
        """Autosave the open application (on the vault thread); closed flows write nothing."""
        state = self.state
        if state is None or not state.is_open or state.submitting:
            return
        if not self._signed_in():
            return
        drafts = self._draft_store()
        self._controller.worker.submit(
            lambda: drafts.autosave(state), failed=lambda e: self.draft_failed.emit(message_for(e))
        )

    # --- moving -----------------------------------------------------------------------------

    def next(self) -> bool:
        return self.require_flow().next()

    def back(self) -> None:
        self.require_flow().back()

    # --- submit -----------------------------------------------------------------------------

    def submit(self) -> None:
        flow = self.require_flow()
        try:
            snapshot = flow.prepare_submission()
        except ApplicationIncomplete:
            self.submit_failed.emit(
                "Something on an earlier step still needs attention: it is shown now."
            )
            return
        session, drafts, program = self._session(), self._draft_store(), self.program

        def failed(error: BaseException) -> None:
            if self._flow is flow:
                flow.abort_submission()
            if not isinstance(error, KioskError):
                self._controller.bug_happened.emit(error)
            self.submit_failed.emit(message_for(error))

        self._controller.worker.submit(
            lambda: submit(session, snapshot, program, drafts=drafts),
            lambda done: self._on_submit_done(flow, done),
            failed,
        )

    def _on_submit_done(self, flow: EnrollmentFlow, done: Submitted) -> None:
        flow.complete_submission(done)
        self._controller.wake_delivery()
        self._controller.refresh_summary()
        self.submitted.emit(done)

    # --- reading and rendering ----------------------------------------------------------------

    def scan_text(self, text: str, document_id: str | None) -> None:
        """A keyboard-wedge scan (MRZ lines or an AAMVA payload), parsed off the GUI thread."""
        flow = self.require_flow()
        today = self._controller.clock().astimezone().date()

        def done(reading: ReadResult) -> None:
            if self._flow is not flow or not flow.state.is_open:
                return  # cancelled meanwhile: the reading is dropped with everything else
            if reading.kind is None:
                self.scan_failed.emit(NOT_A_DOCUMENT)
                return
            self.scan_finished.emit(flow.apply_scan(reading, document_id=document_id))

        def failed(error: BaseException) -> None:
            if isinstance(error, MalformedPayload):
                self.scan_failed.emit(NOT_A_DOCUMENT)
            else:
                self.scan_failed.emit(message_for(error))

        self._jobs.submit(lambda: read_text(text, today=today), done, failed)

    def scan_image(self, frame: Frame, document_id: str | None) -> None:
        """A camera frame of a document, read on the job thread; the frame is then dropped."""
        flow = self.require_flow()
        today = self._controller.clock().astimezone().date()
        reader = self._read_image
        pixels = np.array(frame, copy=True)  # the camera reuses its buffers

        def done(reading: ReadResult) -> None:
            if self._flow is not flow or not flow.state.is_open:
                return
            if reading.kind is None:
                self.scan_failed.emit(NOTHING_ON_CAMERA)
                return
            self.scan_finished.emit(flow.apply_scan(reading, document_id=document_id))

        self._jobs.submit(
            lambda: reader(pixels, today), done, lambda e: self.scan_failed.emit(message_for(e))
        )

    def render_card(self) -> None:
        state, program = self.state, self.program
        fields = None if state is None else card_fields(state, program)
        if state is None or fields is None:
            return
        translator = translator_for(state.receipt_locale)
        generation = self._render_generation

        def job() -> CardImages:
            from kiosk.documents import render_card_back, render_card_front  # noqa: PLC0415

            front = render_card_front(fields, translator)
            back = render_card_back(fields, translator)
            return CardImages(front.png, back.png, front.warnings + back.warnings)

        def done(images: CardImages) -> None:
            current = self.state
            if generation == self._render_generation and current is not None and current.is_open:
                self.card_rendered.emit(images)

        self._jobs.submit(job, done)

    def render_receipt(self, site: str) -> None:
        state, program = self.state, self.program
        fields = (
            None
            if state is None
            else receipt_fields(state, site=site, program_name=program.name, program_contact=())
        )
        if state is None or fields is None:
            return
        locale = self.reading_locale(state)
        translator = translator_for(locale)
        generation = self._render_generation

        def job() -> ReceiptImages:
            from kiosk.documents import receipt_pdf, render_receipt  # noqa: PLC0415

            rendered = render_receipt(fields, translator)
            return ReceiptImages(rendered.png, receipt_pdf(rendered), locale)

        def done(images: ReceiptImages) -> None:
            if generation == self._render_generation and self._flow is not None:
                self.receipt_rendered.emit(images)

        self._jobs.submit(job, done)


NOTHING_ON_CAMERA = (
    "Nothing readable: hold the licence barcode or the passport's zone flat and close to the "
    "camera, away from glare, then read again."
)
NOT_A_DOCUMENT = (
    "That scan is not a passport or ID card zone (MRZ) or a licence barcode. "
    "Scan again, or type the details."
)
