"""Auto-capture: steady and good for a second takes the best frame once; staff may override."""

from __future__ import annotations

import numpy as np

from kiosk.capture.analysis import FrameAnalysis
from kiosk.capture.autocapture import AutoCapture, Phase
from kiosk.capture.faces import Box, Face
from kiosk.capture.quality import Feedback
from kiosk.capture.texts import Problem

BLOCKED = [Feedback(Problem.BLURRY, "blurry", True)]
TIP = [Feedback(Problem.BUSY_BACKGROUND, "tip", False)]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _analysis(x: int = 270, sharpness: float = 150.0) -> FrameAnalysis:
    face = Face(Box(x, 136, 100, 160), 0.9)
    return FrameAnalysis(640, 480, (face,), 140.0, 0.0, sharpness, 0.0, 0.0)


def _frame(value: int) -> np.ndarray:
    return np.full((4, 4, 3), value, np.uint8)


def _run(auto: AutoCapture, clock: FakeClock, steps: list[tuple[float, int, float]]) -> list[int]:
    """Feed (dt, frame marker, sharpness); return markers of the frames captured."""
    taken = []
    for dt, marker, sharpness in steps:
        clock.now += dt
        result = auto.observe(_frame(marker), _analysis(sharpness=sharpness), TIP)
        if result is not None:
            taken.append(int(result.frame[0, 0, 0]))
    return taken


def test_captures_the_sharpest_frame_after_a_steady_second() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock)
    steps = [(0.1, i, 100.0 + (50 if i == 4 else 0)) for i in range(1, 13)]
    assert _run(auto, clock, steps) == [4]
    assert auto.phase is Phase.CAPTURED
    # Once captured, nothing more is taken until retake.
    assert _run(auto, clock, [(0.1, 20, 200.0)] * 15) == []


def test_a_blocking_problem_restarts_the_count() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock)
    _run(auto, clock, [(0.1, 1, 150.0)] * 8)
    assert auto.phase is Phase.STEADY and 0.6 < auto.progress() < 0.8
    clock.now += 0.1
    assert auto.observe(_frame(9), _analysis(), BLOCKED) is None
    assert auto.phase is Phase.SEARCHING and auto.progress() == 0.0
    assert _run(auto, clock, [(0.1, 2, 150.0)] * 8) == []


def test_moving_restarts_the_count() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock)
    taken = []
    for i in range(20):
        clock.now += 0.1
        # The face jumps 60 px (12% of the height) every other analysis: never steady.
        result = auto.observe(_frame(1), _analysis(x=270 + 60 * (i % 2)), TIP)
        taken.append(result)
    assert taken == [None] * 20


def test_a_long_gap_between_analyses_is_not_steadiness() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock)
    assert _run(auto, clock, [(0.1, 1, 150.0), (0.9, 2, 150.0), (0.9, 3, 150.0)]) == []


def test_manual_capture_always_works_and_retake_starts_over() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock)
    manual = auto.capture_now(_frame(7), None)
    assert manual.manual and manual.analysis is None
    assert auto.phase is Phase.CAPTURED and auto.progress() == 1.0
    auto.retake()
    assert auto.phase is Phase.SEARCHING
    assert _run(auto, clock, [(0.1, 3, 150.0)] * 12) == [3]


def test_disabled_auto_capture_only_reports() -> None:
    clock = FakeClock()
    auto = AutoCapture(clock=clock, enabled=False)
    assert _run(auto, clock, [(0.1, 3, 150.0)] * 30) == []
    assert auto.phase is Phase.STEADY
