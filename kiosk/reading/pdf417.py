"""Find, deskew and decode the PDF417 barcode on the back of a licence or ID card.

zxing-cpp decodes a straight PDF417 in a few milliseconds but gives up past about 3 degrees of
skew, and a card held in front of a camera is rarely that straight. So: try the frame as it is,
then find the barcode blob (dense vertical edges), measure its angle with `minAreaRect`, rotate
just that patch upright and try again. Everything stays in memory; pure and thread-safe.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp

Gray = npt.NDArray[np.uint8]

_DETECT_WIDTH = 960  # blob search runs on a copy this wide: fast and plenty for a card
_MIN_BLOB_FRACTION = 0.002  # of the downscaled frame's area
_MAX_CANDIDATES = 3
_MARGIN = 0.12
# Pixels; larger patches already have modules wide enough.
_UPSCALE_BELOW = 900
_SQUARE_3 = np.ones(
    (3, 3), dtype=np.uint8
)  # quiet zone kept around the blob, as a fraction of its size


@dataclass(frozen=True, slots=True)
class BarcodeRegion:
    """Where a barcode blob sits in the full frame: centre, size and angle in degrees."""

    center: tuple[float, float]
    size: tuple[float, float]
    angle: float


def to_gray(image: npt.NDArray[np.uint8]) -> Gray:
    if image.ndim == 2:
        return image
    if image.shape[2] == 4:
        return as_u8(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY))
    return as_u8(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))


def as_u8(array: object) -> Gray:
    """OpenCV's stubs type results loosely; this pins them to 8-bit without a copy."""
    return np.asarray(array, dtype=np.uint8)


def decode_exact(gray: Gray) -> str | None:
    """One zxing-cpp attempt; control characters come back as themselves (TextMode.Plain)."""
    results = zxingcpp.read_barcodes(
        gray,
        formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.PDF417),
        text_mode=zxingcpp.TextMode.Plain,
    )
    for result in results:
        if result.valid and result.text:
            return str(result.text)
    return None


def find_barcode_regions(gray: Gray) -> list[BarcodeRegion]:
    """Candidate PDF417 blobs, largest first: areas where vertical edges dominate."""
    scale = min(1.0, _DETECT_WIDTH / gray.shape[1])
    small = (
        cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if scale < 1
        else gray
    )
    regions: list[BarcodeRegion] = []
    for transpose in (False, True):
        work = small.T if transpose else small
        grad_x = cv2.Sobel(work, cv2.CV_32F, 1, 0, ksize=-1)
        grad_y = cv2.Sobel(work, cv2.CV_32F, 0, 1, ksize=-1)
        edges = cv2.convertScaleAbs(np.abs(grad_x) - np.abs(grad_y))
        edges = cv2.blur(edges, (9, 9))
        _, mask = cv2.threshold(edges, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
        mask = cv2.morphologyEx(
            mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (21, 7))
        )
        mask = cv2.erode(mask, _SQUARE_3, iterations=3)
        mask = cv2.dilate(mask, _SQUARE_3, iterations=3)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        min_area = _MIN_BLOB_FRACTION * work.shape[0] * work.shape[1]
        for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:_MAX_CANDIDATES]:
            if cv2.contourArea(contour) < min_area:
                break
            points = contour[:, :, ::-1] if transpose else contour
            (cx, cy), (w, h), angle = cv2.minAreaRect(points)
            regions.append(
                BarcodeRegion((cx / scale, cy / scale), (w / scale, h / scale), float(angle))
            )
        if regions:
            break
    return regions


def upright_patch(gray: Gray, region: BarcodeRegion) -> Gray:
    """The region rotated level, with a quiet zone: the nearest multiple of 90 degrees is
    left for zxing (which tries those itself), only the residual skew is removed."""
    (cx, cy), (w, h), angle = region.center, region.size, region.angle
    residual = angle - 90.0 * round(angle / 90.0)
    if round(angle / 90.0) % 2:
        w, h = h, w
    pad_w, pad_h = w * (1 + 2 * _MARGIN) + 20, h * (1 + 2 * _MARGIN) + 20
    matrix = cv2.getRotationMatrix2D((cx, cy), residual, 1.0)
    matrix[0, 2] += pad_w / 2 - cx
    matrix[1, 2] += pad_h / 2 - cy
    return as_u8(
        cv2.warpAffine(
            gray,
            matrix,
            (max(int(pad_w), 8), max(int(pad_h), 8)),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REPLICATE,
        )
    )


def read_pdf417(image: npt.NDArray[np.uint8]) -> str | None:
    """The decoded payload of the first PDF417 found in a BGR or grayscale image, or None."""
    gray = to_gray(image)
    text = decode_exact(gray)
    if text is not None:
        return text
    for region in find_barcode_regions(gray):
        patch = upright_patch(gray, region)
        text = decode_exact(patch)
        if text is None and max(patch.shape) < _UPSCALE_BELOW:
            # Small, soft symbols: modules of 1-2 pixels decode once interpolated up.
            bigger = cv2.resize(patch, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
            text = decode_exact(as_u8(bigger))
        if text is not None:
            return text
    return None
