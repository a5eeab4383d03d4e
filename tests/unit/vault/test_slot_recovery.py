"""A damaged or missing slot locks out one person, never the vault; the next sign-in repairs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import audit
from kiosk.errors import WrongPassword
from kiosk.staff import Role, Session, sign_in
from kiosk.vault.keyslots import SlotDamaged
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock

ELI_PASSWORD = "enroller pass"


@pytest.fixture
def two_accounts(session: Session, vault_dir: Path, clock: FakeClock) -> Path:
    session.staff.add(session.member, "eli", "Eli Enroller", Role.ENROLLER, ELI_PASSWORD)
    session.close()
    return vault_dir


def _slot_file(vault_dir: Path, clock: FakeClock, username: str) -> Path:
    s = sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    path = s.vault.slots.path_for(s.vault.tag_for(username))
    s.close()
    return path


@pytest.mark.parametrize("damage", ["delete", "garble", "truncate"])
def test_other_slot_still_opens_and_repairs(
    two_accounts: Path, clock: FakeClock, damage: str
) -> None:
    slot = _slot_file(two_accounts, clock, "eli")
    original = slot.read_bytes()
    if damage == "delete":
        slot.unlink()
    elif damage == "garble":
        slot.write_bytes(original.replace(b"wrapped_key", b"wrapped_kez"))
    else:
        slot.write_bytes(original[:40])

    with pytest.raises(WrongPassword if damage == "delete" else SlotDamaged):
        sign_in(two_accounts, "eli", ELI_PASSWORD, clock=clock)

    admin = sign_in(two_accounts, ADMIN, ADMIN_PASSWORD, clock=clock)
    actions = [e.action for e in audit.entries(admin.vault.conn)]
    admin.close()
    assert "slot_repaired" in actions
    assert slot.read_bytes() == original

    eli = sign_in(two_accounts, "eli", ELI_PASSWORD, clock=clock)
    assert eli.member.role is Role.ENROLLER
    eli.close()


def test_lock_screen_accepts_a_user_whose_slot_file_is_gone(
    two_accounts: Path, clock: FakeClock
) -> None:
    _slot_file(two_accounts, clock, "eli")
    admin = sign_in(two_accounts, ADMIN, ADMIN_PASSWORD, clock=clock)
    admin.vault.slots.path_for(admin.vault.tag_for("eli")).unlink()
    assert admin.unlock_screen("eli", ELI_PASSWORD).username == "eli"
    admin.close()
