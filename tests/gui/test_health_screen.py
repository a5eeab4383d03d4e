"""The supervisor's health screen shows the same checks as `kiosk doctor`."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Harness

pytestmark = pytest.mark.gui


def test_health_screen_lists_every_check(harness: Harness, qtbot: QtBot) -> None:
    harness.sign_in("demo-supervisor", "demo supervisor pass")
    w = harness.window
    w.show_settings()
    with qtbot.waitSignal(harness.controller.health_checked, timeout=10000) as report:
        w.settings_screen.health.click()
    assert w.stack.currentWidget() is w.health
    checks = report.args[0].checks
    assert [c.id for c in checks] == [
        "cameras",
        "disk",
        "clock",
        "vault",
        "keys",
        "intake",
        "backlog",
    ]
    texts = [widget.text() for widget in w.health._rows if isinstance(widget, QLabel)]
    assert "Encrypted vault" in texts
    assert all(c.summary in texts for c in checks)
    assert w.health.check_button.isEnabled()
