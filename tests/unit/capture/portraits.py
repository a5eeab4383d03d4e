"""Real-face test frames built from skimage's public-domain astronaut portrait, in memory only."""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import numpy.typing as npt
from skimage import data

Frame = npt.NDArray[np.uint8]

# In astronaut() (512x512) the face is about (178, 63, 89, 112); this crop keeps head and shoulders.
HEAD = (slice(0, 330), slice(62, 382))
HEAD_FACE_CENTER = (160, 119)  # face center inside the HEAD crop
BACKGROUND = (128, 128, 128)


@cache
def astronaut_bgr() -> Frame:
    return np.ascontiguousarray(cv2.cvtColor(data.astronaut(), cv2.COLOR_RGB2BGR))


def _head(scale: float) -> Frame:
    head = astronaut_bgr()[HEAD]
    return np.asarray(cv2.resize(head, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))


def place(
    canvas_size: tuple[int, int], centers: list[tuple[float, float]], scale: float = 1.5
) -> Frame:
    """A plain canvas with the astronaut's head pasted, her face at each center (fractions)."""
    width, height = canvas_size
    canvas = np.empty((height, width, 3), np.uint8)
    canvas[:] = BACKGROUND
    head = _head(scale)
    for fx, fy in centers:
        left = round(fx * width - HEAD_FACE_CENTER[0] * scale)
        top = round(fy * height - HEAD_FACE_CENTER[1] * scale)
        x0, y0 = max(left, 0), max(top, 0)
        x1, y1 = min(left + head.shape[1], width), min(top + head.shape[0], height)
        canvas[y0:y1, x0:x1] = head[y0 - top : y1 - top, x0 - left : x1 - left]
    return canvas


def well_framed() -> Frame:
    return place((640, 480), [(0.5, 0.45)])


def two_people() -> Frame:
    return place((960, 480), [(0.27, 0.45), (0.73, 0.45)])


def far_away() -> Frame:
    return place((1280, 720), [(0.5, 0.45)], scale=0.7)


def off_center() -> Frame:
    return place((640, 480), [(0.22, 0.45)])


def too_dark() -> Frame:
    return np.asarray(cv2.convertScaleAbs(well_framed(), alpha=0.18))


def over_exposed() -> Frame:
    return np.asarray(cv2.convertScaleAbs(well_framed(), alpha=1.5, beta=90))


def blurred() -> Frame:
    return np.asarray(cv2.GaussianBlur(well_framed(), (0, 0), 4.0))


def too_close() -> Frame:
    return place((640, 480), [(0.5, 0.5)], scale=2.6)


def tilted(degrees: float = 20.0) -> Frame:
    frame = well_framed()
    height, width = frame.shape[:2]
    center = (width * 0.5, height * 0.45)
    rotation = cv2.getRotationMatrix2D(center, degrees, 1.0)
    return np.asarray(cv2.warpAffine(frame, rotation, (width, height), borderValue=BACKGROUND))


def busy_background() -> Frame:
    frame = well_framed()
    rng = np.random.default_rng(4)
    noise = rng.integers(0, 255, size=(48, 64), dtype=np.uint8)
    tiles = cv2.resize(noise, (640, 480), interpolation=cv2.INTER_NEAREST)
    busy = cv2.cvtColor(tiles, cv2.COLOR_GRAY2BGR)
    mask = np.all(frame == BACKGROUND, axis=2)
    frame[mask] = busy[mask]
    return frame


def side_lit() -> Frame:
    frame = well_framed().astype(np.float32)
    ramp = np.linspace(1.7, 0.2, frame.shape[1], dtype=np.float32)
    return np.asarray(np.clip(frame * ramp[None, :, None], 0, 255), dtype=np.uint8)


ALL = {
    "well_framed": well_framed,
    "two_people": two_people,
    "far_away": far_away,
    "off_center": off_center,
    "too_dark": too_dark,
    "over_exposed": over_exposed,
    "blurred": blurred,
    "too_close": too_close,
    "tilted": tilted,
    "busy_background": busy_background,
    "side_lit": side_lit,
}
