"""The staff language chosen at sign-in is kept per laptop and comes back at the next start."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import Harness
from ui.language import LANGUAGE_FILE, load_language, save_language

pytestmark = pytest.mark.gui


def test_the_choice_is_saved_and_read_back(tmp_path: Path) -> None:
    assert load_language(tmp_path) == "en"
    save_language(tmp_path, "es")
    assert load_language(tmp_path) == "es"
    (tmp_path / LANGUAGE_FILE).write_text("{broken", encoding="utf-8")
    assert load_language(tmp_path) == "en"
    (tmp_path / LANGUAGE_FILE).write_text('{"language": "xx"}', encoding="utf-8")
    assert load_language(tmp_path) == "en"


def test_picking_a_language_at_sign_in_announces_it_once(harness: Harness, qtbot: QtBot) -> None:
    login = harness.window.login
    with qtbot.waitSignal(harness.window.language_changed) as blocker:
        login.language.setCurrentIndex(login.language.findData("es"))
    assert blocker.args == ["es"]
    assert harness.window.lock_screen.language.currentData() == "es"
    assert login.submit.text() == "Iniciar sesión"
    with qtbot.assertNotEmitted(harness.window.language_changed):
        harness.window.set_language("es")
