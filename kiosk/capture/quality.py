"""Turn a frame's measurements into staff-readable feedback: blocking problems first, then tips."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.capture import texts
from kiosk.capture.analysis import FrameAnalysis
from kiosk.capture.texts import Problem


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Named limits; fractions are of the frame unless said otherwise. See docs/capture.md."""

    min_face_height: float = 0.15  # the "too far": face box under 15% of frame height
    max_face_height: float = 0.55  # above this the 2:2.5 crop around the face leaves the frame
    other_face_min_ratio: float = (
        0.4  # smaller faces than this x the main one are far behind: ignored
    )
    max_center_offset_x: float = 0.12  # of the frame width, from the oval's center
    max_center_offset_y: float = 0.15  # of the frame height
    oval_center_y: float = 0.45  # the guide oval sits a little above the middle, like a head
    max_roll_degrees: float = 8.0
    min_brightness: float = 70.0  # mean face luma, 0..255
    max_brightness: float = 220.0
    max_overexposed: float = 0.2  # fraction of face pixels clipped to white
    min_sharpness: float = 35.0  # variance of the Laplacian, face scaled to 128 px high
    max_background_edges: float = 0.06  # edge-pixel fraction outside the face: clutter
    max_light_imbalance: float = 0.13  # |left - right| mean face luma / 255


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True, slots=True)
class Feedback:
    code: Problem
    text: str  # in the language current where the frame was analysed (English on a core thread)
    blocking: bool
    faces: int = 0  # the values `text` was filled with, so it can be built again in another
    degrees: float = 0.0  # language (`translated()`)

    def translated(self) -> str:
        """The text in the current translator's language (see kiosk.i18n.translating)."""
        return texts.problem_text(self.code, faces=self.faces, degrees=self.degrees)


def _blocking(problem: Problem, *, faces: int = 0, degrees: float = 0.0) -> Feedback:
    text = texts.problem_text(problem, faces=faces, degrees=degrees)
    return Feedback(problem, text, True, faces=faces, degrees=degrees)


def _advisory(problem: Problem) -> Feedback:
    return Feedback(problem, texts.problem_text(problem), False)


def relevant_faces(analysis: FrameAnalysis, limits: Thresholds = DEFAULT_THRESHOLDS) -> int:
    """Faces big enough to be a second person at the desk, not a poster across the room."""
    main = analysis.main_face
    if main is None:
        return 0
    return sum(1 for f in analysis.faces if f.box.h >= main.box.h * limits.other_face_min_ratio)


def check(analysis: FrameAnalysis, limits: Thresholds = DEFAULT_THRESHOLDS) -> list[Feedback]:
    """All problems with the frame, most fundamental first; advisories come last."""
    found: list[Feedback] = []
    too_dark = analysis.brightness < limits.min_brightness
    if too_dark:
        found.append(_blocking(Problem.TOO_DARK))
    elif (
        analysis.brightness > limits.max_brightness or analysis.overexposed > limits.max_overexposed
    ):
        found.append(_blocking(Problem.OVER_EXPOSED))
    main = analysis.main_face
    if main is None:
        return [_blocking(Problem.NO_FACE), *found]
    faces = relevant_faces(analysis, limits)
    if faces > 1:
        found.insert(0, _blocking(Problem.MULTIPLE_FACES, faces=faces))
    face_height = main.box.h / analysis.height
    too_far = face_height < limits.min_face_height
    if too_far:
        found.append(_blocking(Problem.TOO_FAR))
    elif face_height > limits.max_face_height:
        found.append(_blocking(Problem.TOO_CLOSE))
    cx, cy = main.box.center
    off_x = abs(cx / analysis.width - 0.5)
    off_y = abs(cy / analysis.height - limits.oval_center_y)
    if off_x > limits.max_center_offset_x or off_y > limits.max_center_offset_y:
        found.append(_blocking(Problem.OFF_CENTER))
    roll = analysis.roll_degrees
    if roll is not None and abs(roll) > limits.max_roll_degrees:
        found.append(_blocking(Problem.HEAD_TILTED, degrees=abs(roll)))
    # A dark face has little contrast, and a far one is upscaled for measuring: either way the
    # sharpness figure means nothing until the first problem is fixed.
    if analysis.sharpness < limits.min_sharpness and not (too_dark or too_far):
        found.append(_blocking(Problem.BLURRY))
    if analysis.background_edges > limits.max_background_edges:
        found.append(_advisory(Problem.BUSY_BACKGROUND))
    if analysis.light_imbalance > limits.max_light_imbalance:
        found.append(_advisory(Problem.UNEVEN_LIGHT))
    return found


def is_good(feedback: list[Feedback]) -> bool:
    return not any(item.blocking for item in feedback)


def score(analysis: FrameAnalysis, limits: Thresholds = DEFAULT_THRESHOLDS) -> float:
    """Higher is a better card photo: sharp, centered, level, well lit; picks the best frame."""
    main = analysis.main_face
    if main is None:
        return 0.0
    sharp = min(analysis.sharpness / (limits.min_sharpness * 4), 1.0)
    cx, cy = main.box.center
    offset = abs(cx / analysis.width - 0.5) + abs(cy / analysis.height - limits.oval_center_y)
    centered = max(0.0, 1.0 - offset * 4)
    level = max(0.0, 1.0 - abs(analysis.roll_degrees or 0.0) / 20)
    light = max(0.0, 1.0 - abs(analysis.brightness - 140) / 140)
    return 0.4 * sharp + 0.25 * centered + 0.15 * level + 0.2 * light
