"""Rendering errors with stable codes: a photo that will not decode, card fields that do not fit."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KioskError


class DocumentsError(KioskError):
    code = "documents.error"


class FontError(DocumentsError):
    """A font file is unreadable; the renderer skips it and falls back to another."""

    code = "documents.font"


class InvalidPhoto(InvalidInput):
    """The photo bytes are not a JPEG (or any image Pillow can decode)."""

    code = "documents.invalid_photo"


class InvalidFields(InvalidInput):
    """Card or receipt fields are inconsistent, e.g. a home address with no lines."""

    code = "documents.invalid_fields"
