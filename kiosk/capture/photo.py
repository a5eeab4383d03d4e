"""Crop the card photo around the face to the program's size and encode it as JPEG in memory."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from kiosk.capture.errors import CaptureError
from kiosk.capture.faces import Box
from kiosk.capture.sources import Frame

FACE_CENTER_FROM_TOP = 0.5  # face box mid-height: hair above it, neck and shoulders below


@dataclass(frozen=True, slots=True)
class PhotoSpec:
    """A program's card photo. Defaults are IDNYC-like: 2:2.5 portrait, face 50-70% of the height.

    Program files carry a `photo` section with these fields; the face is the detector's box
    (forehead to chin).
    """

    aspect_width: float = 2.0
    aspect_height: float = 2.5
    face_min_fraction: float = 0.5
    face_max_fraction: float = 0.7
    width: int = 400
    height: int = 500
    jpeg_quality: int = 90

    def __post_init__(self) -> None:
        if not 0 < self.face_min_fraction <= self.face_max_fraction <= 1:
            raise ValueError("face fractions must satisfy 0 < min <= max <= 1")
        if self.width <= 0 or self.height <= 0 or not 1 <= self.jpeg_quality <= 100:
            raise ValueError("photo size must be positive and JPEG quality within 1..100")

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.aspect_width / self.aspect_height

    @property
    def face_target_fraction(self) -> float:
        return (self.face_min_fraction + self.face_max_fraction) / 2


IDNYC_PHOTO = PhotoSpec()


@dataclass(frozen=True, slots=True)
class CardPhoto:
    """The encoded card photo; it lives in memory and in the vault, never in a plain file."""

    jpeg: bytes
    width: int
    height: int
    face_fraction: float  # face box height / photo height, after any clamping to the frame

    def __repr__(self) -> str:
        # Keep the bytes out of logs and test failure output.
        return (
            f"CardPhoto({self.width}x{self.height}, {len(self.jpeg)} bytes, "
            f"face {self.face_fraction:.0%})"
        )


@dataclass(frozen=True, slots=True)
class CropWindow:
    x: int
    y: int
    w: int
    h: int


def crop_window(frame_w: int, frame_h: int, face: Box | None, spec: PhotoSpec) -> CropWindow:
    """Where to cut: face at the target fraction of the height, then moved or shrunk to fit."""
    if face is None:
        # Manual capture without a face: the largest centered window of the right shape.
        cx, cy, crop_h, center_from_top = frame_w / 2, frame_h / 2, float(frame_h), 0.5
    else:
        cx, cy = face.center
        crop_h, center_from_top = face.h / spec.face_target_fraction, FACE_CENTER_FROM_TOP
    crop_h = min(crop_h, frame_h, frame_w / spec.aspect)
    crop_w = crop_h * spec.aspect
    top = cy - crop_h * center_from_top
    left = min(max(cx - crop_w / 2, 0.0), frame_w - crop_w)
    top = min(max(top, 0.0), frame_h - crop_h)
    return CropWindow(round(left), round(top), max(1, round(crop_w)), max(1, round(crop_h)))


def make_card_photo(frame: Frame, face: Box | None, spec: PhotoSpec = IDNYC_PHOTO) -> CardPhoto:
    """Crop, resize and JPEG-encode in memory (cv2.imencode writes no file)."""
    frame_h, frame_w = frame.shape[:2]
    window = crop_window(frame_w, frame_h, face, spec)
    crop = frame[window.y : window.y + window.h, window.x : window.x + window.w]
    photo = cv2.resize(crop, (spec.width, spec.height), interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", photo, [cv2.IMWRITE_JPEG_QUALITY, spec.jpeg_quality])
    if not ok:
        raise CaptureError("the card photo could not be encoded as JPEG")
    fraction = face.h / window.h if face is not None else 0.0
    return CardPhoto(np.asarray(encoded).tobytes(), spec.width, spec.height, fraction)
