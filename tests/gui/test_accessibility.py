"""Accessibility of the staff screens: 44 px targets, accessible names, display modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Harness
from ui.display import DisplayPrefs, apply_prefs, load_prefs, save_prefs, stylesheet

pytestmark = pytest.mark.gui

MIN_TARGET_PX = 44
TEXTLESS = (QLineEdit, QSpinBox, QComboBox, QTableWidget)


def _screens(h: Harness) -> list[QWidget]:
    w = h.window
    return [w.home, w.outbox, w.appointments, w.staff, w.settings_screen, w.top_bar, w.display_bar]


def _children(root: QWidget, kinds: tuple[type[QWidget], ...]) -> list[QWidget]:
    """Controls of these kinds, not counting a spin box's or combo box's own inner editor."""
    return [
        c
        for c in root.findChildren(QWidget)
        if isinstance(c, kinds) and not isinstance(c.parentWidget(), QAbstractSpinBox | QComboBox)
    ]


def _visible(root: QWidget, kinds: tuple[type[QWidget], ...]) -> list[QWidget]:
    return [c for c in _children(root, kinds) if c.isVisibleTo(root.window())]


def _labelled(widget: QWidget) -> bool:
    if widget.accessibleName():
        return True
    return any(label.buddy() is widget for label in widget.window().findChildren(QLabel))


@pytest.fixture
def admin(harness: Harness, qtbot: QtBot) -> Harness:
    harness.sign_in("demo-admin", "demo admin pass")
    return harness


def test_every_target_is_at_least_44_px(admin: Harness, qtbot: QtBot) -> None:
    w = admin.window
    small = []
    for show, screen in (
        (w.show_home, w.home),
        (w.show_outbox, w.outbox),
        (w.show_appointments, w.appointments),
        (w.show_staff, w.staff),
        (w.show_settings, w.settings_screen),
    ):
        show()
        qtbot.waitUntil(lambda s=screen: w.stack.currentWidget() is s)
        for root in (screen, w.top_bar, w.display_bar):
            for widget in _visible(root, (QAbstractButton, QLineEdit, QSpinBox, QComboBox)):
                if widget.height() < MIN_TARGET_PX:
                    small.append(
                        f"{type(widget).__name__} {widget.objectName() or ''}"
                        f" '{getattr(widget, 'text', lambda: '')()}' {widget.height()}px"
                    )
    assert small == []


def test_textless_controls_have_accessible_names(admin: Harness) -> None:
    w = admin.window
    unnamed = [
        f"{type(c).__name__} on {type(screen).__name__}"
        for screen in _screens(admin)
        for c in _children(screen, TEXTLESS)
        if not _labelled(c)
    ]
    login = [type(c).__name__ for c in _children(w.login, TEXTLESS) if not _labelled(c)]
    assert unnamed == [] and login == []


def test_display_modes_restyle_and_are_remembered(
    harness: Harness, qtbot: QtBot, tmp_path: Path
) -> None:
    base = stylesheet(DisplayPrefs())
    large = stylesheet(DisplayPrefs(large_text=True))
    assert "font-size: 16px" in base and "font-size: 21px" in large
    assert "#ffff00" in stylesheet(DisplayPrefs(high_contrast=True))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    bar = harness.window.display_bar
    seen: list[DisplayPrefs] = []
    bar.prefs_changed.connect(seen.append)
    bar.prefs_changed.connect(lambda p: apply_prefs(app, p))
    bar.high_contrast.click()
    assert seen[-1] == DisplayPrefs(high_contrast=True)
    assert "#ffff00" in app.styleSheet()
    bar.high_contrast.click()
    assert app.styleSheet() == base
    save_prefs(tmp_path, DisplayPrefs(large_text=True))
    assert load_prefs(tmp_path) == DisplayPrefs(large_text=True)
    (tmp_path / "display.json").write_text("{ damaged")
    assert load_prefs(tmp_path) == DisplayPrefs()
