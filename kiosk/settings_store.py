"""Reading and changing the kiosk's settings inside the vault, audited, supervisors only."""

from __future__ import annotations

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.config import Settings
from kiosk.errors import NotPermitted
from kiosk.staff import Role, Session
from kiosk.vault.database import Connection


def load_settings(conn: Connection) -> Settings:
    rows = conn.execute("SELECT key, value FROM settings").fetchall()
    return Settings.from_storage({str(k): str(v) for k, v in rows})


def save_settings(session: Session, new: Settings) -> Settings:
    """Store `new`, auditing each changed key with its old and new value."""
    if not session.member.role.at_least(Role.SUPERVISOR):
        raise NotPermitted("Only a supervisor or admin can change settings.")
    with session.vault.transaction() as conn:
        old = load_settings(conn)
        for key, (before, after) in old.differences(new).items():
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, after),
            )
            audit.append(
                conn,
                at=session.clock(),
                actor=session.member.username,
                action=AuditAction.SETTINGS_CHANGED,
                details={"setting": key, "old": before, "new": after},
            )
    return new
