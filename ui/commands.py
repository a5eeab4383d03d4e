"""Commands that need Qt, contributed to the core CLI by ui/launcher.py (Qt loads lazily)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from kiosk.cli import command_group


def register(subparsers: Any) -> None:
    demo = command_group(subparsers, "demo", "demonstration data")
    shots = demo.add_parser("screenshots", help="render every screen with demo data, one PNG each")
    shots.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    shots.set_defaults(handler=_screenshots)


def _screenshots(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.screenshots import main  # noqa: PLC0415 - Qt only when this command runs

    return main(["--out", str(args.out)])
