"""The appointment settings, declared once with types; stored in the vault's settings table.

They are declared here rather than in kiosk.config.Settings (which this package does not own);
`kiosk.config.Settings.from_storage` ignores keys it does not declare, so both live side by side.
Changing one is a supervisor's act and is audited like any other setting.
"""

from __future__ import annotations

from typing import Any, TypeVar

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.config import Setting
from kiosk.errors import NotPermitted
from kiosk.staff import Role, Session
from kiosk.vault.database import Connection

T = TypeVar("T", str, int, bool)


def _days(value: int) -> str | None:
    return None if 1 <= value <= 90 else "must be between 1 and 90"


RETENTION_DAYS: Setting[int] = Setting(
    "appointment_retention_days",
    int,
    7,
    "Delete appointments and walk-in tickets this many days after their day (checked at sign-in)",
    _days,
)
CALL_NAMES: Setting[bool] = Setting(
    "walk_in_call_names",
    bool,
    False,
    "Let staff add a first name to a walk-in ticket, for calling people out (off: numbers only)",
)
DECLARATIONS: tuple[Setting[Any], ...] = (RETENTION_DAYS, CALL_NAMES)


def read(conn: Connection, setting: Setting[T]) -> T:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (setting.key,)).fetchone()
    return setting.default if row is None else setting.parse(str(row[0]))


def write(session: Session, setting: Setting[T], value: T) -> None:
    if not session.member.role.at_least(Role.SUPERVISOR):
        raise NotPermitted("Only a supervisor or admin can change settings.")
    setting.validate(value)
    with session.vault.transaction() as conn:
        before = setting.render(read(conn, setting))
        after = setting.render(value)
        if before == after:
            return
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (setting.key, after),
        )
        audit.append(
            conn,
            at=session.clock(),
            actor=session.member.username,
            action=AuditAction.SETTINGS_CHANGED,
            details={"setting": setting.key, "old": before, "new": after},
        )
