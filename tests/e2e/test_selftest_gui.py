"""The GUI's self-test check renders the real main window; the first-paint probe quits the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.selftest import run_selftest
from ui.first_paint import MARKER
from ui.selftest_gui import GUI_CHECKS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.gui
def test_gui_check_renders_the_main_window(qapp: QApplication, tmp_path: Path) -> None:
    report = run_selftest(GUI_CHECKS, checks=(), parent_dir=tmp_path)
    (gui,) = report.results
    assert (gui.name, gui.ok, gui.skipped) == ("gui", True, False), gui.detail
    assert gui.detail == "main window rendered on offscreen: 1280x760"
    assert [w for w in qapp.topLevelWidgets() if w.isVisible()] == []  # shut down again


def test_first_paint_probe_prints_its_marker_and_quits() -> None:
    probe = (
        "import sys\n"
        "from ui.first_paint import install_if_requested\n"
        "install_if_requested()\n"
        "install_if_requested()\n"  # the launcher and an entry script may both ask
        "from ui.launcher import main\n"
        "sys.argv = ['kiosk', '--demo']\n"
        "sys.exit(main())\n"
    )
    env = dict(os.environ, KIOSK_EXIT_AFTER_FIRST_PAINT="1", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [MARKER]
