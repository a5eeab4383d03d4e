"""Migration 0004 on a vault that kiosk schema 3 wrote (tests/fixtures/vaults/schema3)."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk import audit
from kiosk.appointments.book import AppointmentBook
from kiosk.appointments.tickets import WalkInQueue
from kiosk.staff import sign_in
from kiosk.vault.migrations import current_version, latest_version
from tests.fixtures.make_vault_fixtures import PASSWORD
from tests.unit.appointments.conftest import csv_bytes
from tests.unit.conftest import FakeClock

FIXTURES = Path(__file__).parents[2] / "fixtures" / "vaults"


def test_0004_appointments_upgrades_a_schema3_vault(tmp_path: Path, clock: FakeClock) -> None:
    data_dir = tmp_path / "schema3"
    shutil.copytree(FIXTURES / "schema3", data_dir)
    session = sign_in(data_dir, "eli", PASSWORD, clock=clock)
    try:
        conn = session.vault.conn
        assert current_version(conn) == latest_version() >= 4
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"appointments", "walk_in_tickets", "submissions", "kiosk_identity"} <= tables
        assert [m.username for m in session.staff.members()] == ["ana", "eli"]
        assert AppointmentBook(session).import_csv(csv_bytes()).created == 4
        assert WalkInQueue(session).take_ticket().label == "W-001"
        assert audit.verify(conn).ok
    finally:
        session.close()
    # Nothing from the list is readable in the files on disk.
    for path in data_dir.rglob("*"):
        if path.is_file():
            blob = path.read_bytes()
            assert "Núñez".encode() not in blob and b"AB-1001" not in blob
