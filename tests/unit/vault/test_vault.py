"""The vault as a whole: create, unlock, environment errors, and never overwriting a vault."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.errors import (
    DiskFull,
    VaultCorrupt,
    VaultExists,
    VaultInUse,
    VaultNotFound,
    VaultTooNew,
    WrongPassword,
)
from kiosk.staff import Session, sign_in
from kiosk.vault import Vault
from kiosk.vault.migrations import latest_version
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock


def reopen(vault_dir: Path, clock: FakeClock) -> Session:
    return sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)


def test_database_is_encrypted_on_disk(session: Session) -> None:
    with session.vault.transaction() as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('site_name', 'Plaintext Canary')")
    session.close()
    for path in session.vault.data_dir.rglob("*"):
        if path.is_file():
            assert b"Plaintext Canary" not in path.read_bytes(), path
            assert b"SQLite format 3" not in path.read_bytes(), path


def test_reopen_with_password(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    session.close()
    again = reopen(vault_dir, clock)
    assert again.member.username == ADMIN
    again.close()


def test_wrong_password_and_unknown_user_look_the_same(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.close()
    with pytest.raises(WrongPassword) as wrong:
        sign_in(vault_dir, ADMIN, "nope nope nope", clock=clock)
    with pytest.raises(WrongPassword) as unknown:
        sign_in(vault_dir, "mallory", ADMIN_PASSWORD, clock=clock)
    assert wrong.value.message == unknown.value.message


def test_a_second_instance_is_refused(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    with pytest.raises(VaultInUse):
        reopen(vault_dir, clock)


def test_missing_vault(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(VaultNotFound):
        sign_in(tmp_path / "none", ADMIN, ADMIN_PASSWORD, clock=clock)


def test_create_refuses_to_overwrite(session: Session, vault_dir: Path) -> None:
    session.close()
    before = (vault_dir / "vault.db").read_bytes()
    with pytest.raises(VaultExists):
        Vault.create(vault_dir)
    assert (vault_dir / "vault.db").read_bytes() == before


def test_create_refuses_a_folder_with_a_stray_database(tmp_path: Path) -> None:
    (tmp_path / "vault.db").write_bytes(b"someone else's file")
    with pytest.raises(VaultExists):
        Vault.create(tmp_path)
    assert (tmp_path / "vault.db").read_bytes() == b"someone else's file"


def test_foreign_file_is_corrupt_not_overwritten(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.close()
    db = vault_dir / "vault.db"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    plain = sqlite3.connect(db.with_name("plain.db"))
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    db.write_bytes(db.with_name("plain.db").read_bytes())
    with pytest.raises(VaultCorrupt):
        reopen(vault_dir, clock)
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_damaged_database_is_reported(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    session.close()
    db = vault_dir / "vault.db"
    data = bytearray(db.read_bytes())
    data[:4096] = bytes(4096)  # wipe the first page (salt and header)
    db.write_bytes(bytes(data))
    with pytest.raises(VaultCorrupt):
        reopen(vault_dir, clock)


def test_damaged_header_is_reported(session: Session, vault_dir: Path, clock: FakeClock) -> None:
    session.close()
    (vault_dir / "vault.json").write_text("{ not json")
    with pytest.raises(VaultCorrupt):
        reopen(vault_dir, clock)


def test_vault_from_a_newer_kiosk_is_refused(
    session: Session, vault_dir: Path, clock: FakeClock
) -> None:
    session.vault.conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    session.close()
    with pytest.raises(VaultTooNew):
        reopen(vault_dir, clock)


def test_disk_full_is_a_clear_error_and_loses_nothing(session: Session) -> None:
    conn = session.vault.conn
    with session.vault.transaction() as c:
        c.execute("INSERT INTO settings (key, value) VALUES ('site_name', 'kept')")
    page_count = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {page_count}")  # inject: no room for one more page
    with pytest.raises(DiskFull), session.vault.transaction() as c:
        c.execute("INSERT INTO drafts VALUES ('d1', 1, 'x', 'x', ?)", (b"\0" * 200_000,))
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert conn.execute("SELECT value FROM settings WHERE key = 'site_name'").fetchone() == (
        "kept",
    )
    assert conn.execute("SELECT count(*) FROM drafts").fetchone() == (0,)


def test_disk_full_while_writing_a_slot(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno  # noqa: PLC0415
    import os  # noqa: PLC0415

    real_replace = os.replace

    def no_space(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    from kiosk.staff import Role  # noqa: PLC0415

    with pytest.raises(DiskFull):
        session.staff.add(session.member, "eli", "Eli", Role.ENROLLER, "enroller pass")
    monkeypatch.setattr(os, "replace", real_replace)
    assert session.staff.find("eli") is None  # the account row rolled back with the slot
    assert not list(session.vault.slots.folder.glob(".*.tmp"))


def test_integrity_check_is_clean_on_a_new_vault(session: Session) -> None:
    assert session.vault.integrity_problems() == []


def test_temporary_storage_stays_in_memory(session: Session) -> None:
    assert session.vault.conn.execute("PRAGMA temp_store").fetchone() == (2,)
