"""Renders every screen with demo data to PNG files, for docs/screenshots and for review.

Run under a real display or Xvfb (`python -m ui.screenshots --out docs/screenshots`); it drives
the same window, controller and vault thread as the app, on a throw-away demo vault.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.cli import main as cli_main
from kiosk.clock import utc_now
from kiosk.intake.demo import DemoIntake
from kiosk.staff import sign_in
from kiosk.vault import KdfParams
from ui.app import DEMO_ACCOUNTS, load_stylesheet, make_demo_vault, program_choices
from ui.controller import KioskController
from ui.enrollment_screenshots import render_enrollment_screens
from ui.idle import IdleWatcher
from ui.language_screenshots import render_language_screens
from ui.main_window import MainWindow
from ui.screens.change_password import ChangePasswordDialog
from ui.workers.vault_worker import VaultWorker

SIZE = (1280, 760)


def wait_for(signal: SignalInstance, trigger: Callable[[], None], timeout_ms: int = 10_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    trigger()
    loop.exec()
    signal.disconnect(loop.quit)


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    settle()
    widget.grab().save(str(out / f"{name}.png"))


def seeded_offline_vault(workdir: Path) -> Path:
    """A demo vault provisioned to an intake that has gone away, with records in every state."""
    intake = DemoIntake(workdir / "intake").start()
    intake.stop()
    demo_dir = workdir / "demo"
    make_demo_vault(demo_dir, intake.provisioning)
    password = workdir / "pw"
    password.write_text(DEMO_ACCOUNTS[0][1] + "\n")
    args = ["--data-dir", str(demo_dir), "--user", DEMO_ACCOUNTS[0][0]]
    cli_main(["demo", "seed", "--count", "6", *args, "--password-file", str(password)])
    session = sign_in(demo_dir, DEMO_ACCOUNTS[0][0], DEMO_ACCOUNTS[0][1], clock=utc_now)
    with session.vault.transaction() as conn:
        rows = [r[0] for r in conn.execute("SELECT record_id FROM submissions ORDER BY rowid")]
        conn.execute(
            "UPDATE submissions SET state = 'delivered', envelope = NULL WHERE record_id IN (?, ?)",
            rows[:2],
        )
        conn.execute(
            "UPDATE submissions SET state = 'needs_attention', last_error = 'resend:damaged'"
            " WHERE record_id = ?",
            (rows[2],),
        )
    session.close()
    return demo_dir


DEMO_APPOINTMENTS = (
    "confirmation_code,date,time,family_name,given_names,language\n"
    "AB-1001,{day},09:00,Núñez,Ana María,es\n"
    "AB-1002,{day},09:30,Haddad,Layla,ar\n"
    "AB-1003,{day},10:00,Chen,Wei,zh_Hans\n"
    "AB-1004,{day},10:30,Kowalski,Jan,pl\n"
)


def render_check_in(window: MainWindow, out: Path, workdir: Path) -> None:
    """The check-in screen with a made-up day of appointments and two walk-in tickets."""
    a = window.appointments_controller
    wait_for(a.day_loaded, window.show_appointments)
    csv = workdir / "appointments.csv"
    csv.write_text(DEMO_APPOINTMENTS.format(day=utc_now().astimezone().date()), "utf-8")
    wait_for(a.list_imported, lambda: a.import_file(str(csv)))
    wait_for(a.day_loaded, lambda: None)
    window.appointments.table.selectRow(0)
    wait_for(a.day_loaded, lambda: a.check_in("AB-1001"))
    for _ in range(2):
        wait_for(a.ticket_taken, a.take_ticket)
    wait_for(a.queue_loaded, lambda: None)
    save(window, out, "06c-check-in")


def render_shell(app: QApplication, out: Path, workdir: Path) -> list[str]:
    demo_dir = seeded_offline_vault(workdir)
    accounts = [(u, p, r.value) for u, p, r in DEMO_ACCOUNTS]

    def window_for(data_dir: Path, demo: bool) -> tuple[MainWindow, KioskController]:
        controller = KioskController(
            data_dir, utc_now, VaultWorker(), kdf=KdfParams.fast_for_tests()
        )
        idle = IdleWatcher(app, 600_000)
        window = MainWindow(
            controller, idle, programs=program_choices(), demo_accounts=accounts if demo else None
        )
        window.resize(*SIZE)
        window.show()
        return window, controller

    # First run: the three wizard steps, on an empty folder.
    window, controller = window_for(workdir / "fresh", demo=False)
    save(window, out, "01-setup-program")
    window.setup.next.click()
    window.setup.site_name.setText("Queens Public Library, Flushing")
    save(window, out, "02-setup-site")
    window.setup.next.click()
    window.setup.display_name.setText("Ana Rivera")
    window.setup.username.setText("arivera")
    save(window, out, "03-setup-admin")
    window.close()

    window, controller = window_for(demo_dir, demo=True)
    save(window, out, "04-sign-in")
    login = window.login
    login.username.setText("demo-admin")
    login.password.setText("wrong password")
    wait_for(controller.sign_in_failed, login.submit.click)
    save(window, out, "05-sign-in-wrong-password")
    login.password.setText(DEMO_ACCOUNTS[0][1])
    wait_for(controller.delivery_updated, login.submit.click)
    wait_for(controller.summary_updated, controller.refresh_summary)
    save(window, out, "06-home")
    wait_for(controller.outbox_loaded, window.show_outbox)
    save(window, out, "06b-outbox")
    render_check_in(window, out, workdir)
    wait_for(controller.staff_loaded, window.show_staff)
    save(window, out, "07-staff")
    window.show_settings()
    save(window, out, "08-settings")
    wait_for(controller.health_checked, window.settings_screen.health.click)
    save(window, out, "08b-health")
    dialog = ChangePasswordDialog(required=True, parent=window)
    dialog.show()
    save(dialog, out, "09-change-password-required")
    dialog.close()
    controller.lock()
    save(window, out, "10-lock-screen")
    window.close()
    return sorted(p.name for p in out.glob("*.png"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    load_stylesheet(app)
    args.out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="kiosk-shots-"))
    try:
        names = render_shell(app, args.out, workdir)
        names += render_enrollment_screens(app, args.out, workdir)
        names += render_language_screens(app, args.out, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    sys.stdout.write("\n".join(names) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
