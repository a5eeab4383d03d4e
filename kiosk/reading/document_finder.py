"""The document camera flow: find the card or page in the frame, straighten it, judge focus and
glare, and say when the picture has been steady long enough to read.

`analyse_frame` is a pure function a capture worker calls per frame; `CaptureGate` is a small
state object that worker owns and feeds, with no clocks or threads of its own, so the GUI
decides pacing and tests drive it frame by frame. Frames stay in memory.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.reading.pdf417 import as_u8, to_gray

Image = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]  # 4x2 corners: top-left, top-right, bottom-right, bottom-left

_DETECT_WIDTH = 640
_MIN_AREA_FRACTION = 0.2  # a document smaller than this in the frame is too far to read
_FOCUS_WIDTH = 800  # focus is measured at one scale so thresholds mean the same everywhere
_GLARE_LEVEL = 250
_GLARE_KERNEL = np.ones((9, 9), dtype=np.uint8)


@dataclass(frozen=True, slots=True)
class FrameAnalysis:
    """What one frame shows: the document's corners (if found), its sharpness and glare."""

    quad: Quad | None
    focus: float  # variance of the Laplacian on the document, at _FOCUS_WIDTH
    glare: float  # fraction of the document's pixels that are blown out


def order_corners(points: npt.NDArray[np.float32]) -> Quad:
    """Top-left, top-right, bottom-right, bottom-left, whatever order the contour gave."""
    pts = points.reshape(4, 2).astype(np.float32)
    sums, diffs = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(sums)], pts[np.argmin(diffs)], pts[np.argmax(sums)], pts[np.argmax(diffs)]],
        dtype=np.float32,
    )


def find_document(frame: Image) -> Quad | None:
    """The largest convex quadrilateral in the frame, in full-frame pixels, or None."""
    gray = to_gray(frame)
    scale = min(1.0, _DETECT_WIDTH / gray.shape[1])
    small = as_u8(cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA))
    small = as_u8(cv2.GaussianBlur(small, (5, 5), 0))
    edges = cv2.Canny(small, 40, 120)
    edges = cv2.dilate(edges, np.ones((3, 3), dtype=np.uint8), iterations=2)
    contours, _ = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    min_area = _MIN_AREA_FRACTION * small.shape[0] * small.shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        if cv2.contourArea(contour) < min_area:
            break
        hull = cv2.convexHull(contour)
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(approx) == 4 and cv2.isContourConvex(approx):
            return order_corners(approx.astype(np.float32) / scale)
    return None


def rectify(frame: Image, quad: Quad) -> Image:
    """The document seen straight on, at the resolution the frame gives it."""
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad, target)
    return as_u8(cv2.warpPerspective(frame, matrix, (max(width, 1), max(height, 1))))


def focus_score(image: Image) -> float:
    gray = to_gray(image)
    if gray.shape[1] != _FOCUS_WIDTH:
        fit = _FOCUS_WIDTH / gray.shape[1]
        gray = as_u8(cv2.resize(gray, None, fx=fit, fy=fit, interpolation=cv2.INTER_AREA))
    return float(cv2.Laplacian(gray, cv2.CV_64F).var())


def glare_fraction(image: Image) -> float:
    """The share of the document lost to blown-out patches. Opening the saturated mask drops
    thin white features (gaps between barcode bars, paper between letters): glare is a blob."""
    gray = to_gray(image)
    fit = _FOCUS_WIDTH / gray.shape[1]
    gray = as_u8(cv2.resize(gray, None, fx=fit, fy=fit, interpolation=cv2.INTER_AREA))
    blown = as_u8(gray >= _GLARE_LEVEL) * 255
    blobs = cv2.morphologyEx(blown, cv2.MORPH_OPEN, _GLARE_KERNEL)
    return int(np.count_nonzero(blobs)) / max(blobs.size, 1)


def analyse_frame(frame: Image) -> FrameAnalysis:
    quad = find_document(frame)
    document = rectify(frame, quad) if quad is not None else frame
    return FrameAnalysis(quad=quad, focus=focus_score(document), glare=glare_fraction(document))


class Advice(enum.StrEnum):
    """What to tell the operator; stable codes the UI translates."""

    NO_DOCUMENT = "no_document"
    HOLD_STILL = "hold_still"
    BLURRY = "blurry"
    GLARE = "glare"
    READY = "ready"


@dataclass(frozen=True, slots=True)
class GateSettings:
    steady_frames: int = 5  # consecutive frames the corners must stay put
    max_shift: float = 0.01  # corner movement allowed between frames, as a fraction of the diagonal
    min_focus: float = 60.0
    max_glare: float = 0.02


class CaptureGate:
    """Fed one `FrameAnalysis` per frame; answers READY once the document has held still, in
    focus and without glare, for `steady_frames` frames. Owned by one worker, not shared."""

    def __init__(self, settings: GateSettings | None = None) -> None:
        self.settings = settings or GateSettings()
        self._last: Quad | None = None
        self._steady = 0

    def reset(self) -> None:
        self._last, self._steady = None, 0

    def feed(self, analysis: FrameAnalysis) -> Advice:
        quad, last = analysis.quad, self._last
        self._last = quad
        if quad is None:
            self._steady = 0
            return Advice.NO_DOCUMENT
        diagonal = float(np.linalg.norm(quad[2] - quad[0])) or 1.0
        moved = (
            last is None or float(np.abs(quad - last).max()) > self.settings.max_shift * diagonal
        )
        self._steady = 0 if moved else self._steady + 1
        if analysis.glare > self.settings.max_glare:
            return Advice.GLARE
        if analysis.focus < self.settings.min_focus:
            return Advice.BLURRY
        if self._steady + 1 < self.settings.steady_frames:
            return Advice.HOLD_STILL
        return Advice.READY
