"""Renders each enrollment step with demo data to PNG files, for docs/screenshots and review.

`render_enrollment_screens(app, out_dir, workdir)` drives the real window, controller, vault
thread and synthetic camera through one made-up application, from the application type to the
receipt, and saves one PNG per step (`enroll-1-type.png` ... `enroll-7-receipt.png`, plus the
details step with its inline messages). `kiosk demo screenshots` calls it; run it alone under a
display or Xvfb with `python -m ui.enrollment_screenshots --out DIR`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.capture.choices import demo_choice
from kiosk.capture.faces import make_detector
from kiosk.capture.photo import PhotoSpec
from kiosk.clock import utc_now
from kiosk.enrollment import (
    ApplicationType,
    EyeColour,
    Gender,
    LanguageChoice,
)
from kiosk.vault import KdfParams
from ui.app import DEMO_ACCOUNTS, load_stylesheet, make_demo_vault, program_choices
from ui.controller import KioskController
from ui.enrollment.services import EnrollmentServices
from ui.idle import IdleWatcher
from ui.main_window import MainWindow
from ui.workers.capture_worker import CaptureWorker
from ui.workers.vault_worker import VaultWorker

SIZE = (1280, 800)
TIMEOUT_MS = 15_000
DEMO_LICENCE = "nys_dmv_driver_license_or_permit_nyc_address"
DEMO_BILL = "utility_cable_phone_bill"


def _wait(signal: SignalInstance, trigger: Callable[[], None]) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, out: Path, name: str) -> str:
    _settle()
    widget.grab().save(str(out / f"{name}.png"))
    return f"{name}.png"


def _services() -> EnrollmentServices:
    def worker(spec: PhotoSpec) -> CaptureWorker:
        return CaptureWorker(make_detector, spec=spec, camera_lister=list, auto_capture=False)

    return EnrollmentServices(
        make_capture_worker=worker, camera_fallback=(demo_choice(),), use_second_screen=False
    )


def render_enrollment_screens(
    app: QApplication, out_dir: Path, workdir: Path, size: tuple[int, int] = SIZE
) -> list[str]:
    """One PNG per step of a made-up application; returns the file names written."""
    from ui.app import start_demo_intake  # noqa: PLC0415 - starts a loopback server

    out_dir.mkdir(parents=True, exist_ok=True)
    intake = start_demo_intake(workdir / "enroll-intake")
    vault = workdir / "enroll-vault"
    make_demo_vault(vault, intake.provisioning if intake else None)
    controller = KioskController(vault, utc_now, VaultWorker(), kdf=KdfParams.fast_for_tests())
    idle = IdleWatcher(app, 600_000)
    accounts = [(u, p, r.value) for u, p, r in DEMO_ACCOUNTS]
    window = MainWindow(
        controller,
        idle,
        programs=program_choices(),
        demo_accounts=accounts,
        enrollment=_services(),
    )
    window.resize(*size)
    window.show()
    saved: list[str] = []
    try:
        username, password, _ = accounts[2]
        window.login.username.setText(username)
        window.login.password.setText(password)
        _wait(controller.signed_in, window.login.submit.click)
        saved.append(_save(window, out_dir, "enroll-0-home"))
        _wait(window.enrollment.session.flow_started, window.home.new_application.click)
        saved += _entry_steps(window, out_dir)
        saved += _final_steps(window, out_dir, submit=intake is not None)
    finally:
        window.enrollment.session.forget()
        window.close()
        if intake is not None:
            intake.stop()
    return saved


def _entry_steps(window: MainWindow, out: Path) -> list[str]:
    """Steps 1 to 3, with the validation messages and the points meter on the way."""
    session, screen = window.enrollment.session, window.enrollment.screen
    flow = session.require_flow()
    saved = []
    flow.set_type(ApplicationType.NEW)
    flow.set_languages([LanguageChoice("es"), LanguageChoice("ase")])
    saved.append(_save(window, out, "enroll-1-type"))
    screen.go_next()
    flow.update_details(family_name="Núñez", given_name="Ana María", dob="1990-07-4")
    screen.go_next()  # refused: the messages appear beside their fields
    saved.append(_save(window, out, "enroll-2-details-messages"))
    flow.update_details(
        dob="1990-07-04",
        gender=Gender.X,
        height_feet="5",
        height_inches="6",
        eye_colour=EyeColour.BROWN,
        street="100 Atlantic Ave",
        unit="4B",
        city="Brooklyn",
        postal_code="11201",
        phone="212 555 0100",
    )
    screen.status.clear_status()
    saved.append(_save(window, out, "enroll-2-details"))
    screen.go_next()
    flow.add_document(DEMO_LICENCE)
    saved.append(_save(window, out, "enroll-3-documents-meter"))
    flow.add_document(DEMO_LICENCE, expires=date(2030, 1, 1), nyc_address=True)
    flow.add_document(DEMO_BILL, dated=utc_now().date(), nyc_address=True)
    saved.append(_save(window, out, "enroll-3-documents"))
    return saved


def _final_steps(window: MainWindow, out: Path, *, submit: bool) -> list[str]:
    """Steps 4 to 7: a photo from the demo camera, the card, the applicant's check, the receipt."""
    session, screen = window.enrollment.session, window.enrollment.screen
    saved = []
    screen.go_next()
    camera = screen.photo.camera
    if camera is not None:

        def capture() -> None:
            _settle(1500)  # let the demo camera run a moment, as an operator would
            camera.capture_button.click()

        _wait(camera.photo_captured, capture)
    saved.append(_save(window, out, "enroll-4-photo"))
    _wait(session.card_rendered, screen.go_next)
    saved.append(_save(window, out, "enroll-5-review"))
    screen.go_next()
    saved.append(_save(window, out, "enroll-6-confirm"))
    if submit:
        session.require_flow().set_attestation(True)
        _wait(session.receipt_rendered, session.submit)
        saved.append(_save(window, out, "enroll-7-receipt"))
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", default="1280x800", help="WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    load_stylesheet(app)
    with tempfile.TemporaryDirectory(prefix="kiosk-enroll-shots-") as work:
        for name in render_enrollment_screens(app, args.out, Path(work), (width, height)):
            sys.stdout.write(f"{args.out / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
