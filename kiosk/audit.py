"""Append-only, hash-chained audit log: who did what and when, never an applicant's details.

Each entry's hash commits to the previous entry's hash and to its own fields, and the chain's
head (last sequence number and hash) is kept in `meta`, so an edited, inserted, deleted or
truncated entry breaks verification. Subjects are staff user names or application numbers only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kiosk.vault.database import Connection

GENESIS_HASH = "0" * 64
HEAD_KEY = "audit_head"


class AuditAction(StrEnum):
    VAULT_CREATED = "vault_created"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOCKED_OUT = "locked_out"
    LOCKOUT_CLEARED = "lockout_cleared"
    LOGOUT = "logout"
    SCREEN_LOCKED = "screen_locked"
    SCREEN_UNLOCKED = "screen_unlocked"
    STAFF_ADDED = "staff_added"
    STAFF_REMOVED = "staff_removed"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an event name
    PASSWORD_RESET = "password_reset"  # noqa: S105 - an event name
    SLOT_REPAIRED = "slot_repaired"
    SETTINGS_CHANGED = "settings_changed"
    SUBMITTED = "submitted"
    EXPORTED = "exported"
    RESENT = "resent"
    OVERRIDE = "override"
    KIOSK_QUIT = "kiosk_quit"
    # Appointments: subjects are application numbers only, never a name or confirmation code.
    APPOINTMENTS_IMPORTED = "appointments_imported"
    APPOINTMENTS_PURGED = "appointments_purged"
    APPOINTMENT_CHECKED_IN = "appointment_checked_in"
    APPOINTMENT_NO_SHOW = "appointment_no_show"
    APPOINTMENT_ENROLLED = "appointment_enrolled"


# Detail keys that may ever appear; anything else is refused, so a careless caller cannot slip
# applicant data into the log.
ALLOWED_DETAIL_KEYS = frozenset(
    {"role", "setting", "old", "new", "count", "reason", "retry_after_s", "failures", "tags"}
    # Appointment imports and purges: the list's day and counts (no row contents).
    | {"date", "source", "created", "updated", "unchanged", "problems", "tickets"}
)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    subject: str | None
    details: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    problem: str | None = None
    first_bad_seq: int | None = None


def _entry_hash(prev_hash: str, fields: tuple[int, str, str, str, str | None, str]) -> str:
    """Hash of (prev_hash, seq, at, actor, action, subject, details) as canonical JSON."""
    material = json.dumps([prev_hash, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (HEAD_KEY,)).fetchone()
    if row is None:
        return 0, GENESIS_HASH
    seq, digest = str(row[0]).split(":", 1)
    return int(seq), digest


def append(
    conn: Connection,
    *,
    at: datetime,
    actor: str,
    action: AuditAction,
    subject: str | None = None,
    details: Mapping[str, object] | None = None,
) -> AuditEntry:
    """Add an entry inside the caller's transaction (so the log and the change commit together)."""
    details = dict(details or {})
    unknown = set(details) - ALLOWED_DETAIL_KEYS
    if unknown:
        raise ValueError(f"audit details may not carry {sorted(unknown)}")
    details_json = json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    last_seq, prev_hash = _head(conn)
    seq = last_seq + 1
    stamp = at.isoformat(timespec="seconds")
    digest = _entry_hash(prev_hash, (seq, stamp, actor, action.value, subject, details_json))
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, subject, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, stamp, actor, action.value, subject, details_json, prev_hash, digest),
    )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (HEAD_KEY, f"{seq}:{digest}"),
    )
    return AuditEntry(seq, stamp, actor, action.value, subject, details_json, prev_hash, digest)


def entries(conn: Connection, *, limit: int | None = None) -> list[AuditEntry]:
    sql = "SELECT seq, at, actor, action, subject, details, prev_hash, hash FROM audit ORDER BY seq"
    if limit is not None:
        sql = sql.replace("ORDER BY seq", "ORDER BY seq DESC") + f" LIMIT {int(limit)}"
    rows = [AuditEntry(*row) for row in conn.execute(sql).fetchall()]
    return sorted(rows, key=lambda e: e.seq)


def verify(conn: Connection) -> ChainReport:
    """Walk the chain from the start; report the first entry that does not fit."""
    prev_hash = GENESIS_HASH
    count = 0
    for expected_seq, entry in enumerate(entries(conn), start=1):
        count += 1
        if entry.seq != expected_seq:
            return ChainReport(False, count, f"entry {expected_seq} is missing", expected_seq)
        if entry.prev_hash != prev_hash:
            return ChainReport(
                False, count, f"entry {entry.seq} does not follow its predecessor", entry.seq
            )
        fields = (entry.seq, entry.at, entry.actor, entry.action, entry.subject, entry.details)
        recomputed = _entry_hash(prev_hash, fields)
        if recomputed != entry.hash:
            return ChainReport(False, count, f"entry {entry.seq} was altered", entry.seq)
        prev_hash = entry.hash
    head_seq, head_hash = _head(conn)
    if (head_seq, head_hash) != (count, prev_hash if count else GENESIS_HASH):
        return ChainReport(
            False, count, f"the log ends at entry {count} but its head says {head_seq}", count + 1
        )
    return ChainReport(True, count)
