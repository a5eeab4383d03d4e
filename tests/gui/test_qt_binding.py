"""Guards against Qt-binding defects that only show after hours of running."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal

pytestmark = pytest.mark.gui


class _Emitter(QObject):
    number = Signal(int)
    flag = Signal(bool)


def test_emitting_signals_keeps_the_reference_counts_of_true_and_false(qapp: object) -> None:
    # PySide6 6.12.0 dropped one reference to True per emit(); at 30 frames a second the
    # interpreter freed True within minutes and aborted. Python 3.11's bools are not immortal.
    emitter = _Emitter()
    received: list[object] = []
    emitter.number.connect(received.append)
    emitter.flag.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(2000):
        emitter.number.emit(i)
        emitter.flag.emit(i % 2 == 0)
    received.clear()
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert abs(after[0] - before[0]) < 50
    assert abs(after[1] - before[1]) < 50
