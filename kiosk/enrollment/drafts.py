"""Drafts in the vault's `drafts` table: autosave while entering, resume after a crash, delete.

Call these on the thread that owns the vault connection. The payload is JSON (photo as base64)
inside SQLCipher. Deleting runs with `secure_delete` on, so the freed pages are zeroed rather
than left holding the applicant's data, even inside the encrypted file; cancel also empties the
write-ahead log, which still holds the draft's earlier pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.enrollment.codec import application_from_json, application_to_json
from kiosk.enrollment.errors import DraftUnreadable
from kiosk.enrollment.model import Application
from kiosk.enrollment.state import ENTRY_STEPS, FlowState, Step
from kiosk.staff import Session
from kiosk.vault.database import Connection

DRAFT_FORMAT = 1


@dataclass(frozen=True)
class DraftInfo:
    """A line in the "resume a draft" list: no applicant data."""

    draft_id: str
    created_by: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class Draft:
    draft_id: str
    created_by: int
    created_at: datetime
    step: Step
    visited: tuple[Step, ...]
    application: Application

    def __repr__(self) -> str:
        return f"Draft({self.draft_id}, {self.step.value})"


def secure_delete_on(conn: Connection) -> None:
    """Zero freed pages on this connection from now on (a per-connection SQLite setting)."""
    conn.execute("PRAGMA secure_delete = ON")


def delete_draft(conn: Connection, draft_id: str) -> bool:
    """Inside the caller's transaction (submit uses this); True if a row was deleted."""
    secure_delete_on(conn)
    return bool(conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount == 1)


def encode_draft(state: FlowState) -> bytes:
    payload = {
        "format": DRAFT_FORMAT,
        "step": state.step.value,
        "visited": [step.value for step in state.visited],
        "application": application_to_json(state.application),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_draft(draft_id: str, created_by: int, created_at: str, payload: bytes) -> Draft:
    try:
        obj: Any = json.loads(bytes(payload).decode("utf-8"))
        if obj.get("format") != DRAFT_FORMAT:
            raise DraftUnreadable(f"draft format {obj.get('format')!r} is not known here")
        step = Step(obj["step"])
        visited = tuple(Step(s) for s in obj["visited"])
        started = datetime.fromisoformat(created_at)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise DraftUnreadable("the saved draft is damaged or of an unknown format") from error
    if step not in ENTRY_STEPS or not set(visited) <= set(ENTRY_STEPS):
        raise DraftUnreadable("the saved draft is damaged or of an unknown format")
    application = application_from_json(obj["application"])
    return Draft(draft_id, created_by, started, step, visited, application)


class DraftStore:
    """Drafts of one signed-in session. Not thread-safe: use it from the vault's thread."""

    def __init__(self, session: Session) -> None:
        self._session = session
        # Drafts that were submitted or cancelled in this process: an autosave queued before
        # that must not bring the applicant's data back.
        self._finished: set[str] = set()

    def autosave(self, state: FlowState) -> bool:
        """Write the flow's state; False (nothing written) once it is submitting or closed."""
        if not state.is_open or state.submitting or state.draft_id in self._finished:
            return False
        now = self._session.clock().isoformat(timespec="seconds")
        created = state.started_at.isoformat(timespec="seconds")
        with self._session.vault.transaction() as conn:
            secure_delete_on(conn)
            conn.execute(
                "INSERT INTO drafts (id, created_by, created_at, updated_at, payload)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                " updated_at = excluded.updated_at, payload = excluded.payload",
                (state.draft_id, self._session.member.id, created, now, encode_draft(state)),
            )
        return True

    def list_drafts(self) -> list[DraftInfo]:
        rows = self._session.vault.conn.execute(
            "SELECT id, created_by, created_at, updated_at FROM drafts ORDER BY updated_at"
        ).fetchall()
        return [DraftInfo(str(r[0]), int(r[1]), str(r[2]), str(r[3])) for r in rows]

    def load(self, draft_id: str) -> Draft | None:
        row = self._session.vault.conn.execute(
            "SELECT created_by, created_at, payload FROM drafts WHERE id = ?", (draft_id,)
        ).fetchone()
        if row is None:
            return None
        return decode_draft(draft_id, int(row[0]), str(row[1]), bytes(row[2]))

    def delete(self, draft_id: str) -> bool:
        """Cancel: the row and its content are gone; later autosaves of it are ignored."""
        self.finished(draft_id)
        with self._session.vault.transaction() as conn:
            deleted = delete_draft(conn, draft_id)
        # The write-ahead log still holds earlier versions of the draft's pages (encrypted):
        # copy the zeroed pages back and empty the log (best effort while others read).
        self._session.vault.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return deleted

    def finished(self, draft_id: str) -> None:
        """Remember that this draft was submitted or cancelled (submit calls this)."""
        self._finished.add(draft_id)
