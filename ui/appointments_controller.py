"""Intents for the check-in screen: appointments and walk-in tickets, run on the vault thread.

Fetching the day's list from the program office goes over the network on its own thread (so
the vault thread never waits on Wi-Fi), then is stored on the vault thread.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from kiosk.appointments import AppointmentBook, DayView, ImportReport, Ticket, WalkInQueue
from kiosk.errors import InvalidInput, KioskError
from kiosk.outbox.client import IntakeClient
from kiosk.outbox.identity import KioskIdentity
from kiosk.outbox.operations import require_identity
from kiosk.settings_store import load_settings
from kiosk.staff import Session
from ui.messages import message_for
from ui.workers.vault_worker import VaultWorker

T = TypeVar("T")
FETCH_TIMEOUT_S = 15.0


class AppointmentsController(QObject):
    day_loaded = Signal(object)  # DayView
    queue_loaded = Signal(object)  # tuple[Ticket, ...]
    ticket_taken = Signal(object)  # Ticket
    list_imported = Signal(object)  # ImportReport
    action_failed = Signal(str)
    _fetched = Signal(object, object)  # (rows, day), from the network thread

    def __init__(
        self,
        session_of: Callable[[], Session | None],
        worker: VaultWorker,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_of = session_of
        self._worker = worker
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="appointments-net")
        self._fetched.connect(self._on_self_fetched)

    def _run(self, job: Callable[[Session], T], done: Callable[[T], None]) -> None:
        session = self._session_of()
        if session is None:
            return

        def failed(error: BaseException) -> None:
            self.action_failed.emit(message_for(error))

        self._worker.submit(lambda: job(session), done, failed)

    def refresh(self) -> None:
        self._run(lambda s: AppointmentBook(s).day_view(), self.day_loaded.emit)
        self._run(lambda s: WalkInQueue(s).queue(), self.queue_loaded.emit)

    def search(self, text: str) -> None:
        def job(session: Session) -> DayView:
            book = AppointmentBook(session)
            if not text.strip():
                return book.day_view()
            return DayView(book.today(), book.search(text))

        self._run(job, self.day_loaded.emit)

    def check_in(self, code: str) -> None:
        self._run(lambda s: AppointmentBook(s).check_in(code), lambda _: self.refresh())

    def mark_no_show(self, code: str) -> None:
        self._run(lambda s: AppointmentBook(s).mark_no_show(code), lambda _: self.refresh())

    def import_file(self, path: str) -> None:
        def job(session: Session) -> ImportReport:
            # Read off the GUI thread: a USB stick can take seconds to wake up.
            try:
                data = Path(path).read_bytes()
            except OSError as error:
                raise InvalidInput(f"Cannot read that file: {error.strerror}.") from error
            return AppointmentBook(session).import_csv(data)

        def done(report: ImportReport) -> None:
            self.list_imported.emit(report)
            self.refresh()

        self._run(job, done)

    def fetch_today(self) -> None:
        def prepare(session: Session) -> tuple[KioskIdentity, str, date]:
            identity = require_identity(session)
            site = load_settings(session.vault.conn).site_name
            return identity, site, AppointmentBook(session).today()

        def fetch(prepared: tuple[KioskIdentity, str, date]) -> None:
            identity, site, day = prepared

            def over_network() -> None:
                try:
                    with IntakeClient(
                        identity.intake_url, identity.server_verify_key, timeout=FETCH_TIMEOUT_S
                    ) as client:
                        rows = client.fetch_appointments(
                            day.isoformat(), signing_key=identity.signing_key, site=site
                        )
                except KioskError as error:
                    self._fetched.emit(error, day)
                    return
                self._fetched.emit(rows, day)

            self._network.submit(over_network)

        self._run(prepare, fetch)

    def _on_self_fetched(self, rows: object, day: date) -> None:
        if isinstance(rows, BaseException):
            self.action_failed.emit(message_for(rows))
            return
        if not isinstance(rows, list):
            self.action_failed.emit(message_for(InvalidInput("unexpected answer")))
            return

        def done(report: ImportReport) -> None:
            self.list_imported.emit(report)
            self.refresh()

        self._run(lambda s: AppointmentBook(s).import_wire(rows, day, "intake"), done)

    def take_ticket(self) -> None:
        def done(ticket: Ticket) -> None:
            self.ticket_taken.emit(ticket)
            self.refresh()

        self._run(lambda s: WalkInQueue(s).take_ticket(), done)

    def call_next(self) -> None:
        self._run(lambda s: WalkInQueue(s).call_next(), lambda _: self.refresh())

    def mark_served(self, label: str) -> None:
        self._run(lambda s: WalkInQueue(s).mark_served(label), lambda _: self.refresh())

    def mark_left(self, label: str) -> None:
        self._run(lambda s: WalkInQueue(s).mark_left(label), lambda _: self.refresh())

    def stop(self) -> None:
        self._network.shutdown(wait=True)
