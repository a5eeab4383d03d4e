"""The enrollment state machine: screens render its `state` and send it intents, nothing more.

Qt-free and synchronous. Every intent replaces the immutable application, re-evaluates the
rules (cheap) and tells listeners with a fresh `FlowState`. Back and forward keep everything;
`next()` refuses to leave a step with problems and shows them; `cancel()` and `submit()` drop
every reference to the applicant's data, photo and readings.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from kiosk.capture.photo import CardPhoto
from kiosk.clock import Clock
from kiosk.enrollment import validation as check
from kiosk.enrollment.catalogue import DocumentChoice, search_documents
from kiosk.enrollment.drafts import Draft
from kiosk.enrollment.errors import (
    ApplicationIncomplete,
    FlowBusy,
    FlowClosed,
    StepNotReachable,
)
from kiosk.enrollment.languages import LanguageChoice, receipt_locale
from kiosk.enrollment.model import (
    EMPTY_APPLICATION,
    Application,
    ApplicationType,
    DocumentEntry,
    DocumentOwner,
    Submitted,
    clean_text,
    details_with,
)
from kiosk.enrollment.scan import ScanConflict, ScanOutcome, prefill
from kiosk.enrollment.state import ENTRY_STEPS, STEPS, FlowState, Outcome, Step, points_meter
from kiosk.enrollment.steps import validate_step
from kiosk.enrollment.validation import FieldProblem
from kiosk.reading.evidence import Attestation, EvidencePolicy, build_evidence
from kiosk.reading.models import ReadResult
from kiosk.rules import PresentedDocument, Program, RulesError, Verdict, evaluate

Listener = Callable[[FlowState], None]
Submitter = Callable[[FlowState], Submitted]


class EnrollmentFlow:
    """One applicant's enrollment, from the application type to the receipt.

    `operator` is the signed-in staff user name (it signs document attestations). `submitter`
    seals and queues the record (`kiosk.enrollment.submit.submit` bound to a session); screens
    that seal on a worker use `prepare_submission()` / `complete_submission()` instead.
    `on_discard(draft_id)` is called on cancel so the draft row can be deleted (on the vault
    thread). `locales` are the catalogues available for the applicant-facing screens.
    """

    def __init__(
        self,
        program: Program,
        *,
        clock: Clock,
        operator: str,
        submitter: Submitter | None = None,
        on_discard: Callable[[str], None] | None = None,
        locales: Sequence[str] = (),
        draft_id: str | None = None,
        started_at: datetime | None = None,
        application: Application = EMPTY_APPLICATION,
        step: Step = Step.TYPE,
        visited: Iterable[Step] = (),
    ) -> None:
        if step is Step.RECEIPT:
            raise StepNotReachable("a flow cannot start on the receipt")
        self.program = program
        self._clock = clock
        self._operator = operator
        self._submitter = submitter
        self._on_discard = on_discard
        self._locales = tuple(locales)
        self._policy = EvidencePolicy.from_program(program.evidence)
        self._draft_id = draft_id or "d-" + uuid.uuid4().hex
        self._started_at = started_at or clock()
        self._app = application
        self._step: Step = step
        self._visited = {Step.TYPE, step, *visited} - {Step.RECEIPT}
        self._shown: set[Step] = set()
        self._conflicts: tuple[ScanConflict, ...] = ()
        self._outcome = Outcome.OPEN
        self._submitting = False
        self._receipt: Submitted | None = None
        self._listeners: list[Listener] = []
        self._verdict: Verdict | None = None
        self._closed_locale = ""
        self._state = self._build_state()

    @classmethod
    def resume(cls, program: Program, draft: Draft, **kwargs: Any) -> EnrollmentFlow:
        """Continue a saved draft (after a crash or a break); documents and agency verifications
        this program no longer lists are dropped, so the operator sees them missing rather than
        a broken verdict."""
        known = tuple(
            d
            for d in draft.application.documents
            if program.is_relationship_document(d.presented.id)
            or any(t.id == d.presented.id for t in program.documents)
        )
        return cls(
            program,
            draft_id=draft.draft_id,
            started_at=draft.created_at,
            application=dataclasses.replace(
                draft.application,
                documents=known,
                agency_verifications=tuple(
                    a
                    for a in draft.application.agency_verifications
                    if any(v.id == a for v in program.agency_verifications)
                ),
            ),
            step=draft.step,
            visited=draft.visited,
            **kwargs,
        )

    # --- observing ----------------------------------------------------------------------

    @property
    def state(self) -> FlowState:
        return self._state

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(state)` after every change; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def refresh(self) -> None:
        """Build the state again and tell the listeners, changing nothing in the application.

        Its texts (the rules' suggestions, the problems) are written in the current translator's
        language (kiosk.i18n.translating); call this after that language changed.
        """
        self._publish()

    def search_documents(self, query: str) -> tuple[DocumentChoice, ...]:
        return search_documents(self.program, query, caretaker=self._state.caretaker_section)

    # --- step 1 -------------------------------------------------------------------------

    def set_type(self, application_type: ApplicationType) -> None:
        self._change(application_type=ApplicationType(application_type))

    def set_languages(self, choices: Sequence[LanguageChoice]) -> None:
        cleaned = tuple(LanguageChoice(c.code, clean_text(c.other).strip()) for c in choices)
        self._change(languages=cleaned)

    # --- step 2 -------------------------------------------------------------------------

    def update_details(self, **fields: object) -> None:
        """Set applicant-details fields by name (see `ApplicantDetails`); text is kept as typed."""
        details = details_with(self._app.details, fields)
        # A field the operator has just set is no longer in conflict with the last reading.
        self._conflicts = tuple(c for c in self._conflicts if c.field not in fields)
        self._change(details=details)

    # --- step 3 -------------------------------------------------------------------------

    def add_document(
        self,
        doc_id: str,
        *,
        owner: DocumentOwner = DocumentOwner.APPLICANT,
        expires: date | None = None,
        dated: date | None = None,
        nyc_address: bool | None = None,
        postal_code: str | None = None,
        photo: bool | None = None,
        dob: bool | None = None,
    ) -> None:
        """Add a document (or update the facts of one already added, keeping its reading)."""
        if not self.program.is_relationship_document(doc_id):
            self.program.document(doc_id)  # raises UnknownDocument
        presented = PresentedDocument(doc_id, expires, dated, nyc_address, postal_code, photo, dob)
        owner = DocumentOwner(owner)
        existing = self._entry(doc_id, owner)
        entry = DocumentEntry(presented, owner, existing.evidence if existing else None)
        self._put_document(entry)

    def remove_document(
        self, doc_id: str, *, owner: DocumentOwner = DocumentOwner.APPLICANT
    ) -> None:
        key = (doc_id, DocumentOwner(owner))
        self._change(documents=tuple(d for d in self._app.documents if d.key != key))

    def apply_scan(
        self,
        reading: ReadResult,
        *,
        document_id: str | None = None,
        owner: DocumentOwner = DocumentOwner.APPLICANT,
        image_jpeg: bytes | None = None,
    ) -> ScanOutcome:
        """Prefill empty fields from a reading and report conflicts; overwrite nothing.

        With `document_id` the reading also becomes that document's evidence (under the
        program's policy; `image_jpeg` is dropped here unless the policy keeps images) and
        fills its expiry date when none was entered. A caretaker's document fills nothing
        of the applicant's.
        """
        self._check_open()
        details = self._app.details
        filled: tuple[str, ...] = ()
        conflicts: tuple[ScanConflict, ...] = ()
        if reading.fields is not None and DocumentOwner(owner) is DocumentOwner.APPLICANT:
            details, filled, conflicts = prefill(details, reading.fields)
        changes: dict[str, object] = {"details": details}
        if document_id is not None:
            if self._entry(document_id, DocumentOwner(owner)) is None:
                self.add_document(document_id, owner=owner)
            entry = self._entry(document_id, DocumentOwner(owner))
            assert entry is not None
            evidence = build_evidence(
                reading,
                self._policy,
                attestation=Attestation(self._operator),
                image=image_jpeg if self._policy is EvidencePolicy.IMAGE else None,
            )
            presented = entry.presented
            expiry = None if reading.fields is None else reading.fields.expiry_date
            if presented.expires is None and expiry is not None:
                presented = dataclasses.replace(presented, expires=expiry)
                filled = (*filled, f"documents.{document_id}.expires")
            updated = dataclasses.replace(entry, presented=presented, evidence=evidence)
            changes["documents"] = self._with_entry(updated)
        self._conflicts = conflicts
        self._change(**changes)
        return ScanOutcome(filled, conflicts, reading.valid, reading.problems)

    def set_caretaker(self, chosen: bool) -> None:
        self._change(caretaker_chosen=bool(chosen))

    def set_caretaker_attestation(self, given: bool) -> None:
        self._change(caretaker_attestation=bool(given))

    def set_agency_verifications(self, agency_ids: Sequence[str]) -> None:
        for agency_id in agency_ids:
            self.program.agency_verification(agency_id)  # raises UnknownAgencyVerification
        self._change(agency_verifications=tuple(dict.fromkeys(agency_ids)))

    # --- steps 4 to 6 -------------------------------------------------------------------

    def set_photo(self, photo: CardPhoto | None) -> None:
        self._change(photo=photo)

    def set_attestation(self, attested: bool) -> None:
        self._change(attested=bool(attested))

    # --- moving -------------------------------------------------------------------------

    def next(self) -> bool:
        """Go to the next step if this one is valid; otherwise stay and show its problems."""
        self._check_open()
        if self._step is Step.CONFIRM:
            raise StepNotReachable("the confirmation step ends with submit, not next")
        target = STEPS[self._step.position + 1]
        return self._advance_to(target)

    def back(self) -> None:
        self._check_open()
        if self._step is not Step.TYPE:
            self._move(STEPS[self._step.position - 1])

    def go_to(self, step: Step) -> bool:
        """Jump to a visited step; going forward validates every step on the way."""
        self._check_open()
        if step not in self._visited:
            raise StepNotReachable(f"the {step.value} step has not been reached yet")
        if step.position <= self._step.position:
            self._move(step)
            return True
        return self._advance_to(step)

    def cancel(self) -> None:
        """Drop the application from memory and ask for the draft row to be deleted.

        Refused (FlowBusy) while a submission is in progress: the record may be committing,
        and an operator told "cancelled" must not have queued it."""
        if self._outcome is not Outcome.OPEN:
            return
        if self._submitting:
            raise FlowBusy("the application is being submitted")
        self._close(Outcome.CANCELLED)
        if self._on_discard is not None:
            self._on_discard(self._draft_id)

    # --- submitting ---------------------------------------------------------------------

    def prepare_submission(self) -> FlowState:
        """Validate every step; the snapshot to seal, or ApplicationIncomplete (state moved
        to the first step with problems). Intents are refused until complete or abort."""
        self._check_open()
        if self._step is not Step.CONFIRM:
            raise StepNotReachable("submit from the confirmation step")
        for step in ENTRY_STEPS:
            if self._validate(step):
                self._shown.add(step)
                self._move(step)
                raise ApplicationIncomplete(f"the {step.value} step has problems")
        self._submitting = True
        self._publish()
        return self._state

    def abort_submission(self) -> None:
        """Sealing failed (not provisioned, disk full): nothing was lost, edit or retry."""
        if self._submitting:
            self._submitting = False
            self._publish()

    def complete_submission(self, submitted: Submitted) -> None:
        """The record is sealed and queued: forget the applicant, show the receipt."""
        if not self._submitting:
            raise FlowClosed("no submission is in progress")
        self._receipt = submitted
        self._close(Outcome.SUBMITTED)

    def submit(self) -> Submitted:
        """Validate, seal and queue with the injected submitter, then forget the applicant."""
        if self._submitter is None:
            raise FlowClosed("this flow was built without a submitter")
        snapshot = self.prepare_submission()
        try:
            submitted = self._submitter(snapshot)
        except BaseException:
            self.abort_submission()
            raise
        self.complete_submission(submitted)
        return submitted

    # --- internals ----------------------------------------------------------------------

    def _check_open(self) -> None:
        if self._outcome is not Outcome.OPEN:
            raise FlowClosed("this application was already submitted or cancelled")
        if self._submitting:
            raise FlowBusy("the application is being submitted")

    def _entry(self, doc_id: str, owner: DocumentOwner) -> DocumentEntry | None:
        return next((d for d in self._app.documents if d.key == (doc_id, owner)), None)

    def _with_entry(self, entry: DocumentEntry) -> tuple[DocumentEntry, ...]:
        documents = list(self._app.documents)
        for i, existing in enumerate(documents):
            if existing.key == entry.key:
                documents[i] = entry
                return tuple(documents)
        return (*documents, entry)

    def _put_document(self, entry: DocumentEntry) -> None:
        self._change(documents=self._with_entry(entry))

    def _change(self, **changes: object) -> None:
        self._check_open()
        self._app = dataclasses.replace(self._app, **changes)  # type: ignore[arg-type]
        self._publish()

    def _advance_to(self, target: Step) -> bool:
        for step in STEPS[self._step.position : target.position]:
            problems = self._validate(step)
            if step is Step.REVIEW:
                # The review step itself asks nothing; re-check everything before it, since
                # going back may have changed what an earlier step depends on.
                failing = next((s for s in STEPS[: step.position] if self._validate(s)), None)
                if failing is not None:
                    self._shown.add(failing)
                    self._move(failing)
                    return False
            if problems:
                self._shown.add(step)
                self._move(step)
                return False
        self._move(target)
        return True

    def _move(self, step: Step) -> None:
        self._step = step
        self._visited.add(step)
        self._publish()

    def _close(self, outcome: Outcome) -> None:
        # The one thing kept: the receipt is printed in the applicant's written language.
        self._closed_locale = receipt_locale(self._app.languages, self._locales)
        self._outcome = outcome
        self._submitting = False
        self._app = EMPTY_APPLICATION
        self._verdict = None
        self._conflicts = ()
        self._shown.clear()
        self._visited = set()
        self._step = Step.RECEIPT if outcome is Outcome.SUBMITTED else Step.TYPE
        self._publish()

    def _publish(self) -> None:
        self._state = self._build_state()
        for listener in list(self._listeners):
            listener(self._state)

    def _today(self) -> date:
        return self._clock().astimezone().date()

    def _validate(self, step: Step) -> list[FieldProblem]:
        return validate_step(step, self._app, self.program, self._today(), self._verdict)

    def _evaluate(self, age: int | None, caretaker_section: bool) -> Verdict | None:
        dob = check.parse_date(self._app.details.dob)
        if dob is None or age is None:
            return None
        app = self._app
        applicant = [d.presented for d in app.documents_of(DocumentOwner.APPLICANT)]
        caretaker = [d.presented for d in app.documents_of(DocumentOwner.CARETAKER)]
        if not caretaker_section:
            # What the screens no longer show must not count: a closed caretaker section
            # contributes no caretaker documents, relationship documents or attestation.
            applicant = [p for p in applicant if not self.program.is_relationship_document(p.id)]
            caretaker = []
        try:
            return evaluate(
                self.program,
                dob,
                self._today(),
                applicant,
                caretaker,
                caretaker_attestation=app.caretaker_attestation and caretaker_section,
                agency_verifications=app.agency_verifications,
            )
        except RulesError:  # pragma: no cover - ids and dates are checked before they get here
            return None

    def _build_state(self) -> FlowState:
        open_ = self._outcome is Outcome.OPEN
        age = check.applicant_age(self._app.details, self._today()) if open_ else None
        below = self.program.age.caretaker_below
        minimum = self.program.age.minimum
        required = age is not None and below is not None and minimum <= age < below
        section = required or self._app.caretaker_chosen
        self._verdict = self._evaluate(age, section) if open_ else None
        problems = tuple(self._validate(self._step)) if self._step in self._shown else ()
        visited = tuple(s for s in STEPS if s in self._visited)
        return FlowState(
            draft_id=self._draft_id,
            started_at=self._started_at,
            step=self._step,
            outcome=self._outcome,
            application=self._app,
            problems=problems,
            conflicts=self._conflicts,
            verdict=self._verdict,
            meter=points_meter(self.program, self._verdict, section),
            age=age,
            caretaker_required=required,
            caretaker_section=section,
            allowed_address_kinds=check.allowed_address_kinds(
                None if self._verdict is None else self._verdict.card_address
            ),
            visited=visited,
            reachable=visited if open_ else (),
            submitting=self._submitting,
            receipt=self._receipt,
            receipt_locale=receipt_locale(self._app.languages, self._locales)
            if open_
            else self._closed_locale,
        )
