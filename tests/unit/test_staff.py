"""Staff accounts: roles, slots, password changes and resets, lockout across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import audit
from kiosk.errors import (
    InvalidInput,
    LockedOut,
    NotFound,
    NotPermitted,
    StaffExists,
    WeakPassword,
    WrongPassword,
)
from kiosk.staff import Role, Session, sign_in
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock


def actions(session: Session) -> list[str]:
    return [e.action for e in audit.entries(session.vault.conn)]


def test_admin_adds_staff_who_can_sign_in(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.staff.add(session.member, "sam", "Sam Supervisor", Role.SUPERVISOR, "supervisor pw")
    assert [m.username for m in session.staff.members()] == ["ana", "sam"]
    assert len(session.vault.slots.tags()) == 2
    session.close()
    sam = sign_in(vault_dir, "SAM", "supervisor pw", clock=clock)
    assert sam.member.role is Role.SUPERVISOR
    sam.close()


def test_only_admins_manage_staff(session: Session) -> None:
    eli = session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    sam = session.staff.add(session.member, "sam", "Sam", Role.SUPERVISOR, "supervisor pw")
    for actor in (eli, sam):
        with pytest.raises(NotPermitted):
            session.staff.add(actor, "x1", "X", Role.ENROLLER, "whatever pw")
        with pytest.raises(NotPermitted):
            session.staff.remove(actor, "eli")


@pytest.mark.parametrize(
    ("username", "password", "error"),
    [
        ("eli", "short", WeakPassword),
        ("eli", "ELI", WeakPassword),
        ("elizabeth", "Elizabeth", WeakPassword),
        ("", "long enough pw", InvalidInput),
        ("two words", "long enough pw", InvalidInput),
    ],
)
def test_bad_accounts_are_refused(
    session: Session, username: str, password: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        session.staff.add(session.member, username, "Someone", Role.ENROLLER, password)
    assert [m.username for m in session.staff.members()] == ["ana"]


def test_duplicate_user_names_are_refused(session: Session) -> None:
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    with pytest.raises(StaffExists):
        session.staff.add(session.member, "ELI", "Other Eli", Role.ENROLLER, "enroller pw")


def test_removed_staff_cannot_sign_in(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    session.staff.remove(session.member, "eli")
    assert len(session.vault.slots.tags()) == 1
    session.close()
    with pytest.raises(WrongPassword):
        sign_in(vault_dir, "eli", "enroller pw", clock=clock)


def test_the_last_admin_and_oneself_cannot_be_removed(session: Session) -> None:
    with pytest.raises(NotPermitted):
        session.staff.remove(session.member, ADMIN)
    other = session.staff.add(session.member, "bo", "Bo", Role.ADMIN, "second admin")
    session.staff.remove(other, ADMIN)
    with pytest.raises(NotFound):
        session.staff.get(ADMIN)
    # bo is now the last admin, and nobody can remove their own account.
    with pytest.raises(NotPermitted):
        session.staff.remove(other, "bo")


def test_last_admin_guard(session: Session) -> None:
    bo = session.staff.add(session.member, "bo", "Bo", Role.ADMIN, "second admin")
    session.staff.remove(session.member, "bo")
    assert session.staff.find("bo") is None
    with pytest.raises(NotFound):
        session.staff.remove(session.member, bo.username)


def test_change_own_password_rewraps_one_slot(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    eli_slot = session.vault.slots.path_for(session.vault.tag_for("eli")).read_bytes()
    with pytest.raises(WrongPassword):
        session.staff.change_own_password(session.member, "not it at all", "new admin pw")
    with pytest.raises(WeakPassword):
        session.staff.change_own_password(session.member, ADMIN_PASSWORD, ADMIN_PASSWORD)
    session.staff.change_own_password(session.member, ADMIN_PASSWORD, "new admin pw")
    assert session.vault.slots.path_for(session.vault.tag_for("eli")).read_bytes() == eli_slot
    session.close()
    with pytest.raises(WrongPassword):
        sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    again = sign_in(vault_dir, ADMIN, "new admin pw", clock=clock)
    assert "password_changed" in actions(again)
    again.close()


def test_supervisor_resets_an_enroller_who_must_then_change_it(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    sam = session.staff.add(session.member, "sam", "Sam", Role.SUPERVISOR, "supervisor pw")
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    session.staff.add(session.member, "sue", "Sue", Role.SUPERVISOR, "supervisor 2")
    with pytest.raises(NotPermitted):
        session.staff.reset_password(sam, "sue", "temporary pw")
    with pytest.raises(NotPermitted):
        session.staff.reset_password(sam, "sam", "temporary pw")
    session.staff.reset_password(sam, "eli", "temporary pw")
    session.close()
    eli = sign_in(vault_dir, "eli", "temporary pw", clock=clock)
    assert eli.member.must_change_password
    with pytest.raises(NotPermitted):
        eli.staff.reset_password(eli.member, "sam", "temporary pw")
    eli.staff.change_own_password(eli.member, "temporary pw", "my own secret")
    assert not eli.refresh_member().must_change_password
    eli.close()


def test_lockout_grows_and_survives_restart(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.close()
    for _ in range(4):
        with pytest.raises(WrongPassword):
            sign_in(vault_dir, ADMIN, "wrong password", clock=clock)
    with pytest.raises(WrongPassword):
        sign_in(vault_dir, ADMIN, "wrong password", clock=clock)  # 5th: locks for 30 s
    with pytest.raises(LockedOut) as locked:
        sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)  # even the right one waits
    assert locked.value.retry_after_s == pytest.approx(30)
    clock.advance(seconds=31)
    with pytest.raises(WrongPassword):
        sign_in(vault_dir, ADMIN, "wrong again", clock=clock)  # 6th: 60 s
    clock.advance(seconds=45)
    with pytest.raises(LockedOut) as longer:
        sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    assert longer.value.retry_after_s == pytest.approx(15)
    clock.advance(seconds=16)
    ok = sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    failed = [e for e in audit.entries(ok.vault.conn) if e.action == "login_failed"]
    assert len(failed) == 6
    assert {e.subject for e in failed} == {ADMIN}
    ok.close()
    with pytest.raises(WrongPassword):  # success reset the counter: one failure is free again
        sign_in(vault_dir, ADMIN, "wrong password", clock=clock)
    sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock).close()


def test_supervisor_clears_a_lockout(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    for _ in range(5):
        with pytest.raises(WrongPassword):
            session.unlock_screen("eli", "bad password")
    with pytest.raises(LockedOut):
        session.unlock_screen("eli", "enroller pw")
    session.staff.clear_lockout(session.member, "eli")
    assert session.unlock_screen("eli", "enroller pw").username == "eli"
    assert "lockout_cleared" in actions(session)


def test_unknown_names_are_audited_without_being_echoed(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.close()
    with pytest.raises(WrongPassword):
        sign_in(vault_dir, "someone-typed-this", "x" * 10, clock=clock)
    ok = sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    entries = audit.entries(ok.vault.conn)
    ok.close()
    assert any(e.action == "login_failed" and e.subject == "(unknown name)" for e in entries)
    assert not any("someone-typed-this" in (e.subject or "") + e.details for e in entries)


def test_screen_lock_and_unlock_are_audited(session: Session) -> None:
    session.record_screen_locked()
    session.unlock_screen(ADMIN, ADMIN_PASSWORD)
    assert actions(session)[-2:] == ["screen_locked", "screen_unlocked"]


def test_supervisor_authorization_is_checked_counted_and_audited(session: Session) -> None:
    from kiosk.audit import AuditAction  # noqa: PLC0415

    eli = session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pw")
    session.staff.add(session.member, "sam", "Sam", Role.SUPERVISOR, "supervisor pw")
    session.member = eli
    with pytest.raises(NotPermitted):
        session.authorize_supervisor("eli", "enroller pw", AuditAction.KIOSK_QUIT)
    with pytest.raises(WrongPassword):
        session.authorize_supervisor("sam", "wrong guess", AuditAction.KIOSK_QUIT)
    sam = session.authorize_supervisor("sam", "supervisor pw", AuditAction.OVERRIDE, "backlog")
    assert sam.username == "sam"
    last = audit.entries(session.vault.conn)[-1]
    assert (last.actor, last.action, last.subject) == ("sam", "override", "eli")
    assert '"reason":"backlog"' in last.details
    assert any(
        e.action == "login_failed" and e.subject == "sam" for e in audit.entries(session.vault.conn)
    )
