"""Entry point of the `kiosk` command: the core CLI, with the GUI injected as the default action.

Qt is imported only when the GUI actually starts, so `kiosk --version` and scripted commands
stay fast and run on machines without a display.
"""

from __future__ import annotations

import argparse
import sys

from kiosk import cli
from ui import commands


def _start_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui  # noqa: PLC0415 - deliberately lazy, see module docstring

    return run_gui(demo=args.demo, data_dir=args.data_dir, kiosk_mode=args.kiosk_mode)


def main() -> int:
    return cli.main(sys.argv[1:], start_gui=_start_gui, front_end_commands=[commands.register])
