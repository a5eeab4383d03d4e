"""Entry script of the PyInstaller bundle: the same `kiosk` command as the installed console script.

The only addition is the startup probe (inactive unless KIOSK_EXIT_AFTER_FIRST_PAINT=1) that
benchmarks/bench_startup.py uses to time the bundle's first paint.
"""

import sys

from ui.first_paint import install_if_requested
from ui.launcher import main

if __name__ == "__main__":
    install_if_requested()
    sys.exit(main())
