"""Runtime hook: a windowed build (kiosk-gui.exe) has no console, so give it null streams.

PyInstaller leaves sys.stdout and sys.stderr as None there; the first log line or CLI message
would then raise AttributeError instead of going nowhere.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
