"""One call per source: a camera frame or image file, or scanned text, to a `ReadResult`.

The order is cheapest first: the PDF417 barcode takes milliseconds, OCR of an MRZ most of a
second, so OCR runs only when no barcode was found and an `MrzOcr` was supplied.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.reading.aamva import parse_aamva
from kiosk.reading.document_finder import find_document, rectify
from kiosk.reading.errors import AamvaFormatError, ImageNotFound, ImageUnreadable
from kiosk.reading.models import NOTHING_READ, ReadResult
from kiosk.reading.mrz_ocr import MrzOcr
from kiosk.reading.pdf417 import read_pdf417
from kiosk.reading.wedge import read_text

Image = npt.NDArray[np.uint8]
_MAX_FILE_BYTES = 64 * 1024 * 1024

__all__ = ["load_image_file", "read_barcode", "read_image", "read_mrz", "read_text"]


def load_image_file(path: Path) -> Image:
    """Decode an image file into memory (BGR). Messages never repeat the path: file names
    are sometimes a person's name."""
    try:
        if path.stat().st_size > _MAX_FILE_BYTES:
            raise ImageUnreadable("the image file is too large to be a document photo")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageNotFound("no image file at the given path") from None
    except OSError:
        raise ImageUnreadable("the image file cannot be read") from None
    image = cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ImageUnreadable("the file is not an image that can be decoded")
    return np.asarray(image, dtype=np.uint8)


def read_barcode(frame: Image) -> ReadResult | None:
    """An AAMVA reading from the frame's PDF417, or None (no barcode, or not an AAMVA one)."""
    payload = read_pdf417(frame)
    if payload is None:
        return None
    try:
        return parse_aamva(payload)
    except AamvaFormatError:
        return None


def read_mrz(frame: Image, ocr: MrzOcr, *, today: date | None = None) -> ReadResult | None:
    """An MRZ reading: from the straightened document if one is found, else the whole frame."""
    quad = find_document(frame)
    if quad is not None:
        result = ocr.read(rectify(frame, quad), today=today)
        if result is not None:
            return result
    return ocr.read(frame, today=today)


def read_image(frame: Image, *, ocr: MrzOcr | None, today: date | None = None) -> ReadResult:
    """Everything readable on one image; `ocr=None` reads barcodes only."""
    result = read_barcode(frame)
    if result is None and ocr is not None:
        result = read_mrz(frame, ocr, today=today)
    return result or NOTHING_READ
