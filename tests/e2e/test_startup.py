"""`kiosk --version` stays cheap: it must not import the subsystems that build_parser() pulls in."""

from __future__ import annotations

import subprocess
import sys

from kiosk import __version__

HEAVY = ("cv2", "numpy", "httpx", "PySide6", "nacl", "sqlcipher3")


def test_version_imports_no_heavy_module() -> None:
    probe = (
        "import sys\n"
        "from ui.launcher import main\n"
        "sys.argv = ['kiosk', '--version']\n"
        "assert main() == 0\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines() == [f"kiosk {__version__}", "[]"]
