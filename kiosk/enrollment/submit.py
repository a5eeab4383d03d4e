"""Submit: seal the record and, in one vault transaction, queue it, audit it, delete the draft.

Either all three happen and commit durably (WAL with synchronous=FULL: COMMIT returns after the
fsync), or none does and the draft is still there to retry. Call it on the vault's thread.
"""

from __future__ import annotations

import hashlib
from datetime import date

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.enrollment.drafts import DraftStore, delete_draft
from kiosk.enrollment.errors import AlreadySubmitted, ApplicationIncomplete, NotProvisioned
from kiosk.enrollment.model import AddressKind, Submitted
from kiosk.enrollment.numbers import new_application_number
from kiosk.enrollment.record import build_record
from kiosk.enrollment.state import ENTRY_STEPS, FlowState
from kiosk.enrollment.steps import validate_step
from kiosk.outbox.identity import KioskIdentity, load_identity
from kiosk.outbox.vault_store import insert_sealed
from kiosk.rules import Program
from kiosk.sealing import seal
from kiosk.staff import Session
from kiosk.vault.database import Connection

AUDIT_EXCERPT_ENTRIES = 8
_NUMBER_ATTEMPTS = 20


def record_id_for(draft_id: str) -> str:
    """One record per draft: a second submit of the same draft hits the primary key, so a
    double click or a retried worker can never queue the application twice. Draft ids are
    random, so the record id says nothing about the applicant, the kiosk or the time."""
    return "r-" + hashlib.sha256(b"kiosk-record\n" + draft_id.encode("utf-8")).hexdigest()[:24]


def _check_complete(state: FlowState, program: Program, today: date) -> None:
    if not state.is_open:
        raise ApplicationIncomplete("this application was already submitted or cancelled")
    for step in ENTRY_STEPS:
        if validate_step(step, state.application, program, today, state.verdict):
            raise ApplicationIncomplete(f"the {step.value} step has problems: nothing was sealed")


def submit(
    session: Session,
    state: FlowState,
    program: Program,
    identity: KioskIdentity | None = None,
    *,
    drafts: DraftStore | None = None,
) -> Submitted:
    """Seal and queue one application; `identity` defaults to the one in the vault.

    Raises NotProvisioned when the kiosk has no keys (the draft is untouched), and
    ApplicationIncomplete when a step still has problems.
    """
    identity = identity or load_identity(session.vault.conn)
    if identity is None:
        raise NotProvisioned(
            "This kiosk is not provisioned, so the application cannot be sealed. It is kept "
            "as a draft: ask a supervisor to run `kiosk provision`, then submit again."
        )
    now = session.clock()
    _check_complete(state, program, now.astimezone().date())
    record_id = record_id_for(state.draft_id)
    operator = session.member.username
    with session.vault.transaction() as conn:
        if conn.execute("SELECT 1 FROM submissions WHERE record_id = ?", (record_id,)).fetchone():
            raise AlreadySubmitted("This application was already submitted; it is queued once.")
        number = _unused_number(conn, identity.kiosk_id)
        recent = audit.entries(conn, limit=AUDIT_EXCERPT_ENTRIES)
        payload = build_record(
            state,
            program,
            operator=operator,
            application_number=number,
            submitted_at=now,
            audit_head_seq=recent[-1].seq if recent else 0,
            audit_hashes=[entry.hash for entry in recent],
        )
        envelope = seal(
            record_id,
            payload,
            identity.program_public_key,
            identity.signing_key,
            clock=session.clock,
        )
        insert_sealed(
            conn, envelope, application_number=number, submitted_by=session.member.id, at=now
        )
        audit.append(conn, at=now, actor=operator, action=AuditAction.SUBMITTED, subject=number)
        delete_draft(conn, state.draft_id)
    if drafts is not None:
        drafts.finished(state.draft_id)
    return Submitted(
        application_number=number,
        record_id=record_id,
        submitted_at=now,
        card_mailed=state.application.details.address_kind is not AddressKind.NONE,
    )


def _unused_number(conn: Connection, kiosk_id: str) -> str:
    """A number not yet used on this kiosk (35 random bits: a clash is rare, but checked)."""
    for _ in range(_NUMBER_ATTEMPTS):
        number = new_application_number(kiosk_id)
        taken = conn.execute(
            "SELECT 1 FROM submissions WHERE application_number = ?", (number,)
        ).fetchone()
        if taken is None:
            return number
    raise RuntimeError("no unused application number after many attempts")  # pragma: no cover
