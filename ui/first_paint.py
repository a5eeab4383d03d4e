"""Startup probe for benchmarks/bench_startup.py: report the main window's first paint, then quit.

Enabled only by KIOSK_EXIT_AFTER_FIRST_PAINT=1, and installed before the GUI starts (by the
bundle's entry script, or the benchmark's `python -c`), so the measured path is the real
`kiosk --demo` startup with nothing changed in ui/app.py.
"""

from __future__ import annotations

import os
import sys

ENV_VAR = "KIOSK_EXIT_AFTER_FIRST_PAINT"
MARKER = "kiosk-first-paint"
PROBE_NAME = "kioskFirstPaintProbe"


def requested() -> bool:
    return os.environ.get(ENV_VAR) == "1"


def install() -> None:
    """Create the QApplication now, with a filter that quits once the main window has painted."""
    # Imported here: the probe must not slow down a normal start by importing Qt early.
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: PLC0415

    class FirstPaintProbe(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and isinstance(watched.window(), QMainWindow)
            ):
                app.removeEventFilter(self)
                # After the rest of this frame is painted, say so and leave through app.exec().
                QTimer.singleShot(0, self._report_and_quit)
            return False

        def _report_and_quit(self) -> None:
            sys.stdout.write(MARKER + "\n")
            sys.stdout.flush()
            app.quit()

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    if app.findChild(QObject, PROBE_NAME) is not None:
        return  # installed already (both the launcher and an entry script may ask)
    probe = FirstPaintProbe(app)  # parented to the app, so it lives as long as the app
    probe.setObjectName(PROBE_NAME)
    app.installEventFilter(probe)


def install_if_requested() -> None:
    if requested():
        install()
