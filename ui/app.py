"""Composition root of the GUI: builds the vault worker, controller, idle watcher and window.

Nothing else constructs services; screens receive what they need. `--demo` builds the same
graph on a throw-away vault with demo staff, so a newcomer sees the product at once.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from kiosk.clock import utc_now
from kiosk.config import Settings
from kiosk.crash import install_excepthook
from kiosk.logs import LOG_DIRNAME, configure_logging
from kiosk.outbox.identity import read_provisioning, save_identity
from kiosk.paths import default_data_dir
from kiosk.rules import available_programs
from kiosk.staff import Role, create_vault
from kiosk.vault import KdfParams
from ui.controller import KioskController
from ui.display import DisplayPrefs, apply_prefs, load_prefs, save_prefs
from ui.enrollment.services import EnrollmentServices
from ui.fonts import register_fonts
from ui.idle import IdleWatcher
from ui.language import UiLanguages, load_language, save_language
from ui.main_window import MainWindow
from ui.qt_catalogues import QtCatalogues
from ui.workers.vault_worker import VaultWorker

if TYPE_CHECKING:
    from kiosk.intake.demo import DemoIntake

log = logging.getLogger("kiosk.ui")

DEMO_ACCOUNTS = [
    ("demo-admin", "demo admin pass", Role.ADMIN),
    ("demo-supervisor", "demo supervisor pass", Role.SUPERVISOR),
    ("demo-enroller", "demo enroller pass", Role.ENROLLER),
]


@dataclass
class Kiosk:
    """Everything the running GUI owns, so it can be shut down in one place."""

    window: MainWindow
    controller: KioskController
    idle: IdleWatcher
    cleanup_dirs: list[Path] = field(default_factory=list)
    demo_intake: DemoIntake | None = None

    def shutdown(self) -> None:
        self.window.close()
        if self.demo_intake is not None:
            self.demo_intake.stop()
        for folder in self.cleanup_dirs:
            shutil.rmtree(folder, ignore_errors=True)


def make_demo_vault(folder: Path, provisioning: Path | None = None) -> None:
    """A vault with one account per role; KDF kept cheap because the vault is thrown away.

    With `provisioning` (from the demo intake) the kiosk is provisioned to deliver there.
    """
    first, *others = DEMO_ACCOUNTS
    settings = Settings().replace(site_name="Demo site · Central Library")
    session = create_vault(
        folder,
        admin_username=first[0],
        admin_password=first[1],
        admin_display_name="Dana Demo",
        clock=utc_now,
        settings=settings.to_storage(),
        kdf=KdfParams.fast_for_tests(),
    )
    names = {Role.SUPERVISOR: "Sam Supervisor", Role.ENROLLER: "Eli Enroller"}
    for username, password, role in others:
        session.staff.add(session.member, username, names[role], role, password)
    if provisioning is not None:
        facts = read_provisioning(provisioning)
        with session.vault.transaction() as conn:
            save_identity(conn, facts, label="Demo kiosk", url=facts.url, now=utc_now())
    session.close()


def start_demo_intake(folder: Path) -> DemoIntake | None:
    try:
        # FastAPI and uvicorn (the optional intake extra) load inside DemoIntake().
        from kiosk.intake.demo import DemoIntake  # noqa: PLC0415

        intake = DemoIntake(folder)
    except ImportError:
        log.warning("the intake extra is not installed: the demo runs without delivery")
        return None
    return intake.start()


def program_choices() -> list[tuple[str, str]]:
    return [(p.id, p.name) for p in available_programs()]


def build_kiosk(
    app: QApplication, *, demo: bool, data_dir: Path | None, kiosk_mode: bool = False
) -> Kiosk:
    cleanup: list[Path] = []
    kdf = None
    intake = None
    if demo:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
        cleanup.append(folder)
        intake = start_demo_intake(folder / "intake")
        make_demo_vault(folder / "vault", intake.provisioning if intake else None)
        data_dir = folder / "vault"
        kdf = KdfParams.fast_for_tests()
    data_dir = data_dir or default_data_dir()
    worker = VaultWorker()
    controller = KioskController(data_dir, utc_now, worker, kdf=kdf)
    idle = IdleWatcher(app, Settings.idle_lock_seconds.default * 1000)
    demo_accounts = [(u, p, r.value) for u, p, r in DEMO_ACCOUNTS] if demo else None
    prefs = load_prefs(data_dir)
    apply_prefs(app, prefs)
    register_fonts()  # before any window: Bengali, CJK, Arabic and Urdu from the bundle
    window = MainWindow(
        controller,
        idle,
        programs=program_choices(),
        demo_accounts=demo_accounts,
        kiosk_mode=kiosk_mode,
        enrollment=EnrollmentServices.for_demo(demo),
        display=prefs,
        languages=UiLanguages(QtCatalogues(app)),
    )
    folder_for_prefs = data_dir

    def display_changed(changed: DisplayPrefs) -> None:
        apply_prefs(app, changed)
        save_prefs(folder_for_prefs, changed)

    window.display_bar.prefs_changed.connect(display_changed)
    window.set_language(load_language(data_dir))
    window.language_changed.connect(lambda code: save_language(folder_for_prefs, code))
    return Kiosk(window, controller, idle, cleanup, intake)


def load_stylesheet(app: QApplication) -> None:
    """The default look (screenshots and tests); the app applies the laptop's display prefs."""
    apply_prefs(app, DisplayPrefs())


def run_gui(*, demo: bool, data_dir: str | None, kiosk_mode: bool = False) -> int:
    log_root = Path(data_dir) if data_dir else default_data_dir()
    configure_logging(log_root / LOG_DIRNAME, level=os.environ.get("KIOSK_LOG_LEVEL", "INFO"))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Enrollment kiosk")
    folder = Path(data_dir) if data_dir else None
    install_excepthook((folder or default_data_dir()) / "crash")
    kiosk = build_kiosk(app, demo=demo, data_dir=folder, kiosk_mode=kiosk_mode)
    if kiosk_mode:
        kiosk.window.showFullScreen()
    else:
        kiosk.window.show()
    kiosk.window.activateWindow()  # kiosk laptops may run without a window manager
    try:
        return app.exec()
    finally:
        kiosk.shutdown()
