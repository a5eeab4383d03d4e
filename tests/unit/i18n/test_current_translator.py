"""The scoped current translator: core texts with values in the staff language, else English."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

from kiosk.capture.quality import Feedback
from kiosk.capture.texts import Problem, problem_text
from kiosk.cli import main
from kiosk.i18n import current, load_translator, set_current, source_translator, translating
from kiosk.rules import evaluate, load_program

TODAY = date(2026, 11, 23)
DOB = date(1990, 5, 1)
CHECK = ["rules", "check", "--program", "idnyc", "--today", "2026-11-23", "--dob", "1990-05-01"]


def missing() -> tuple[str, ...]:
    return evaluate(load_program("idnyc"), DOB, TODAY, []).missing


def test_the_default_is_the_english_source() -> None:
    assert current().code == "en"
    assert missing()[0].startswith("Add 3 identity points, for example: ")


def test_translating_makes_the_rules_suggestions_spanish_and_then_english_again() -> None:
    english = missing()
    with translating(load_translator("es")) as es:
        spanish = missing()
        assert current() is es
    assert spanish[0].startswith("Añada 3 puntos de identidad, por ejemplo: ")
    assert spanish[1].startswith("Añada una identificación con foto, por ejemplo: ")
    assert len(spanish) == len(english)
    assert all(s != e for s, e in zip(spanish, english, strict=True))
    assert missing() == english


def test_the_check_json_stays_english_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*CHECK, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    english = list(missing())
    assert result["missing"] == english
    assert result["missing"][0].startswith("Add 3 identity points, for example: ")


def test_a_setting_belongs_to_its_thread_and_new_threads_start_in_english() -> None:
    es = load_translator("es")
    seen: dict[str, str] = {}

    def other_thread() -> None:
        seen["before"] = current().code
        set_current(es)
        seen["after"] = missing()[0]

    with translating(es):
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
    assert seen["before"] == "en"  # not inherited from the thread that started it
    assert seen["after"].startswith("Añada 3 puntos")
    assert current().code == "en"  # the other thread's setting did not leak here


def test_capture_feedback_is_built_again_in_the_current_language() -> None:
    english = problem_text(Problem.MULTIPLE_FACES, faces=3)
    item = Feedback(Problem.MULTIPLE_FACES, english, True, faces=3)
    tilted = Feedback(Problem.HEAD_TILTED, "", True, degrees=12.4)
    assert item.translated() == english
    with translating(load_translator("es")):
        assert item.translated().startswith("3 caras en la imagen")
        assert tilted.translated().startswith("Cabeza inclinada (12°)")
    assert tilted.translated().startswith("Head tilted (12°)")


def test_the_source_translator_restores_english_inside_a_spanish_block() -> None:
    with translating(load_translator("es")), translating(source_translator()):
        assert missing()[0].startswith("Add 3 identity points")
