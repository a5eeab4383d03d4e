"""Staff accounts, roles and sign-in: each account is a key slot that unlocks the vault.

Signing in *is* unlocking: the password opens that person's slot, the slot gives the database
key. Adding staff adds a slot, removing staff removes it, a password change rewraps one slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk import audit
from kiosk.audit import AuditAction
from kiosk.clock import Clock
from kiosk.errors import (
    InvalidInput,
    NotFound,
    NotPermitted,
    StaffExists,
    WeakPassword,
    WrongPassword,
)
from kiosk.lockout import LockoutBook
from kiosk.vault import KdfParams, Vault
from kiosk.vault.database import Connection
from kiosk.vault.keyslots import user_tag
from kiosk.vault.vault import VaultHeader

MIN_PASSWORD_LENGTH = 8
SYSTEM_ACTOR = "system"


class Role(StrEnum):
    ENROLLER = "enroller"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return [Role.ENROLLER, Role.SUPERVISOR, Role.ADMIN].index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(frozen=True)
class StaffMember:
    id: int
    username: str
    display_name: str
    role: Role
    must_change_password: bool


def check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if password.strip().casefold() == username.strip().casefold():
        raise WeakPassword("The password must not be the user name.")


def _check_username(username: str) -> str:
    name = username.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise InvalidInput("A user name is 1 to 64 characters without spaces.")
    return name


_COLUMNS = "id, username, display_name, role, must_change_password"


def _member(row: tuple[object, ...]) -> StaffMember:
    return StaffMember(
        id=int(str(row[0])),
        username=str(row[1]),
        display_name=str(row[2]),
        role=Role(str(row[3])),
        must_change_password=bool(row[4]),
    )


class Session:
    """A signed-in staff member with the vault open; `close()` locks the vault again."""

    def __init__(self, vault: Vault, member: StaffMember, clock: Clock) -> None:
        self.vault = vault
        self.member = member
        self.clock = clock
        self.staff = StaffService(vault, clock)

    def close(self) -> None:
        if not self.vault.is_open:
            return
        try:
            with self.vault.transaction() as conn:
                self._audit(conn, AuditAction.LOGOUT, subject=self.member.username)
        finally:
            self.vault.close()

    def _audit(self, conn: Connection, action: AuditAction, *, subject: str) -> None:
        audit.append(
            conn, at=self.clock(), actor=self.member.username, action=action, subject=subject
        )

    def refresh_member(self) -> StaffMember:
        self.member = self.staff.get(self.member.username)
        return self.member

    def _confirm_in_person(self, username: str, password: str) -> StaffMember:
        """Check someone's password while the vault is open, counting failures like a sign-in."""
        book = LockoutBook(self.vault.data_dir, self.clock)
        tag = self.vault.tag_for(username)
        book.check(tag)
        member = self.staff.find(username)
        if member is None or not self.vault.verify_password(username, password):
            book.record_failure(tag)
            with self.vault.transaction() as conn:
                _flush_failures(conn, self.vault, book, self.clock)
            raise WrongPassword("Wrong user name or password.")
        book.clear(tag)
        return member

    def unlock_screen(self, username: str, password: str) -> StaffMember:
        """After an idle lock: anyone with an account may continue; the session becomes theirs."""
        member = self._confirm_in_person(username, password)
        self.member = member
        with self.vault.transaction() as conn:
            self._audit(conn, AuditAction.SCREEN_UNLOCKED, subject=member.username)
        return member

    def authorize_supervisor(
        self, username: str, password: str, action: AuditAction, reason: str = ""
    ) -> StaffMember:
        """A supervisor (or admin) confirms an action in person, e.g. quitting kiosk mode."""
        member = self._confirm_in_person(username, password)
        if not member.role.at_least(Role.SUPERVISOR):
            raise NotPermitted("Only a supervisor or admin can do this.")
        details = {"reason": reason} if reason else {}
        with self.vault.transaction() as conn:
            audit.append(
                conn,
                at=self.clock(),
                actor=member.username,
                action=action,
                subject=self.member.username,
                details=details,
            )
        return member

    def record_screen_locked(self) -> None:
        with self.vault.transaction() as conn:
            self._audit(conn, AuditAction.SCREEN_LOCKED, subject=self.member.username)


def create_vault(
    data_dir: Path,
    *,
    admin_username: str,
    admin_password: str,
    admin_display_name: str,
    clock: Clock,
    settings: dict[str, str] | None = None,
    kdf: KdfParams | None = None,
) -> Session:
    """A new vault whose first account is an admin; refuses to touch an existing vault."""
    username = _check_username(admin_username)
    check_password(username, admin_password)
    vault = Vault.create(data_dir, kdf=kdf)
    try:
        with vault.transaction() as conn:
            now = clock().isoformat(timespec="seconds")
            conn.execute("INSERT INTO meta (key, value) VALUES ('created_at', ?)", (now,))
            for key, value in (settings or {}).items():
                conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
            audit.append(conn, at=clock(), actor=username, action=AuditAction.VAULT_CREATED)
            member = StaffService(vault, clock).insert(
                conn, username, admin_display_name, Role.ADMIN, admin_password, actor=username
            )
    except BaseException:
        vault.close()
        raise
    return Session(vault, member, clock)


def sign_in(data_dir: Path, username: str, password: str, *, clock: Clock) -> Session:
    """Unlock the vault as `username`; counts failures and enforces the lockout delay."""
    header = VaultHeader.read(data_dir)
    tag = user_tag(header.name_salt, username)
    book = LockoutBook(data_dir, clock)
    book.check(tag)
    try:
        vault = Vault.open(data_dir, username, password)
    except WrongPassword:
        book.record_failure(tag)
        raise
    try:
        member = StaffService(vault, clock).find(username)
        if member is None:  # a slot without an account: treat like a wrong password
            raise WrongPassword("Wrong user name or password.")
        book.clear(tag)
        with vault.transaction() as conn:
            _flush_failures(conn, vault, book, clock)
            repaired = vault.repair_slots()
            if repaired:
                audit.append(
                    conn,
                    at=clock(),
                    actor=SYSTEM_ACTOR,
                    action=AuditAction.SLOT_REPAIRED,
                    details={"count": len(repaired)},
                )
            audit.append(conn, at=clock(), actor=username, action=AuditAction.LOGIN)
    except BaseException:
        vault.close()
        raise
    return Session(vault, member, clock)


def _flush_failures(conn: Connection, vault: Vault, book: LockoutBook, clock: Clock) -> None:
    """Move queued sign-in failures into the audit log, naming accounts that exist."""
    names = {vault.tag_for(m.username): m.username for m in StaffService(vault, clock).members()}
    for failure in book.take_unaudited():
        subject = names.get(failure.tag, "(unknown name)")
        action = AuditAction.LOGIN_FAILED
        details: dict[str, object] = {"failures": failure.failures}
        audit.append(
            conn, at=clock(), actor=SYSTEM_ACTOR, action=action, subject=subject, details=details
        )


class StaffService:
    """Account management; every method checks the actor's role and writes the audit log."""

    def __init__(self, vault: Vault, clock: Clock) -> None:
        self.vault = vault
        self.clock = clock

    def members(self) -> list[StaffMember]:
        rows = self.vault.conn.execute(
            f"SELECT {_COLUMNS} FROM staff WHERE active = 1 ORDER BY username"  # noqa: S608
        ).fetchall()
        return [_member(row) for row in rows]

    def find(self, username: str) -> StaffMember | None:
        row = self.vault.conn.execute(
            f"SELECT {_COLUMNS} FROM staff WHERE username = ? AND active = 1",  # noqa: S608
            (username.strip(),),
        ).fetchone()
        return _member(row) if row else None

    def get(self, username: str) -> StaffMember:
        member = self.find(username)
        if member is None:
            raise NotFound(f"There is no staff account {username!r}.")
        return member

    def insert(
        self,
        conn: Connection,
        username: str,
        display_name: str,
        role: Role,
        password: str,
        *,
        actor: str,
    ) -> StaffMember:
        username = _check_username(username)
        check_password(username, password)
        if not display_name.strip():
            raise InvalidInput("Give the person's name as staff know it.")
        if conn.execute("SELECT 1 FROM staff WHERE username = ?", (username,)).fetchone():
            raise StaffExists(f"The user name {username!r} is taken.")
        now = self.clock().isoformat(timespec="seconds")
        cursor = conn.execute(
            "INSERT INTO staff (username, display_name, role, created_at) VALUES (?, ?, ?, ?)",
            (username, display_name.strip(), role.value, now),
        )
        self.vault.write_slot(conn, username, password)
        audit.append(
            conn,
            at=self.clock(),
            actor=actor,
            action=AuditAction.STAFF_ADDED,
            subject=username,
            details={"role": role.value},
        )
        return StaffMember(int(cursor.lastrowid), username, display_name.strip(), role, False)

    def add(
        self, actor: StaffMember, username: str, display_name: str, role: Role, password: str
    ) -> StaffMember:
        self._require(actor, Role.ADMIN, "add staff")
        with self.vault.transaction() as conn:
            return self.insert(conn, username, display_name, role, password, actor=actor.username)

    def remove(self, actor: StaffMember, username: str) -> None:
        self._require(actor, Role.ADMIN, "remove staff")
        target = self.get(username)
        if target.id == actor.id:
            # Also what keeps one admin alive: only another admin can remove an admin.
            raise NotPermitted("You cannot remove your own account; ask another admin.")
        with self.vault.transaction() as conn:
            # The row is kept (inactive) so old audit entries still name a real account.
            conn.execute("UPDATE staff SET active = 0 WHERE id = ?", (target.id,))
            self.vault.remove_slot(conn, target.username)
            audit.append(
                conn,
                at=self.clock(),
                actor=actor.username,
                action=AuditAction.STAFF_REMOVED,
                subject=target.username,
            )

    def change_own_password(self, actor: StaffMember, old_password: str, new_password: str) -> None:
        if not self.vault.verify_password(actor.username, old_password):
            raise WrongPassword("The current password is wrong.")
        check_password(actor.username, new_password)
        if new_password == old_password:
            raise WeakPassword("Choose a password different from the current one.")
        with self.vault.transaction() as conn:
            self.vault.write_slot(conn, actor.username, new_password)
            conn.execute("UPDATE staff SET must_change_password = 0 WHERE id = ?", (actor.id,))
            audit.append(
                conn,
                at=self.clock(),
                actor=actor.username,
                action=AuditAction.PASSWORD_CHANGED,
                subject=actor.username,
            )

    def reset_password(self, actor: StaffMember, username: str, temporary_password: str) -> None:
        """A supervisor resets an enroller, an admin anyone; the person must change it at once."""
        self._require(actor, Role.SUPERVISOR, "reset passwords")
        target = self.get(username)
        if target.id == actor.id:
            raise NotPermitted("Use 'change my password' for your own account.")
        if target.role.rank >= actor.role.rank and actor.role is not Role.ADMIN:
            raise NotPermitted("Only an admin can reset a supervisor's or admin's password.")
        check_password(target.username, temporary_password)
        with self.vault.transaction() as conn:
            self.vault.write_slot(conn, target.username, temporary_password)
            conn.execute("UPDATE staff SET must_change_password = 1 WHERE id = ?", (target.id,))
            audit.append(
                conn,
                at=self.clock(),
                actor=actor.username,
                action=AuditAction.PASSWORD_RESET,
                subject=target.username,
            )
        LockoutBook(self.vault.data_dir, self.clock).clear(self.vault.tag_for(target.username))

    def clear_lockout(self, actor: StaffMember, username: str) -> None:
        self._require(actor, Role.SUPERVISOR, "clear a lockout")
        LockoutBook(self.vault.data_dir, self.clock).clear(self.vault.tag_for(username))
        with self.vault.transaction() as conn:
            audit.append(
                conn,
                at=self.clock(),
                actor=actor.username,
                action=AuditAction.LOCKOUT_CLEARED,
                subject=username.strip(),
            )

    @staticmethod
    def _require(actor: StaffMember, role: Role, what: str) -> None:
        if not actor.role.at_least(role):
            raise NotPermitted(f"Only a {role.value} or above can {what}.")
