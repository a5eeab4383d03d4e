"""The GUI's check for `kiosk self-test`: build the real main window offscreen and grab a frame.

It lives in ui/ because kiosk/ never imports Qt; ui/launcher.py hands `GUI_CHECKS` to
`kiosk.cli.main(selftest_checks=...)`. PySide6 is imported only when the check runs, so the
launcher stays fast for every other command.
"""

from __future__ import annotations

import importlib.util
import os

from kiosk.selftest import Check, CheckFailed, CheckSkipped, SelfTestContext

MIN_DISTINCT_COLOURS = 3  # a blank or single-colour grab means nothing was drawn


def render_main_window(_ctx: SelfTestContext) -> str:
    if importlib.util.find_spec("PySide6") is None:
        raise CheckSkipped("Qt (PySide6) is not installed")
    # With neither a display nor this, Qt aborts the process; a smoke test must not need a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - see module docstring

    from ui.app import build_kiosk, load_stylesheet  # noqa: PLC0415

    app = QApplication.instance() or QApplication(["kiosk-self-test"])
    if not isinstance(app, QApplication):
        raise CheckFailed("a non-widget Qt application is already running")
    load_stylesheet(app)
    kiosk = build_kiosk(app, demo=True, data_dir=None)
    try:
        kiosk.window.show()
        app.processEvents()
        image = kiosk.window.grab().toImage()
    finally:
        kiosk.shutdown()
    if image.isNull() or image.width() == 0 or image.height() == 0:
        raise CheckFailed("the main window rendered an empty image")
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    }
    if len(colours) < MIN_DISTINCT_COLOURS:
        raise CheckFailed("the main window rendered blank (styles or fonts missing?)")
    platform = QApplication.platformName()
    return f"main window rendered on {platform}: {image.width()}x{image.height()}"


GUI_CHECKS: tuple[Check, ...] = (Check("gui", render_main_window),)
