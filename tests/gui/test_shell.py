"""The app shell end to end: first-run setup, sign-in, idle lock, staff and settings screens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk import audit
from kiosk.staff import Role, sign_in
from tests.gui.conftest import Harness

pytestmark = pytest.mark.gui


def test_first_run_wizard_creates_the_vault_and_signs_in(
    fresh_harness: Harness, qtbot: QtBot
) -> None:
    w = fresh_harness.window
    assert w.stack.currentWidget() is w.setup
    assert w.setup.step_label.text() == "Step 1 of 3"
    w.setup.program_group.buttons()[1].setChecked(True)
    w.setup.next.click()
    w.setup.next.click()  # no site name yet
    assert "site a name" in w.setup.status.text()
    w.setup.site_name.setText("Bronx Library")
    w.setup.idle_minutes.setValue(5)
    w.setup.next.click()
    w.setup.display_name.setText("Ana Admin")
    w.setup.username.setText("ana")
    w.setup.password.setText("correct horse")
    w.setup.confirm.setText("correct horsE")
    w.setup.next.click()
    assert "different" in w.setup.status.text()
    w.setup.password.setText("ana")
    w.setup.confirm.setText("ana")
    w.setup.next.click()
    assert "8 characters" in w.setup.status.text()
    w.setup.password.setText("correct horse")
    w.setup.confirm.setText("correct horse")
    with qtbot.waitSignal(fresh_harness.controller.signed_in, timeout=5000):
        w.setup.next.click()
    assert w.stack.currentWidget() is w.home
    assert fresh_harness.controller.settings.program == "sf"
    assert fresh_harness.controller.settings.idle_lock_seconds == 300
    qtbot.waitUntil(lambda: w.home.today.value.text() == "0")
    assert "Bronx Library" in w.home.site.text()


def test_back_keeps_what_was_typed(fresh_harness: Harness) -> None:
    w = fresh_harness.window.setup
    w.next.click()
    w.site_name.setText("Pop-up at St. Mary's")
    w.next.click()
    w.back.click()
    assert w.site_name.text() == "Pop-up at St. Mary's"
    assert w.step_label.text() == "Step 2 of 3"


def test_wrong_password_shows_a_clear_message(harness: Harness, qtbot: QtBot) -> None:
    login = harness.window.login
    with qtbot.waitSignal(harness.controller.sign_in_failed, timeout=5000):
        login.username.setText("demo-admin")
        login.password.setText("not the password")
        login.submit.click()
    assert "Wrong user name or password" in login.status.text()
    assert login.password.text() == ""
    assert login.submit.isEnabled()
    assert harness.window.stack.currentWidget() is login


def test_empty_fields_are_caught_before_any_work(harness: Harness) -> None:
    harness.window.login.submit.click()
    assert "Type your user name" in harness.window.login.status.text()


def test_enter_key_signs_in(harness: Harness, qtbot: QtBot) -> None:
    login = harness.window.login
    qtbot.keyClicks(login.username, "demo-admin")
    qtbot.keyClick(login.username, Qt.Key.Key_Return)
    assert login.password.hasFocus() or QApplication.focusWidget() is login.password
    qtbot.keyClicks(login.password, "demo admin pass")
    with qtbot.waitSignal(harness.controller.signed_in, timeout=5000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)


def test_enroller_sees_no_staff_or_settings(harness: Harness) -> None:
    harness.sign_in("demo-enroller", "demo enroller pass")
    assert harness.window.nav_staff.isHidden()
    assert harness.window.nav_settings.isHidden()
    assert "Enroller" in harness.window.user_label.text()


def _visible_text(widget: QWidget) -> str:
    from PySide6.QtWidgets import QLabel, QLineEdit  # noqa: PLC0415

    parts = [w.text() for w in widget.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in widget.findChildren(QLineEdit) if w.isVisible()]
    parts += [w.text() for w in widget.findChildren(QPushButton) if w.isVisible()]
    return " ".join(parts)


def test_idle_lock_hides_everything_and_unlock_returns(qtbot: QtBot, demo_dir: object) -> None:
    from pathlib import Path  # noqa: PLC0415

    h = Harness(qtbot, Path(str(demo_dir)), idle_ms=60_000)
    try:
        h.sign_in("demo-supervisor", "demo supervisor pass")
        h.window.show_staff()
        qtbot.waitUntil(lambda: h.window.staff.table.rowCount() == 3)
        h.idle.set_timeout_ms(50)
        with qtbot.waitSignal(h.controller.screen_locked, timeout=3000):
            pass
        w = h.window
        assert w.stack.currentWidget() is w.lock_screen
        assert not w.top_bar.isVisible()
        shown = _visible_text(w)
        assert "Sam Supervisor" not in shown and "demo-enroller" not in shown
        with qtbot.waitSignal(h.controller.sign_in_failed, timeout=5000):
            w.lock_screen.username.setText("demo-supervisor")
            w.lock_screen.password.setText("wrong password")
            w.lock_screen.submit.click()
        assert w.stack.currentWidget() is w.lock_screen
        with qtbot.waitSignal(h.controller.screen_unlocked, timeout=5000):
            w.lock_screen.password.setText("demo supervisor pass")
            w.lock_screen.submit.click()
        assert w.stack.currentWidget() is w.staff
        assert w.top_bar.isVisible()
    finally:
        h.close()


def test_another_person_unlocking_takes_over_with_their_own_rights(
    harness: Harness, qtbot: QtBot
) -> None:
    harness.sign_in("demo-admin", "demo admin pass")
    harness.window.show_settings()
    with qtbot.waitSignal(harness.controller.screen_locked):
        qtbot.keyClick(harness.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    lock = harness.window.lock_screen
    with qtbot.waitSignal(harness.controller.screen_unlocked, timeout=5000):
        lock.username.setText("demo-enroller")
        lock.password.setText("demo enroller pass")
        lock.submit.click()
    assert harness.window.stack.currentWidget() is harness.window.home
    assert harness.window.nav_settings.isHidden()


def test_admin_adds_and_removes_staff(harness: Harness, qtbot: QtBot) -> None:
    harness.sign_in("demo-admin", "demo admin pass")
    w = harness.window
    w.show_staff()
    qtbot.waitUntil(lambda: w.staff.table.rowCount() == 3)
    with qtbot.waitSignal(harness.controller.staff_loaded, timeout=5000):
        w.staff.add_requested.emit("newbie", "New Person", Role.ENROLLER, "temporary pw")
    assert w.staff.table.rowCount() == 4
    assert "Added newbie" in w.staff.status.text()
    with qtbot.waitSignal(harness.controller.action_failed, timeout=5000):
        w.staff.add_requested.emit("newbie", "Again", Role.ENROLLER, "temporary pw")
    assert "taken" in w.staff.status.text()
    with qtbot.waitSignal(harness.controller.staff_loaded, timeout=5000):
        w.staff.remove_requested.emit("newbie")
    assert w.staff.table.rowCount() == 3


def test_reset_password_forces_a_change_at_next_sign_in(
    harness: Harness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.sign_in("demo-supervisor", "demo supervisor pass")
    with qtbot.waitSignal(harness.controller.staff_loaded, timeout=5000):
        harness.controller.reset_password("demo-enroller", "temporary pw")
    with qtbot.waitSignal(harness.controller.signed_out):
        harness.window.sign_out_button.click()

    from ui.screens import change_password  # noqa: PLC0415

    def fill_and_accept(dialog: change_password.ChangePasswordDialog) -> int:
        dialog.old.setText("temporary pw")
        dialog.new.setText("my own secret")
        dialog.again.setText("my own secret")
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(change_password.ChangePasswordDialog, "exec", fill_and_accept)
    with qtbot.waitSignal(harness.controller.action_succeeded, timeout=5000):
        harness.sign_in("demo-enroller", "temporary pw")
    assert harness.controller.member is not None
    assert not harness.controller.member.must_change_password


def test_settings_are_saved_and_audited(harness: Harness, qtbot: QtBot) -> None:
    harness.sign_in("demo-supervisor", "demo supervisor pass")
    w = harness.window
    w.show_settings()
    editors = w.settings_screen.editors
    assert set(editors) >= {"site_name", "idle_lock_seconds", "backlog_block_count"}
    assert "program" not in editors  # chosen at setup, shown read-only
    editors["idle_lock_seconds"].setValue(420)  # type: ignore[union-attr]
    editors["site_name"].setText("Van 3 · Jamaica")  # type: ignore[union-attr]
    with qtbot.waitSignal(harness.controller.settings_loaded, timeout=5000):
        w.settings_screen.save.click()
    assert "Settings saved" in w.settings_screen.status.text()
    assert harness.controller.settings.idle_lock_seconds == 420
    data_dir = harness.controller.data_dir
    harness.close()
    session = sign_in(data_dir, "demo-admin", "demo admin pass", clock=harness.clock)
    details = [
        e.details for e in audit.entries(session.vault.conn) if e.action == "settings_changed"
    ]
    session.close()
    assert any("idle_lock_seconds" in d for d in details)
    assert any("Van 3" in d for d in details)


def test_every_button_has_an_accessible_name(harness: Harness) -> None:
    harness.sign_in("demo-admin", "demo admin pass")
    for screen in (
        harness.window.login,
        harness.window.home,
        harness.window.staff,
        harness.window.settings_screen,
        harness.window.top_bar,
    ):
        for b in screen.findChildren(QPushButton):
            assert b.accessibleName(), b.text()
