"""A full demo enrollment through the screens, logged at DEBUG, leaves no applicant data in logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.crash import write_crash_file
from kiosk.enrollment import Step
from kiosk.intake.demo import DemoIntake
from kiosk.logs import configure_logging
from tests.gui.enrollment.conftest import TIMEOUT, EnrollHarness
from tests.gui.enrollment.filling import ADDRESS, DETAILS, fill_to
from ui.screens.enrollment.confirm_step import ConfirmStep

pytestmark = pytest.mark.gui


def _needles() -> list[str]:
    year, month, day = DETAILS["dob"].split("-")
    return [
        DETAILS["family_name"],
        DETAILS["given_name"],
        "Ana",
        DETAILS["dob"],
        f"{month}/{day}/{year}",
        f"{year}{month}{day}",
        ADDRESS["street"],
    ]


def test_logs_and_crash_reports_name_no_applicant(
    qtbot: QtBot, provisioned: Path, intake: DemoIntake
) -> None:
    logs = provisioned / "logs"
    setup = configure_logging(logs, level="DEBUG", console=False, data_dir=provisioned)
    h = EnrollHarness(qtbot, provisioned)
    try:
        h.sign_in()
        h.start()
        fill_to(h, Step.CONFIRM)
        confirm = h.screen.pages[Step.CONFIRM]
        assert isinstance(confirm, ConfirmStep)
        confirm.attested.click()
        with qtbot.waitSignal(h.window.enrollment.session.submitted, timeout=TIMEOUT):
            confirm.submit.click()
        qtbot.waitUntil(lambda: intake.service.stats()["records"] == 1, timeout=15_000)
        try:  # a bug while the applicant's details are in scope
            raise ValueError(f"could not parse {DETAILS}")
        except ValueError as error:
            write_crash_file(provisioned / "crash", error)
    finally:
        h.close()
        setup.close()
    files = [p for p in (*logs.rglob("*"), *(provisioned / "crash").rglob("*")) if p.is_file()]
    assert files, "nothing was logged: the scan would prove nothing"
    assert any(p.stat().st_size > 0 for p in files if p.parent == logs)
    leaks = [
        f"{path.name}: {needle}"
        for path in files
        for needle in _needles()
        if needle in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert leaks == []
