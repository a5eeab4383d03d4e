"""The main window: a top bar for signed-in staff and a stack of screens, one visible at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.i18n import N_, Translator, set_current, source_translator
from kiosk.staff import Role, StaffMember
from ui.appointments_controller import AppointmentsController
from ui.controller import KioskController
from ui.display import DisplayBar, DisplayPrefs
from ui.enrollment.services import EnrollmentServices
from ui.enrollment.wiring import Enrollment
from ui.enrollment_gate import EnrollmentGate
from ui.i18n import retranslate_tree
from ui.idle import IdleWatcher
from ui.language import UiLanguages
from ui.screens.appointments import AppointmentsScreen
from ui.screens.change_password import ChangePasswordDialog
from ui.screens.health import HealthScreen
from ui.screens.home import HomeScreen
from ui.screens.login import LoginScreen
from ui.screens.outbox import OutboxScreen
from ui.screens.quit_dialog import QuitDialog
from ui.screens.settings_screen import SettingsScreen
from ui.screens.setup_wizard import SetupWizard
from ui.screens.staff_admin import ROLE_TEXT, StaffScreen
from ui.widgets.common import StatusLine, button


class MainWindow(QMainWindow):
    language_changed = Signal(str)  # the staff interface language code

    def __init__(
        self,
        controller: KioskController,
        idle: IdleWatcher,
        *,
        programs: list[tuple[str, str]],
        demo_accounts: list[tuple[str, str, str]] | None = None,
        kiosk_mode: bool = False,
        enrollment: EnrollmentServices | None = None,
        display: DisplayPrefs | None = None,
        languages: UiLanguages | None = None,
    ) -> None:
        super().__init__()
        self.languages = languages or UiLanguages()
        self.t: Translator = source_translator()
        self.controller = controller
        self.idle = idle
        self.kiosk_mode = kiosk_mode
        self._quit_authorized = not kiosk_mode
        self._quit_dialog: QuitDialog | None = None
        if kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setWindowTitle(N_("Enrollment kiosk"))
        self.resize(1280, 760)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        if demo_accounts:
            banner = QLabel(N_("DEMO · throw-away vault · no real applicant data belongs here"))
            banner.setObjectName("demoBanner")
            banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(banner)
        self.top_bar = self._build_top_bar()
        column.addWidget(self.top_bar)
        self.stack = QStackedWidget()
        self.stack.setObjectName("content")
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Always on screen, the lock and sign-in screens included: anyone can turn them on.
        self.display_bar = DisplayBar(display or DisplayPrefs())
        self.statusBar().addPermanentWidget(self.display_bar)
        self.statusBar().setSizeGripEnabled(False)

        self.setup = SetupWizard(programs)
        self.login = LoginScreen(locked=False, demo_accounts=demo_accounts)
        self.lock_screen = LoginScreen(locked=True)
        self.home = HomeScreen()
        self.staff = StaffScreen()
        self.settings_screen = SettingsScreen()
        self.outbox = OutboxScreen()
        self.appointments = AppointmentsScreen()
        self.health = HealthScreen()
        self.appointments_controller = AppointmentsController(
            lambda: controller.session, controller.worker, parent=self
        )
        self.enrollment = Enrollment(controller, enrollment or EnrollmentServices())
        self.gate = EnrollmentGate(controller, self.enrollment.session, self, parent=self)
        self.home.enrollment_area.addWidget(self.enrollment.drafts_panel)
        for screen in (
            self.enrollment.screen,
            self.outbox,
            self.appointments,
            self.health,
            self.setup,
            self.login,
            self.lock_screen,
            self.home,
            self.staff,
            self.settings_screen,
        ):
            self.stack.addWidget(screen)
        self._page_before_lock: QWidget = self.home
        self._connect()
        self._shortcuts()
        self._show_start_screen()
        self.set_language(self.t.code)

    # --- construction ----------------------------------------------------------------------

    def _build_top_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("topBar")
        row = QHBoxLayout(bar)
        self.title = QLabel(N_("Enrollment kiosk"))
        self.title.setObjectName("appTitle")
        row.addWidget(self.title)
        row.addStretch(1)
        self.nav_home = button(N_("&Home"))
        self.nav_outbox = button(N_("Out&box"))
        self.nav_appointments = button(N_("Chec&k-in"))
        self.nav_staff = button(N_("S&taff"))
        self.nav_settings = button(N_("Setti&ngs"))
        self.user_label = QLabel()
        self.user_label.setObjectName("userLabel")
        self.lock_button = button(N_("&Lock screen"))
        self.sign_out_button = button(N_("Sign &out"))
        for widget in (
            self.nav_home,
            self.nav_appointments,
            self.nav_outbox,
            self.nav_staff,
            self.nav_settings,
            self.user_label,
            self.lock_button,
            self.sign_out_button,
        ):
            row.addWidget(widget)
        for nav in (
            self.nav_home,
            self.nav_appointments,
            self.nav_outbox,
            self.nav_staff,
            self.nav_settings,
        ):
            nav.setCheckable(True)
            nav.setObjectName("nav")
        bar.setVisible(False)
        return bar

    def set_language(self, code: str) -> None:
        """Show every staff screen in `code` now; the applicant's view keeps its own language."""
        changed = code != self.t.code
        self.t = self.languages.use(code)
        # The core's texts with values (rules suggestions, validation) are built on this thread.
        set_current(self.t)
        retranslate_tree(self, self.t)
        flow = self.enrollment.session.flow
        if changed and flow is not None:
            flow.refresh()  # an open application's texts, built again in the new language
        for login in (self.login, self.lock_screen):
            login.show_language(self.t.code)
        if self.controller.member is not None:
            self._apply_member(self.controller.member)
        if changed:
            self.language_changed.emit(self.t.code)

    def _connect(self) -> None:
        c = self.controller
        self.login.language_chosen.connect(self.set_language)
        self.lock_screen.language_chosen.connect(self.set_language)
        self.setup.setup_requested.connect(self._on_setup_setup_requested)
        self.login.sign_in_requested.connect(c.sign_in)
        self.lock_screen.sign_in_requested.connect(c.unlock)
        c.signed_in.connect(self._on_controller_signed_in)
        c.sign_in_failed.connect(self._on_controller_sign_in_failed)
        c.screen_locked.connect(self._on_controller_screen_locked)
        c.screen_unlocked.connect(self._on_controller_screen_unlocked)
        c.signed_out.connect(self._on_controller_signed_out)
        c.summary_updated.connect(self.home.show_summary)
        c.delivery_updated.connect(self.home.show_delivery)
        c.delivery_updated.connect(self.outbox.show_delivery)
        c.outbox_loaded.connect(self.outbox.show_overview)
        self.outbox.sync_requested.connect(c.wake_delivery)
        self.outbox.export_requested.connect(c.export_to)
        self.outbox.resend_requested.connect(c.resend)
        self._connect_appointments()
        self.settings_screen.health_requested.connect(self.show_health)
        self.health.check_requested.connect(c.check_health)
        c.health_checked.connect(self.health.show_report)
        c.staff_loaded.connect(self.staff.show_members)
        c.settings_loaded.connect(self._on_controller_settings_loaded)
        c.action_succeeded.connect(self._on_controller_action_succeeded)
        c.action_failed.connect(self._on_controller_action_failed)
        self.staff.add_requested.connect(c.add_staff)
        self.staff.remove_requested.connect(c.remove_staff)
        self.staff.reset_requested.connect(c.reset_password)
        self.staff.clear_lockout_requested.connect(c.clear_lockout)
        self.settings_screen.save_requested.connect(lambda changes: c.save_settings(**changes))
        self.nav_home.clicked.connect(self.show_home)
        self.nav_outbox.clicked.connect(self.show_outbox)
        self.nav_appointments.clicked.connect(self.show_appointments)
        self.nav_staff.clicked.connect(self.show_staff)
        self.nav_settings.clicked.connect(self.show_settings)
        self.home.change_password_requested.connect(lambda: self._ask_new_password(required=False))
        self.lock_button.clicked.connect(c.lock)
        # Save the open application's draft first: the vault closes right after sign-out.
        self.sign_out_button.clicked.connect(self.enrollment.screen.save_draft)
        self.sign_out_button.clicked.connect(c.sign_out)
        self.home.new_application_requested.connect(self._on_home_new_application_requested)
        self.enrollment.session.flow_started.connect(lambda _: self._show(self.enrollment.screen))
        self.enrollment.screen.closed.connect(self.show_home)
        self.idle.idle_timed_out.connect(c.lock)
        c.quit_authorized.connect(self._on_controller_quit_authorized)
        c.quit_refused.connect(self._on_controller_quit_refused)

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence("Ctrl+L"), self, self.controller.lock)
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)
        bar = self.display_bar
        for keys in ("Ctrl++", "Ctrl+="):
            QShortcut(QKeySequence(keys), self, lambda: bar.large_text.setChecked(True))
        QShortcut(QKeySequence("Ctrl+-"), self, lambda: bar.large_text.setChecked(False))
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, bar.high_contrast.toggle)

    def _show_start_screen(self) -> None:
        if self.controller.has_vault():
            self._show(self.login)
            self.login.reset()
        else:
            self._show(self.setup)

    # --- navigation ------------------------------------------------------------------------

    def _show(self, screen: QWidget) -> None:
        self.stack.setCurrentWidget(screen)
        for nav, target in (
            (self.nav_home, self.home),
            (self.nav_outbox, self.outbox),
            (self.nav_appointments, self.appointments),
            (self.nav_staff, self.staff),
            (self.nav_settings, self.settings_screen),
        ):
            nav.setChecked(screen is target)

    def show_home(self) -> None:
        self._show(self.home)
        self.controller.refresh_summary()

        self.enrollment.session.list_drafts()

    def _on_home_new_application_requested(self) -> None:
        if self.enrollment.state is not None and self.enrollment.state.is_open:
            self._show(self.enrollment.screen)  # one applicant at a time: continue it
        else:
            self.gate.request_new()

    def _on_appointments_start_requested(self, code: str) -> None:
        if self.enrollment.state is not None and self.enrollment.state.is_open:
            self.appointments.status.show_error(
                "Finish or cancel the application in progress first (Home → Continue)."
            )
        else:
            self.gate.request_from_appointment(code)

    def _on_gate_refused(self, text: str) -> None:
        status = self._status_line_for_current()
        if status is not None:
            status.show_error(text)

    def _connect_appointments(self) -> None:
        a, screen = self.appointments_controller, self.appointments
        screen.start_requested.connect(self._on_appointments_start_requested)
        self.gate.refused.connect(self._on_gate_refused)
        self.gate.warned.connect(lambda text: self.statusBar().showMessage(text, 20_000))
        a.day_loaded.connect(screen.show_day)
        a.queue_loaded.connect(screen.show_queue)
        a.ticket_taken.connect(screen.show_ticket)
        a.list_imported.connect(screen.show_import)
        a.action_failed.connect(screen.status.show_error)
        screen.search_changed.connect(a.search)
        screen.check_in_requested.connect(a.check_in)
        screen.no_show_requested.connect(a.mark_no_show)
        screen.import_requested.connect(a.import_file)
        screen.fetch_requested.connect(a.fetch_today)
        screen.ticket_requested.connect(a.take_ticket)
        screen.call_next_requested.connect(a.call_next)
        screen.served_requested.connect(a.mark_served)
        screen.left_requested.connect(a.mark_left)

    def show_health(self) -> None:
        self._show(self.health)
        self.health.check_button.click()

    def show_appointments(self) -> None:
        self._show(self.appointments)
        self.appointments_controller.refresh()

    def show_outbox(self) -> None:
        self.outbox.show_delivery(self.controller.delivery_status)
        self._show(self.outbox)
        self.controller.load_outbox()

    def show_staff(self) -> None:
        self._show(self.staff)
        self.controller.load_staff()

    def show_settings(self) -> None:
        self.settings_screen.show_settings(self.controller.settings)
        self._show(self.settings_screen)

    # --- controller events -----------------------------------------------------------------

    def _on_setup_setup_requested(
        self, username: str, display_name: str, password: str, settings: Settings
    ) -> None:
        self.controller.create_vault(
            username=username, display_name=display_name, password=password, settings=settings
        )

    def _on_controller_signed_in(self, member: StaffMember) -> None:
        self._apply_member(member)
        self.top_bar.setVisible(True)
        self.idle.set_timeout_ms(self.controller.settings.idle_lock_seconds * 1000)
        self.idle.start()
        self.show_home()
        if member.must_change_password:
            self._ask_new_password(required=True)

    def _apply_member(self, member: StaffMember) -> None:
        settings = self.controller.settings
        role = self.t.gettext(ROLE_TEXT[member.role])
        self.user_label.setText(f"{member.display_name} · {role}")
        self.nav_staff.setVisible(member.role.at_least(Role.SUPERVISOR))
        self.nav_settings.setVisible(member.role.at_least(Role.SUPERVISOR))
        self.staff.set_viewer(member)
        self.outbox.set_viewer(member)
        self.appointments.set_viewer(member)
        self.home.show_member(member, settings)

    def _on_controller_sign_in_failed(self, message: str) -> None:
        if self.controller.locked:
            self.lock_screen.show_error(message)
        elif self.stack.currentWidget() is self.setup:
            self.setup.show_error(message)
        else:
            self.login.show_error(message)

    def _on_controller_screen_locked(self) -> None:
        current = self.stack.currentWidget()
        if current is not None and current is not self.lock_screen:
            self._page_before_lock = current
        # Hide everything: open dialogs close, the top bar goes, only the lock form remains.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        self.top_bar.setVisible(False)
        self.idle.stop()
        self._show(self.lock_screen)
        self.lock_screen.username.setText("")
        self.lock_screen.reset()

    def _on_controller_screen_unlocked(self, member: StaffMember) -> None:
        self._apply_member(member)
        self.top_bar.setVisible(True)
        self.idle.start()
        visible = self._page_before_lock
        allowed = member.role.at_least(Role.SUPERVISOR)
        if visible in (self.staff, self.settings_screen, self.health) and not allowed:
            visible = self.home
        self._show(visible)
        if visible is self.home:
            self.controller.refresh_summary()

    def _on_controller_signed_out(self) -> None:
        self.appointments.clear()
        self.gate.signed_out()
        self.enrollment.screen.leave()
        self.idle.stop()
        self.top_bar.setVisible(False)
        self.login.username.clear()
        self._show(self.login)
        self.login.reset()

    def _on_controller_settings_loaded(self, settings: Settings) -> None:
        self.idle.set_timeout_ms(settings.idle_lock_seconds * 1000)
        if self.controller.member is not None:
            self._apply_member(self.controller.member)

    def _status_line_for_current(self) -> StatusLine | None:
        status = getattr(self.stack.currentWidget(), "status", None)
        return status if isinstance(status, StatusLine) else None

    def _on_controller_action_succeeded(self, text: str) -> None:
        status = self._status_line_for_current()
        if status is not None:
            status.show_success(text)

    def _on_controller_action_failed(self, text: str) -> None:
        status = self._status_line_for_current()
        if status is not None:
            status.show_error(text)

    def _ask_new_password(self, *, required: bool) -> None:
        dialog = ChangePasswordDialog(required=required, parent=self)
        retranslate_tree(dialog, self.t)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.controller.change_own_password(dialog.old.text(), dialog.new.text())
        elif required and not self.controller.locked:
            # A reset password is only a way in to choose one's own; leaving means signing out.
            self.controller.sign_out()

    # --- shutdown --------------------------------------------------------------------------

    def _on_controller_quit_authorized(self) -> None:
        self._quit_authorized = True
        if self._quit_dialog is not None:
            self._quit_dialog.accept()
        self.close()

    def _on_controller_quit_refused(self, message: str) -> None:
        if self._quit_dialog is not None:
            self._quit_dialog.show_error(message)

    def _ask_supervisor_to_quit(self) -> None:
        if self._quit_dialog is None:
            self._quit_dialog = QuitDialog(self)
            retranslate_tree(self._quit_dialog, self.t)
            self._quit_dialog.confirmed.connect(
                lambda user, password, _reason: self.controller.authorize_quit(user, password)
            )
        self._quit_dialog.status.clear_status()
        self._quit_dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._quit_authorized:
            event.ignore()
            self._ask_supervisor_to_quit()
            return
        self.idle.shutdown()
        self.enrollment.shutdown()
        self.appointments_controller.stop()
        self.controller.shutdown()
        super().closeEvent(event)
