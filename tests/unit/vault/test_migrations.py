"""One test per migration, run against vault files that older versions of the kiosk wrote."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk import audit
from kiosk.staff import sign_in
from kiosk.vault import migrations
from kiosk.vault.database import open_connection
from kiosk.vault.migrations import Migration, current_version, latest_version, migrate
from tests.fixtures.make_vault_fixtures import PASSWORD
from tests.unit.conftest import FakeClock

FIXTURES = Path(__file__).parents[2] / "fixtures" / "vaults"
KEY = bytes(range(32))


def tables(conn: object) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")  # type: ignore[attr-defined]
    return {r[0] for r in rows}


def old_vault(tmp_path: Path, schema: int) -> Path:
    target = tmp_path / f"schema{schema}"
    shutil.copytree(FIXTURES / f"schema{schema}", target)
    return target


def test_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in migrations.all_migrations()]
    assert versions == list(range(1, latest_version() + 1))


def test_0001_initial_creates_the_base_schema(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "v.db", KEY)
    assert migrate(conn, target=1) == [1]
    assert current_version(conn) == 1
    assert {"meta", "staff", "key_slot_mirror", "settings", "audit", "drafts"} <= tables(conn)
    conn.close()


def test_0002_submissions_upgrades_a_schema1_vault(tmp_path: Path) -> None:
    data_dir = old_vault(tmp_path, 1)
    session = sign_in(data_dir, "eli", PASSWORD, clock=FakeClock())
    conn = session.vault.conn
    assert current_version(conn) == latest_version()
    assert "submissions" in tables(conn)
    assert [m.username for m in session.staff.members()] == ["ana", "eli"]
    assert conn.execute("SELECT value FROM settings WHERE key='site_name'").fetchone() == (
        "Fixture Site",
    )
    assert audit.verify(conn).ok
    session.close()


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_connection(tmp_path / "v.db", KEY)
    migrate(conn, target=1)

    def broken(c: object) -> None:
        c.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        raise RuntimeError("bug in a migration")

    real = migrations.all_migrations()
    monkeypatch.setattr(
        migrations, "all_migrations", lambda: [real[0], Migration(2, "0002_broken", broken)]
    )
    with pytest.raises(RuntimeError):
        migrate(conn)
    assert current_version(conn) == 1
    assert "half_done" not in tables(conn)
    conn.close()


def test_0003_kiosk_identity_adds_one_row_table_and_keeps_records(tmp_path: Path) -> None:
    conn = open_connection(tmp_path / "v.db", KEY)
    migrate(conn, target=2)
    conn.execute(
        "INSERT INTO staff (username, display_name, role, created_at) "
        "VALUES ('ana', 'Ana', 'admin', 'now')"
    )
    conn.execute(
        "INSERT INTO submissions (record_id, application_number, state, submitted_by,"
        " submitted_at, updated_at, envelope)"
        " VALUES ('r1', 'A-1', 'sealed', 1, 'now', 'now', x'00')"
    )
    assert migrate(conn, target=3) == [3]
    assert "kiosk_identity" in tables(conn)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(kiosk_identity)")}
    assert {"kiosk_id", "signing_key", "program_public_key", "intake_url"} <= columns
    assert conn.execute("SELECT application_number FROM submissions").fetchall() == [("A-1",)]
    conn.close()
