"""Supervisor operations on the outbox, shared by the CLI and the outbox screen.

Export to removable media and "send again" change what leaves the kiosk, so both check the
role and write the audit log. Listings carry application numbers and states, never names
(sealed records cannot be read here anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.errors import InvalidInput, NotPermitted
from kiosk.outbox.bundle import write_bundle
from kiosk.outbox.errors import OutboxError
from kiosk.outbox.identity import KioskIdentity, load_identity
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.staff import Role, Session


class NotProvisioned(OutboxError):
    code = "outbox.not_provisioned"


@dataclass(frozen=True)
class ExportResult:
    bundle: Path
    records: int


@dataclass(frozen=True)
class AttentionItem:
    record_id: str
    application_number: str
    submitted_at: str
    reason: str


def require_role(session: Session, role: Role, what: str) -> None:
    if not session.member.role.at_least(role):
        raise NotPermitted(f"Only a {role.value} or above may {what}.")


def require_identity(session: Session) -> KioskIdentity:
    identity = load_identity(session.vault.conn)
    if identity is None:
        raise NotProvisioned("This kiosk is not provisioned: run `kiosk provision --file ...`.")
    return identity


def export_sealed(session: Session, folder: Path) -> ExportResult:
    """Write every sealed record to a signed bundle in `folder`; they stay queued until receipts."""
    if not folder.is_dir():
        raise InvalidInput(f"{folder} is not a folder (is the medium mounted?)")
    require_role(session, Role.SUPERVISOR, "export records")
    identity = require_identity(session)
    store = VaultOutboxStore(session.vault.conn, clock=session.clock)
    envelopes = store.sealed_envelopes()
    path = write_bundle(folder, envelopes, identity.signing_key, clock=session.clock)
    with session.vault.transaction() as conn:
        store.mark_exported(conn, [e.record_id for e in envelopes])
        audit.append(
            conn,
            at=session.clock(),
            actor=session.member.username,
            action=AuditAction.EXPORTED,
            details={"count": len(envelopes)},
        )
    return ExportResult(path, len(envelopes))


def requeue(session: Session, record_id: str) -> str:
    """Send a record the intake asked about again; returns its application number."""
    require_role(session, Role.SUPERVISOR, "send a record again")
    row = session.vault.conn.execute(
        "SELECT application_number FROM submissions WHERE record_id = ?", (record_id,)
    ).fetchone()
    store = VaultOutboxStore(session.vault.conn, clock=session.clock)
    if row is None or not store.requeue(record_id):
        raise InvalidInput("That record is not waiting for a supervisor.")
    with session.vault.transaction() as conn:
        audit.append(
            conn,
            at=session.clock(),
            actor=session.member.username,
            action=AuditAction.RESENT,
            subject=str(row[0]),
        )
    return str(row[0])


def attention_items(session: Session) -> list[AttentionItem]:
    rows = session.vault.conn.execute(
        "SELECT record_id, application_number, submitted_at, coalesce(last_error, '')"
        " FROM submissions WHERE state = 'needs_attention' ORDER BY submitted_at"
    ).fetchall()
    return [AttentionItem(str(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]
