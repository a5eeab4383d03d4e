"""When to take the photo: a pure, clock-driven state machine (good and steady ~1 s, keep best)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from kiosk.capture.analysis import FrameAnalysis
from kiosk.capture.quality import DEFAULT_THRESHOLDS, Feedback, Thresholds, is_good, score
from kiosk.capture.sources import Frame

STEADY_S = 1.0
MAX_MOVE = 0.05  # face center shift between analyses, fraction of frame height, still "steady"
MAX_RESIZE = 0.08  # relative change of face height between analyses, still "steady"
MAX_GAP_S = 0.5  # analyses further apart than this do not prove steadiness


class Phase(Enum):
    SEARCHING = "searching"  # something blocks, or nothing seen yet
    STEADY = "steady"  # good and steady, counting up to STEADY_S
    CAPTURED = "captured"  # a photo was taken; waits for retake


@dataclass(frozen=True, slots=True)
class Capture:
    """The frame chosen for the card photo, with the analysis that located the face."""

    frame: Frame
    analysis: FrameAnalysis | None
    manual: bool


class AutoCapture:
    """Feed it every analysed frame; returns a Capture once the view was good long enough."""

    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        steady_s: float = STEADY_S,
        thresholds: Thresholds = DEFAULT_THRESHOLDS,
        enabled: bool = True,
    ) -> None:
        self._clock = clock
        self._steady_s = steady_s
        self._thresholds = thresholds
        self._enabled = enabled
        self._phase = Phase.SEARCHING
        self._since = 0.0
        self._last: FrameAnalysis | None = None
        self._last_at = 0.0
        self._best: tuple[float, Frame, FrameAnalysis] | None = None

    @property
    def phase(self) -> Phase:
        return self._phase

    def progress(self) -> float:
        """0..1 of the steady period, for a progress ring around the oval."""
        if self._phase is Phase.CAPTURED:
            return 1.0
        if self._phase is Phase.SEARCHING:
            return 0.0
        return min((self._clock() - self._since) / self._steady_s, 1.0)

    def _steady(self, analysis: FrameAnalysis, now: float) -> bool:
        last = self._last
        if last is None or now - self._last_at > MAX_GAP_S:
            return False
        face, previous = analysis.main_face, last.main_face
        if face is None or previous is None:
            return False
        (cx, cy), (px, py) = face.box.center, previous.box.center
        moved = max(abs(cx - px), abs(cy - py)) / analysis.height
        resized = abs(face.box.h - previous.box.h) / max(previous.box.h, 1)
        return moved <= MAX_MOVE and resized <= MAX_RESIZE

    def observe(
        self, frame: Frame, analysis: FrameAnalysis, feedback: Sequence[Feedback]
    ) -> Capture | None:
        if self._phase is Phase.CAPTURED:
            return None
        now = self._clock()
        good = is_good(list(feedback))
        steady = self._steady(analysis, now)
        self._last, self._last_at = analysis, now
        if not good:
            self._phase, self._best = Phase.SEARCHING, None
            return None
        candidate = (score(analysis, self._thresholds), frame, analysis)
        if self._phase is Phase.SEARCHING or not steady:
            self._phase, self._since, self._best = Phase.STEADY, now, candidate
        elif self._best is None or candidate[0] > self._best[0]:
            self._best = candidate
        if not self._enabled or now - self._since < self._steady_s:
            return None
        assert self._best is not None
        _, best_frame, best_analysis = self._best
        self._phase, self._best = Phase.CAPTURED, None
        return Capture(best_frame, best_analysis, manual=False)

    def capture_now(self, frame: Frame, analysis: FrameAnalysis | None) -> Capture:
        """Staff pressed Capture: always honoured, whatever the feedback says."""
        self._phase, self._best = Phase.CAPTURED, None
        return Capture(frame, analysis, manual=True)

    def retake(self) -> None:
        self._phase, self._best, self._last = Phase.SEARCHING, None, None
