"""Delivery from the GUI: a provisioned kiosk uploads while signed in; status reaches home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.intake.demo import DemoIntake
from kiosk.outbox.delivery import DeliveryStatus
from tests.gui.conftest import Harness
from ui.app import make_demo_vault
from ui.screens.home import describe_delivery

pytestmark = pytest.mark.gui


@pytest.fixture
def intake(tmp_path: Path) -> Iterator[DemoIntake]:
    server = DemoIntake(tmp_path / "intake").start()
    yield server
    server.stop()


def test_signed_in_kiosk_delivers_its_records_exactly_once(
    qtbot: QtBot, tmp_path: Path, intake: DemoIntake
) -> None:
    vault = tmp_path / "vault"
    make_demo_vault(vault, intake.provisioning)
    password = tmp_path / "pw"
    password.write_text("demo admin pass\n")
    assert (
        main(
            [
                "demo",
                "seed",
                "--count",
                "3",
                "--data-dir",
                str(vault),
                "--user",
                "demo-admin",
                "--password-file",
                str(password),
            ]
        )
        == 0
    )
    h = Harness(qtbot, vault)
    try:
        statuses: list[DeliveryStatus] = []
        h.controller.delivery_updated.connect(statuses.append)
        h.sign_in("demo-enroller", "demo enroller pass")
        qtbot.waitUntil(lambda: bool(statuses) and statuses[-1].reachable is True, timeout=15000)
        assert statuses[-1].pending == 0
        assert intake.service.stats()["records"] == 3
        qtbot.waitUntil(lambda: h.window.home.delivered.value.text() == "3", timeout=5000)
        assert "Connected to the program office" in h.window.home.network.text()
    finally:
        h.close()


def test_unprovisioned_kiosk_says_records_stay_safe(harness: Harness, qtbot: QtBot) -> None:
    with qtbot.waitSignal(harness.controller.delivery_updated, timeout=5000):
        harness.sign_in("demo-enroller", "demo enroller pass")
    assert not harness.controller.delivery_status.configured
    assert "stay safely on this laptop" in harness.window.home.network.text()


def test_status_sentences() -> None:
    from datetime import UTC, datetime  # noqa: PLC0415

    from kiosk.outbox.model import SyncResult  # noqa: PLC0415

    at = datetime(2026, 11, 23, 15, 4, tzinfo=UTC)
    configured = DeliveryStatus(configured=True)
    assert "Checking" in describe_delivery(configured)
    offline = configured.after(SyncResult(0, 0, 4, "outbox.intake_unreachable"), at)
    assert "No connection" in describe_delivery(offline)
    assert "safe on this laptop" in describe_delivery(offline)
    online = configured.after(SyncResult(4, 0, 2, None), at)
    assert "2 still to send" in describe_delivery(online)
