"""A camera needing no hardware or network: a drawn face both detectors find (tests, --demo)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.capture import texts
from kiosk.capture.sources import Frame, SourceState, as_frame, freeze

DEMO_LABEL = "DEMO"
SWAY_PERIOD_S = 4.0


@dataclass(frozen=True, slots=True)
class SyntheticScene:
    """What the fake camera shows. `face_height` and `centers` are fractions of the frame."""

    face_height: float = 0.42
    centers: tuple[tuple[float, float], ...] = ((0.5, 0.45),)
    brightness: float = 1.0
    blur_sigma: float = 0.0
    sway_px: int = 0
    background_bgr: tuple[int, int, int] = (200, 205, 210)


def _line(size: int) -> int:
    return max(2, size)


def draw_face(canvas: Frame, center: tuple[int, int], face_h: int) -> None:
    """A flat cartoon head and shoulders: dark eyes and brows on skin are what detectors key on."""
    cx, cy = center
    fw = int(face_h * 0.75)
    aa = cv2.LINE_AA
    cv2.ellipse(canvas, (cx, cy - face_h // 10), (int(fw * 0.58), int(face_h * 0.6)), 0, 0, 360,
                (40, 50, 70), -1, aa)  # fmt: skip
    cv2.rectangle(canvas, (cx - fw // 5, cy + face_h // 3), (cx + fw // 5, cy + face_h),
                  (120, 150, 190), -1)  # fmt: skip
    cv2.ellipse(canvas, (cx, cy + int(face_h * 1.35)), (int(fw * 1.3), int(face_h * 0.55)), 0,
                180, 360, (90, 60, 50), -1, aa)  # fmt: skip
    cv2.ellipse(canvas, (cx, cy + face_h // 12), (fw // 2, int(face_h * 0.52)), 0, 0, 360,
                (140, 170, 215), -1, aa)  # fmt: skip
    eye_dx, eye_y = int(fw * 0.2), cy - face_h // 12
    for side in (-1, 1):
        ex = cx + side * eye_dx
        cv2.ellipse(canvas, (ex, eye_y - face_h // 10), (fw // 9, face_h // 45), 0, 180, 360,
                    (40, 50, 70), _line(face_h // 40), aa)  # fmt: skip
        cv2.ellipse(canvas, (ex, eye_y), (fw // 10, face_h // 28), 0, 0, 360, (250, 250, 250),
                    -1, aa)  # fmt: skip
        cv2.circle(canvas, (ex, eye_y), face_h // 32, (50, 40, 30), -1, aa)
    cv2.line(canvas, (cx, eye_y + face_h // 20), (cx - fw // 20, cy + face_h // 7),
             (110, 130, 170), _line(face_h // 60), aa)  # fmt: skip
    cv2.ellipse(canvas, (cx, cy + face_h // 4), (fw // 6, face_h // 20), 0, 0, 180,
                (90, 90, 170), _line(face_h // 50), aa)  # fmt: skip


def render_scene(scene: SyntheticScene, width: int, height: int) -> Frame:
    """One still of the scene; SyntheticSource slides a window over it to fake movement."""
    canvas = np.empty((height, width, 3), np.uint8)
    canvas[:] = scene.background_bgr
    face_h = int(scene.face_height * height)
    for fx, fy in scene.centers:
        draw_face(canvas, (int(fx * width), int(fy * height)), face_h)
    canvas = as_frame(cv2.GaussianBlur(canvas, (0, 0), 1.2))
    if scene.blur_sigma > 0:
        canvas = as_frame(cv2.GaussianBlur(canvas, (0, 0), scene.blur_sigma))
    if scene.brightness != 1.0:
        canvas = as_frame(cv2.convertScaleAbs(canvas, alpha=scene.brightness))
    return canvas


class SyntheticSource:
    """A fake 30 fps camera. Frames are fresh arrays, as a real device would hand out."""

    def __init__(
        self,
        *,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        scene: SyntheticScene | None = None,
    ) -> None:
        self._width = width
        self._height = height
        self._fps = fps
        self._scene = scene or SyntheticScene()
        self._canvas: Frame | None = None
        self._index = 0
        self._state = SourceState.ENDED

    @property
    def name(self) -> str:
        return texts.demo_camera_name()

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def paces_itself(self) -> bool:
        return False

    @property
    def state(self) -> SourceState:
        return self._state

    def open(self) -> None:
        sway = self._scene.sway_px
        canvas = render_scene(self._scene, self._width + 2 * sway, self._height)
        # The label keeps a demo frame from ever passing for a real applicant's photo.
        cv2.putText(canvas, DEMO_LABEL, (sway + 16, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    (0, 0, 200), 2, cv2.LINE_AA)  # fmt: skip
        self._canvas = canvas
        self._index = 0
        self._state = SourceState.LIVE

    def read(self) -> Frame | None:
        if self._canvas is None:
            return None
        sway = self._scene.sway_px
        phase = 2 * math.pi * self._index / (self._fps * SWAY_PERIOD_S)
        left = sway + round(sway * math.sin(phase))
        self._index += 1
        return freeze(self._canvas[:, left : left + self._width].copy())

    def close(self) -> None:
        self._canvas = None
        self._state = SourceState.ENDED
