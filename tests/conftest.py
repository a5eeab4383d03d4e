"""Test harness: Qt offscreen, GUI tests marked, and no test may leave a thread running."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

# Must be set before anything imports Qt: tests never need (or get) a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("KIOSK_LOG_LEVEL", "WARNING")

GUI_DIR = Path(__file__).parent / "gui"
QT_FIXTURES = {"qtbot", "qapp"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """GUI tests must carry the `gui` marker so `pytest -m "not gui"` really runs the core alone."""
    unmarked = []
    for item in items:
        uses_qt = bool(QT_FIXTURES & set(getattr(item, "fixturenames", ())))
        in_gui_dir = GUI_DIR in Path(str(item.path)).parents
        if (uses_qt or in_gui_dir) and item.get_closest_marker("gui") is None:
            unmarked.append(item.nodeid)
    if unmarked:
        raise pytest.UsageError("GUI tests without the `gui` marker: " + ", ".join(unmarked))


@pytest.fixture(autouse=True)
def english_core_texts() -> Iterator[None]:
    """A test that switches the staff language leaves the next test in English again.

    The GUI keeps the staff language as its thread's current translator (kiosk.i18n.scoped),
    and every test shares that thread.
    """
    from kiosk.i18n.scoped import current, set_current  # noqa: PLC0415

    before = current()
    yield
    set_current(before)


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Every thread has an owner that stops it: a test ends with the threads it started with."""
    before = set(threading.enumerate())
    yield
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    for thread in leaked:
        thread.join(timeout=2.0)
    still_alive = [t.name for t in leaked if t.is_alive()]
    assert not still_alive, f"threads left running: {still_alive}"
