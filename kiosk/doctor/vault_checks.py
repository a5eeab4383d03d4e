"""Checks that need the vault open: its health, the kiosk's keys, and the upload backlog."""

from __future__ import annotations

from datetime import UTC, datetime

import nacl.exceptions

from kiosk import audit
from kiosk.config import Settings
from kiosk.dashboard import summarize
from kiosk.doctor.machine import span_text
from kiosk.doctor.model import Check, Detail, Status, worst
from kiosk.errors import VaultError
from kiosk.guardrails import Level, backlog_reasons, seconds_since
from kiosk.outbox.identity import KioskIdentity, load_identity
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.staff import Session
from kiosk.vault.migrations import current_version, latest_version
from kiosk.vault.vault import DB_FILENAME

# SQLite checkpoints the WAL at ~4 MB; one this large means checkpoints keep failing.
WAL_WARN_BYTES = 64 * 1024 * 1024
_PROBE_MESSAGE = b"kiosk doctor: the signing key signs and verifies"


def newest_audit_time(session: Session) -> datetime | None:
    """The latest time stamp among recent audit entries (a clock set back leaves later ones)."""
    times = [datetime.fromisoformat(e.at) for e in audit.entries(session.vault.conn, limit=50)]
    return max((t if t.tzinfo else t.replace(tzinfo=UTC) for t in times), default=None)


def check_vault(session: Session) -> Check:
    vault = session.vault
    findings: list[tuple[Status, str]] = []
    problems = vault.integrity_problems()
    if problems:
        findings.append(
            (
                Status.FAIL,
                f"The vault file has {len(problems)} damaged parts. Stop enrolling on this kiosk "
                "and call support (docs/operations.md, 'Recovering a vault').",
            )
        )
    version, latest = current_version(vault.conn), latest_version()
    if version != latest:
        findings.append(
            (Status.FAIL, f"The vault is at schema {version}, this program expects {latest}.")
        )
    chain = audit.verify(vault.conn)
    if not chain.ok:
        findings.append((Status.FAIL, "The audit log's chain is broken; call support."))
    members = session.staff.members()
    missing = damaged = 0
    for member in members:
        try:
            slot = vault.slots.read(vault.tag_for(member.username))
        except VaultError:  # damaged, or unreadable (permissions)
            damaged += 1
            continue
        missing += slot is None
    if missing or damaged:
        findings.append(
            (
                Status.WARN,
                f"{missing + damaged} staff sign-in files are missing or damaged; those people "
                "cannot sign in until someone else signs in (which rebuilds them).",
            )
        )
    wal = vault.data_dir / (DB_FILENAME + "-wal")
    wal_bytes = wal.stat().st_size if wal.exists() else 0
    if wal_bytes > WAL_WARN_BYTES:
        findings.append(
            (
                Status.WARN,
                f"The vault's write-ahead log is {wal_bytes // (1024 * 1024)} MB. Restart the "
                "kiosk at the end of the day so it can be folded into the vault.",
            )
        )
    details: dict[str, Detail] = {
        "integrity_problems": len(problems),
        "user_version": version,
        "expected_version": latest,
        "audit_chain_ok": chain.ok,
        "audit_entries": chain.entries,
        "staff": len(members),
        "slots_missing": missing,
        "slots_damaged": damaged,
        "wal_bytes": wal_bytes,
    }
    if not findings:
        summary = f"The vault is healthy ({len(members)} staff, schema {version})."
        return Check("vault", Status.OK, summary, details)
    status = worst(s for s, _ in findings)
    return Check("vault", status, " ".join(text for _, text in findings), details)


def load_keys(session: Session) -> tuple[KioskIdentity | None, Check]:
    """The kiosk identity (if any) and the check saying whether it can seal and sign."""
    try:
        identity = load_identity(session.vault.conn)
    except (ValueError, TypeError, nacl.exceptions.CryptoError):
        return None, Check(
            "keys",
            Status.FAIL,
            "The kiosk's keys are damaged: applications cannot be sealed. Call support.",
            {"provisioned": True, "code": "keys.damaged"},
        )
    if identity is None:
        return None, Check(
            "keys",
            Status.FAIL,
            "This kiosk is not provisioned, so applications cannot be sealed. An admin runs "
            "`kiosk provision` with the file from the program office.",
            {"provisioned": False, "code": "keys.not_provisioned"},
        )
    stored_id = session.vault.conn.execute(
        "SELECT kiosk_id FROM kiosk_identity WHERE id = 1"
    ).fetchone()[0]
    details: dict[str, Detail] = {
        "provisioned": True,
        "registered": identity.registered,
        "kiosk_id": identity.kiosk_id,
    }
    signed = identity.signing_key.sign(_PROBE_MESSAGE)
    try:
        identity.signing_key.verify_key.verify(signed)
        sound = stored_id == identity.kiosk_id
    except nacl.exceptions.BadSignatureError:
        sound = False
    if not sound:
        return identity, Check(
            "keys",
            Status.FAIL,
            "The kiosk's signing key does not match its recorded id. Call support.",
            {**details, "code": "keys.mismatch"},
        )
    if not identity.registered:
        return identity, Check(
            "keys",
            Status.WARN,
            "Keys are present, but the intake has not confirmed this kiosk yet. That happens "
            "at the first sync with a network; until then records are kept, not lost.",
            {**details, "code": "keys.not_registered"},
        )
    return identity, Check("keys", Status.OK, "The kiosk's keys are present and work.", details)


def check_backlog(session: Session, settings: Settings, now: datetime) -> Check:
    conn = session.vault.conn
    summary = summarize(conn, now.astimezone().date())
    counts = VaultOutboxStore(conn, clock=session.clock).counts()
    age_days = (
        round(seconds_since(summary.oldest_waiting, now) / 86400, 1)
        if summary.oldest_waiting is not None
        else None
    )
    details: dict[str, Detail] = {
        "waiting": summary.waiting_to_upload,
        "oldest_waiting_days": age_days,
        "needs_attention": summary.needs_attention,
        "exported_awaiting_receipt": counts["exported_awaiting_receipt"],
        "warn_count": settings.backlog_warn_count,
        "block_count": settings.backlog_block_count,
        "warn_days": settings.backlog_warn_days,
    }
    findings: list[tuple[Status, str]] = [
        (Status.FAIL if r.level is Level.BLOCK else Status.WARN, r.text)
        for r in backlog_reasons(
            summary, settings, now, exported=counts["exported_awaiting_receipt"]
        )
    ]
    if summary.needs_attention:
        n = summary.needs_attention
        counted = "1 record needs" if n == 1 else f"{n} records need"
        findings.append((Status.WARN, f"{counted} a supervisor: see the outbox screen."))
    if findings:
        status = worst(s for s, _ in findings)
        return Check("backlog", status, " ".join(t for _, t in findings), details)
    if summary.waiting_to_upload == 0:
        return Check("backlog", Status.OK, "Nothing is waiting to be uploaded.", details)
    assert summary.oldest_waiting is not None  # something is waiting
    waited = span_text(int(seconds_since(summary.oldest_waiting, now)))
    return Check(
        "backlog",
        Status.OK,
        f"{summary.waiting_to_upload} records are waiting to be uploaded; the oldest for {waited}.",
        details,
    )
