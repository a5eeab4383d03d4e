"""Writes that returned survive SIGKILL mid-burst, and the encrypted pages stay intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.staff import sign_in
from tests.unit.conftest import ADMIN, ADMIN_PASSWORD, FakeClock

WRITER = r"""
import sys
from datetime import UTC, datetime
from pathlib import Path
from kiosk.staff import sign_in

session = sign_in(Path(sys.argv[1]), sys.argv[2], sys.argv[3],
                  clock=lambda: datetime(2026, 11, 23, tzinfo=UTC))
payload = bytes(range(256)) * 240  # ~60 KB, like a card photo
i = 0
while True:
    with session.vault.transaction() as conn:
        conn.execute("INSERT INTO drafts VALUES (?, 1, 'now', 'now', ?)", (f"d{i}", payload))
    sys.stdout.write(f"d{i}\n")
    sys.stdout.flush()
    i += 1
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_burst_loses_no_acknowledged_write(
    session: object, vault_dir: Path, clock: FakeClock
) -> None:
    session.close()  # type: ignore[attr-defined]
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(vault_dir), ADMIN, ADMIN_PASSWORD],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    acknowledged = []
    for line in child.stdout:
        acknowledged.append(line.strip())
        if len(acknowledged) == 40:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    after = sign_in(vault_dir, ADMIN, ADMIN_PASSWORD, clock=clock)
    stored = {r[0] for r in after.vault.conn.execute("SELECT id FROM drafts")}
    assert set(acknowledged) <= stored
    assert after.vault.integrity_problems() == []
    after.close()
