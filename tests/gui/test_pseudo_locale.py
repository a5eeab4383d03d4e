"""The qps pseudo-locale finds hard-coded staff texts: every visible message must come back
from the catalogue in brackets; what is allowed to stay plain is data, listed with a reason."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabWidget, QWidget

from kiosk.i18n.pseudo import is_pseudo, pseudo_translator
from tests.gui.conftest import Harness
from ui.i18n import OWN_LANGUAGE, widgets_in
from ui.language import UiLanguages
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui

# Plain texts that are data, not messages.
DATA_OBJECTS = {
    "userLabel": "the signed-in person's name and role",
    "tileValue": "counts",
    "applicationNumber": "an application number",
}


# Nothing on the shell screens is allowed to stay plain but data (DATA_OBJECTS, i18nData).
KNOWN_GAPS: dict[str, list[str]] = {}


def is_data(text: str) -> bool:
    """Numbers, times, symbols: nothing to translate."""
    return not re.search(r"[^\W\d_]", text)


def plain_texts(root: QWidget) -> list[str]:
    found: list[str] = []
    for widget in widgets_in(root):
        if not widget.isVisibleTo(root) or widget.property(OWN_LANGUAGE):
            continue
        if widget.objectName() in DATA_OBJECTS or widget.property("i18nData"):
            continue
        texts: list[str] = []
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        found += [
            f"{type(widget).__name__} {widget.objectName()!r}: {text}"
            for text in texts
            if text and not is_data(text) and not is_pseudo(text)
        ]
    return found


def test_staff_screens_show_no_hard_coded_text_in_the_pseudo_locale(harness: Harness) -> None:
    window = harness.window
    window.languages = UiLanguages(load=lambda code: pseudo_translator())
    window.set_language("qps")
    assert is_pseudo(window.login.submit.text())
    harness.sign_in("demo-admin", "demo admin pass")
    leftovers: dict[str, list[str]] = {}
    screens = [
        window.login,
        window.lock_screen,
        window.home,
        window.outbox,
        window.appointments,
        window.staff,
        window.settings_screen,
        window.health,
        window.setup,
    ]
    window.top_bar.setVisible(True)
    for screen in screens:
        window.stack.setCurrentWidget(screen)
        found = plain_texts(screen)
        if found:
            leftovers[type(screen).__name__] = found
    for name, bar in (("top bar", window.top_bar), ("status bar", window.statusBar())):
        found = plain_texts(bar)
        if found:
            leftovers[name] = found
    assert leftovers == KNOWN_GAPS


def test_switching_back_to_english_restores_every_source_text(harness: Harness) -> None:
    window = harness.window
    before = window.login.submit.text(), window.nav_home.text(), window.home.today.title.text()
    window.set_language("es")
    assert window.login.submit.text() == "Iniciar sesión"
    assert window.nav_home.text() == "&Inicio"
    assert window.nav_home.accessibleName() == "Inicio"
    window.set_language("en")
    after = window.login.submit.text(), window.nav_home.text(), window.home.today.title.text()
    assert after == before


def test_a_sign_in_error_shows_in_the_staff_language(harness: Harness) -> None:
    window = harness.window
    window.set_language("es")
    with harness.qtbot.waitSignal(harness.controller.sign_in_failed, timeout=5000):
        window.login.username.setText("demo-admin")
        window.login.password.setText("not the password")
        window.login.submit.click()
    assert "Usuario o contraseña incorrectos" in window.login.status.text()
    window.set_language("en")  # and it follows a language change while shown
    assert "Wrong user name or password" in window.login.status.text()


def test_every_staff_screen_fits_1280_pixels_in_spanish(harness: Harness) -> None:
    window = harness.window
    harness.sign_in("demo-admin", "demo admin pass")
    window.set_language("es")
    window.show_appointments()
    window.show_outbox()
    window.show_staff()
    window.show_home()
    widths = {type(page).__name__: page.minimumSizeHint().width() for page in _pages(window)}
    widths["top bar"] = window.top_bar.minimumSizeHint().width()
    assert {name: width for name, width in widths.items() if width > 1280} == {}


def _pages(window: MainWindow) -> list[QWidget]:
    pages = [window.stack.widget(i) for i in range(window.stack.count())]
    return [page for page in pages if page is not None]
