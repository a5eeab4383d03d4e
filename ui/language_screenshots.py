"""Renders the applicant's check and the receipt in several languages, for docs/screenshots.

`render_language_screens(app, out_dir, workdir, codes)` signs in on a demo vault with a
loopback intake and, per language, walks a made-up applicant (a name in that language's script)
to the confirmation step and the receipt: `30-confirm-<code>.png` and `31-receipt-<code>.png`.
Run alone under a display or Xvfb: `python -m ui.language_screenshots --out DIR [--lang ar ...]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.clock import utc_now
from kiosk.enrollment import ApplicationType, EyeColour, Gender, LanguageChoice
from kiosk.vault import KdfParams
from ui.app import DEMO_ACCOUNTS, load_stylesheet, make_demo_vault, program_choices
from ui.controller import KioskController
from ui.enrollment_screenshots import (
    DEMO_BILL,
    DEMO_LICENCE,
    SIZE,
    _save,
    _services,
    _settle,
    _wait,
)
from ui.fonts import register_fonts
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers.vault_worker import VaultWorker

DOCS_LANGUAGES = ("ar", "zh_Hans", "bn")
# A made-up applicant per language, named in its own script (family, given).
NAMES = {
    "ar": ("حداد", "ليلى"),
    "ur": ("خان", "عائشہ"),
    "zh_Hans": ("王", "秀英"),
    "ko": ("김", "민지"),
    "bn": ("রহমান", "ফাতেমা"),
    "ru": ("Иванова", "Анна"),
    "es": ("Núñez", "Ana María"),
}


def render_language_screens(
    app: QApplication,
    out_dir: Path,
    workdir: Path,
    codes: tuple[str, ...] = DOCS_LANGUAGES,
    size: tuple[int, int] = SIZE,
) -> list[str]:
    """Two PNGs per language (confirmation and receipt); returns the file names written."""
    from ui.app import start_demo_intake  # noqa: PLC0415 - starts a loopback server

    register_fonts()
    out_dir.mkdir(parents=True, exist_ok=True)
    intake = start_demo_intake(workdir / "lang-intake")
    if intake is None:
        return []  # sealing needs the program key the demo intake provisions
    vault = workdir / "lang-vault"
    make_demo_vault(vault, intake.provisioning)
    controller = KioskController(vault, utc_now, VaultWorker(), kdf=KdfParams.fast_for_tests())
    window = MainWindow(
        controller, IdleWatcher(app, 600_000), programs=program_choices(), enrollment=_services()
    )
    window.resize(*size)
    window.show()
    saved: list[str] = []
    try:
        username, password, _ = DEMO_ACCOUNTS[2]
        window.login.username.setText(username)
        window.login.password.setText(password)
        _wait(controller.signed_in, window.login.submit.click)
        for code in codes:
            saved += _one_language(window, out_dir, code)
    finally:
        window.enrollment.session.forget()
        window.close()
        intake.stop()
    return saved


def _one_language(window: MainWindow, out: Path, code: str) -> list[str]:
    session, screen = window.enrollment.session, window.enrollment.screen
    _wait(session.flow_started, window.home.new_application.click)
    flow = session.require_flow()
    family, given = NAMES.get(code, ("Doe", "Alex"))
    flow.set_type(ApplicationType.NEW)
    flow.set_languages([LanguageChoice(code)])
    screen.go_next()
    flow.update_details(
        family_name=family,
        given_name=given,
        dob="1988-03-14",
        gender=Gender.F,
        height_feet="5",
        height_inches="4",
        eye_colour=EyeColour.BROWN,
        street="100 Atlantic Ave",
        unit="4B",
        city="Brooklyn",
        postal_code="11201",
    )
    screen.go_next()
    flow.add_document(DEMO_LICENCE, expires=date(2030, 1, 1), nyc_address=True)
    flow.add_document(DEMO_BILL, dated=utc_now().date(), nyc_address=True)
    screen.go_next()
    camera = screen.photo.camera
    if camera is not None:

        def capture() -> None:
            _settle(1500)  # the demo camera needs a moment before a face is steady
            camera.capture_button.click()

        _wait(camera.photo_captured, capture)
    _wait(session.card_rendered, screen.go_next)
    screen.go_next()
    state = session.state
    if state is None or state.step.name != "CONFIRM":
        raise RuntimeError(f"{code}: the demo application stopped before the confirmation")
    saved = [_save(window, out, f"30-confirm-{code}")]
    flow.set_attestation(True)
    _wait(session.receipt_rendered, session.submit)
    saved.append(_save(window, out, f"31-receipt-{code}"))
    screen.receipt.done_button.click()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", nargs="*", default=list(DOCS_LANGUAGES))
    parser.add_argument("--size", default="1280x800", help="WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_stylesheet(app)
    with tempfile.TemporaryDirectory(prefix="kiosk-lang-shots-") as work:
        names = render_language_screens(
            app, args.out, Path(work), tuple(args.lang), (width, height)
        )
        for name in names:
            sys.stdout.write(f"{args.out / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
