"""Entry point of the `kiosk` command: the core CLI, with the GUI injected as the default action.

Qt is imported only when the GUI actually starts, so `kiosk --version` and scripted commands
stay fast and run on machines without a display. The GUI also contributes its own commands
(`kiosk demo screenshots`) and its own `kiosk self-test` check (the main window renders).
"""

from __future__ import annotations

import argparse
import sys

from kiosk import cli
from ui import commands
from ui.first_paint import install_if_requested
from ui.selftest_gui import GUI_CHECKS


def _start_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui  # noqa: PLC0415 - deliberately lazy, see module docstring

    return run_gui(demo=args.demo, data_dir=args.data_dir, kiosk_mode=args.kiosk_mode)


def main() -> int:
    install_if_requested()  # KIOSK_EXIT_AFTER_FIRST_PAINT=1: the startup benchmark's probe
    return cli.main(
        sys.argv[1:],
        start_gui=_start_gui,
        front_end_commands=[commands.register],
        selftest_checks=GUI_CHECKS,
    )
