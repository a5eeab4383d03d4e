"""The GUI's single entry to the core: screens call intents here, results come back as signals.

Every intent runs the kiosk/ code on the vault worker; the session object lives on that thread,
and only frozen snapshots (StaffMember, Settings, DashboardSummary) cross back to the GUI.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from kiosk.appointments import purge_expired
from kiosk.audit import AuditAction
from kiosk.capture.sources import CameraInfo, list_cameras
from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.dashboard import outbox_overview, summarize
from kiosk.doctor import run_checks
from kiosk.doctor.intake import IntakeAnswer, probe_intake
from kiosk.doctor.model import DoctorReport
from kiosk.errors import KioskError
from kiosk.i18n import N_, current
from kiosk.outbox.confined import OwnerThreadOutboxStore
from kiosk.outbox.delivery import Delivery, DeliveryStatus
from kiosk.outbox.identity import KioskIdentity, load_identity, mark_registered
from kiosk.outbox.operations import ExportResult, export_sealed, requeue
from kiosk.outbox.uploader import SyncFinished, UploaderEvent
from kiosk.outbox.vault_store import VaultOutboxStore
from kiosk.settings_store import load_settings, save_settings
from kiosk.staff import Role, Session, StaffMember, create_vault, sign_in
from kiosk.vault import KdfParams, vault_exists
from ui.messages import message_for
from ui.workers.vault_worker import VaultWorker

log = logging.getLogger("kiosk.ui")


class KioskController(QObject):
    signed_in = Signal(object)  # StaffMember
    sign_in_failed = Signal(str)
    screen_locked = Signal()
    screen_unlocked = Signal(object)  # StaffMember
    signed_out = Signal()
    settings_loaded = Signal(object)  # Settings
    summary_updated = Signal(object)  # DashboardSummary
    outbox_loaded = Signal(object)  # OutboxOverview
    staff_loaded = Signal(object)  # list[StaffMember]
    delivery_updated = Signal(object)  # DeliveryStatus
    _delivery_event = Signal(object)  # UploaderEvent, from the uploader thread
    health_checked = Signal(object)  # DoctorReport
    _health_probed = Signal(object, object)  # (IntakeAnswer | None, cameras), network thread
    quit_authorized = Signal()
    quit_refused = Signal(str)
    action_succeeded = Signal(str)
    action_failed = Signal(str)
    bug_happened = Signal(object)  # BaseException, for the crash reporter

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        worker: VaultWorker,
        *,
        kdf: KdfParams | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.clock = clock
        self.worker = worker
        self.kdf = kdf
        self._session: Session | None = None
        self._delivery: Delivery | None = None
        self.delivery_status = DeliveryStatus(configured=False)
        self.member: StaffMember | None = None
        self.settings = Settings()
        self.locked = False
        self._delivery_event.connect(self._on_self_delivery_event)
        self._health_probed.connect(self._on_self_health_probed)
        # Network probes and camera listing: never on the vault or GUI thread.
        self._probes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="health-probe")

    # --- helpers ---------------------------------------------------------------------------

    def _fail_with(self, signal: Any) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if not isinstance(error, KioskError):
                self.bug_happened.emit(error)
            signal.emit(message_for(error))

        return failed

    @property
    def session(self) -> Session | None:
        """The signed-in session (lives on the vault thread: use it only inside worker jobs)."""
        return self._session

    def _require_session(self) -> Session:
        if self._session is None:
            raise RuntimeError("no one is signed in")
        return self._session

    # --- vault and sign-in -----------------------------------------------------------------

    def has_vault(self) -> bool:
        return vault_exists(self.data_dir)

    def create_vault(
        self, *, username: str, display_name: str, password: str, settings: Settings
    ) -> None:
        def job() -> tuple[Session, Settings]:
            session = create_vault(
                self.data_dir,
                admin_username=username,
                admin_password=password,
                admin_display_name=display_name,
                clock=self.clock,
                settings=settings.to_storage(),
                kdf=self.kdf,
            )
            return session, load_settings(session.vault.conn)

        self.worker.submit(job, self._on_session_opened, self._fail_with(self.sign_in_failed))

    def sign_in(self, username: str, password: str) -> None:
        def job() -> tuple[Session, Settings]:
            session = sign_in(self.data_dir, username, password, clock=self.clock)
            # Appointments of people who never came are not kept past their retention.
            purge_expired(session)
            return session, load_settings(session.vault.conn)

        self.worker.submit(job, self._on_session_opened, self._fail_with(self.sign_in_failed))

    def _on_session_opened(self, opened: tuple[Session, Settings]) -> None:
        self._session, self.settings = opened
        self.member = self._session.member
        self.locked = False
        self.settings_loaded.emit(self.settings)
        self.signed_in.emit(self.member)
        self._start_delivery(self._session)

    # --- delivery to the program office ------------------------------------------------------

    def _start_delivery(self, session: Session) -> None:
        def started(identity: KioskIdentity | None) -> None:
            if identity is None or self._session is not session:
                self.delivery_status = DeliveryStatus(configured=False)
                self.delivery_updated.emit(self.delivery_status)
                return

            def record_registered() -> None:  # runs on the uploader thread
                def job() -> None:
                    with session.vault.transaction() as conn:
                        mark_registered(conn, session.clock())

                self.worker.run_blocking(job)

            store = OwnerThreadOutboxStore(
                VaultOutboxStore(session.vault.conn, clock=session.clock), self.worker.submit
            )
            self._delivery = Delivery(
                identity, store, record_registered, on_event=self._delivery_event.emit
            )
            self.delivery_status = DeliveryStatus(configured=True)
            self.delivery_updated.emit(self.delivery_status)
            self._delivery.start()

        self.worker.submit(
            lambda: load_identity(session.vault.conn), started, self._fail_with(self.action_failed)
        )

    def _stop_delivery(self) -> None:
        delivery, self._delivery = self._delivery, None
        if delivery is not None:
            delivery.stop()

    def wake_delivery(self) -> None:
        """A record was just sealed: try to send it now rather than at the next tick."""
        if self._delivery is not None:
            self._delivery.wake()

    def _on_self_delivery_event(self, event: UploaderEvent) -> None:
        if isinstance(event, SyncFinished):
            self.delivery_status = self.delivery_status.after(event.result, self.clock())
            self.delivery_updated.emit(self.delivery_status)
            if self._session is not None and not self.locked:
                self.refresh_summary()
                self.load_outbox()

    def lock(self) -> None:
        if self._session is None or self.locked:
            return
        self.locked = True
        self.screen_locked.emit()
        self.worker.submit(self._require_session().record_screen_locked)

    def unlock(self, username: str, password: str) -> None:
        session = self._require_session()

        def unlocked(member: StaffMember) -> None:
            self.member = member
            self.locked = False
            self.screen_unlocked.emit(member)

        self.worker.submit(
            lambda: session.unlock_screen(username, password),
            unlocked,
            self._fail_with(self.sign_in_failed),
        )

    def sign_out(self) -> None:
        self._stop_delivery()
        session, self._session = self._session, None
        self.member = None
        self.locked = False
        if session is not None:
            self.worker.submit(session.close, failed=self._fail_with(self.action_failed))
        self.signed_out.emit()

    def authorize_quit(self, username: str, password: str) -> None:
        """Kiosk mode: a supervisor confirms closing; a signed-out kiosk checks by signing in."""
        session = self._session

        def job() -> None:
            if session is not None:
                session.authorize_supervisor(username, password, AuditAction.KIOSK_QUIT)
                return
            temporary = sign_in(self.data_dir, username, password, clock=self.clock)
            try:
                temporary.authorize_supervisor(username, password, AuditAction.KIOSK_QUIT)
            finally:
                temporary.close()

        if session is None and not self.has_vault():
            self.quit_authorized.emit()  # first run: nothing to protect yet
            return
        self.worker.submit(
            job, lambda _: self.quit_authorized.emit(), self._fail_with(self.quit_refused)
        )

    def shutdown(self) -> None:
        """Stop delivery and probes, close the vault on its own thread, then stop that thread."""
        self._stop_delivery()
        self._probes.shutdown(wait=True)
        session, self._session = self._session, None
        if session is not None:
            try:
                self.worker.run_blocking(session.close)
            except KioskError as error:
                log.warning("closing the vault at exit failed: %s", error.code)
        self.worker.stop()

    # --- home ------------------------------------------------------------------------------

    def refresh_summary(self) -> None:
        session = self._session
        if session is None:  # a job that finished after sign-out: nothing to refresh
            return
        today = self.clock().date()
        self.worker.submit(
            lambda: summarize(session.vault.conn, today),
            self.summary_updated.emit,
            self._fail_with(self.action_failed),
        )

    # --- outbox ----------------------------------------------------------------------------

    def load_outbox(self) -> None:
        session = self._session
        if session is None:  # a job that finished after sign-out: nothing to refresh
            return
        today = self.clock().date()
        self.worker.submit(
            lambda: outbox_overview(session, today),
            self.outbox_loaded.emit,
            self._fail_with(self.action_failed),
        )

    def export_to(self, folder: str) -> None:
        session = self._require_session()

        def done(result: ExportResult) -> None:
            self.action_succeeded.emit(
                current().ntr(
                    "Wrote {count} sealed record to {bundle}. Bring the drive to the program"
                    " office; the record stays here until its receipt comes back.",
                    "Wrote {count} sealed records to {bundle}. Bring the drive to the program"
                    " office; the records stay here until their receipts come back.",
                    result.records,
                    count=result.records,
                    bundle=result.bundle.name,
                )
            )
            self.load_outbox()

        self.worker.submit(
            lambda: export_sealed(session, Path(folder)), done, self._fail_with(self.action_failed)
        )

    def resend(self, record_id: str) -> None:
        session = self._require_session()

        def done(application_number: str) -> None:
            self.action_succeeded.emit(
                current().tr("{number} will be sent again.", number=application_number)
            )
            self.wake_delivery()
            self.load_outbox()

        self.worker.submit(
            lambda: requeue(session, record_id), done, self._fail_with(self.action_failed)
        )

    # --- health (kiosk doctor) ----------------------------------------------------------------

    def check_health(self) -> None:
        session = self._require_session()

        def probe(identity: KioskIdentity | None) -> None:
            answer = probe_intake(identity) if identity is not None else None
            self._health_probed.emit(answer, tuple(list_cameras()))

        def loaded(identity: KioskIdentity | None) -> None:
            self._probes.submit(probe, identity)

        self.worker.submit(
            lambda: load_identity(session.vault.conn), loaded, self._fail_with(self.action_failed)
        )

    def _on_self_health_probed(
        self, answer: IntakeAnswer | None, cameras: tuple[CameraInfo, ...]
    ) -> None:
        session = self._session
        if session is None:
            return

        def job() -> DoctorReport:
            return run_checks(
                session,
                self.data_dir,
                clock=self.clock,
                camera_lister=lambda: cameras,
                intake_probe=lambda _identity: answer or IntakeAnswer(reachable=False),
            )

        self.worker.submit(job, self.health_checked.emit, self._fail_with(self.action_failed))

    # --- staff -----------------------------------------------------------------------------

    def _staff_job(self, job: Callable[[Session], object], success_text: str) -> None:
        session = self._require_session()

        def run() -> list[StaffMember]:
            job(session)
            return session.staff.members()

        def done(members: list[StaffMember]) -> None:
            self.staff_loaded.emit(members)
            if success_text:
                self.action_succeeded.emit(success_text)

        self.worker.submit(run, done, self._fail_with(self.action_failed))

    def load_staff(self) -> None:
        self._staff_job(lambda s: None, "")

    def add_staff(self, username: str, display_name: str, role: Role, password: str) -> None:
        self._staff_job(
            lambda s: s.staff.add(s.member, username, display_name, role, password),
            current().tr(
                "Added {user}. Give them their temporary password in person.", user=username
            ),
        )

    def remove_staff(self, username: str) -> None:
        self._staff_job(
            lambda s: s.staff.remove(s.member, username),
            current().tr("Removed {user}.", user=username),
        )

    def reset_password(self, username: str, temporary_password: str) -> None:
        self._staff_job(
            lambda s: s.staff.reset_password(s.member, username, temporary_password),
            current().tr(
                "Password reset for {user}; they must choose a new one when they sign in.",
                user=username,
            ),
        )

    def clear_lockout(self, username: str) -> None:
        self._staff_job(
            lambda s: s.staff.clear_lockout(s.member, username),
            current().tr("{user} can try signing in again.", user=username),
        )

    def change_own_password(self, old_password: str, new_password: str) -> None:
        session = self._require_session()

        def job() -> StaffMember:
            session.staff.change_own_password(session.member, old_password, new_password)
            return session.refresh_member()

        def done(member: StaffMember) -> None:
            self.member = member
            self.action_succeeded.emit(N_("Your password was changed."))

        self.worker.submit(job, done, self._fail_with(self.action_failed))

    # --- settings --------------------------------------------------------------------------

    def save_settings(self, **changes: object) -> None:
        session = self._require_session()
        try:
            new = self.settings.replace(**changes)
        except KioskError as error:
            self.action_failed.emit(message_for(error))
            return

        def done(saved: Settings) -> None:
            self.settings = saved
            self.settings_loaded.emit(saved)
            self.action_succeeded.emit(N_("Settings saved."))

        self.worker.submit(
            lambda: save_settings(session, new), done, self._fail_with(self.action_failed)
        )
