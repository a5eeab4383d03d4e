"""Reading errors with stable codes, so the UI can say what went wrong with a document."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KioskError


class ReadingError(KioskError):
    """Something about reading a document the operator can act on."""

    code = "reading.error"


class MalformedPayload(InvalidInput):
    """The text is not an MRZ or AAMVA payload of any known shape (never echoes the text)."""

    code = "reading.malformed"


class MrzFormatError(MalformedPayload):
    code = "reading.mrz_format"


class AamvaFormatError(MalformedPayload):
    code = "reading.aamva_format"


class ImageNotFound(InvalidInput):
    code = "reading.image_not_found"


class ImageUnreadable(InvalidInput):
    """The file exists but is not an image OpenCV can decode."""

    code = "reading.unreadable"


class OcrUnavailable(ReadingError):
    """The optional `ocr` extra (rapidocr + onnxruntime) is not installed."""

    code = "reading.ocr_unavailable"
