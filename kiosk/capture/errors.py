"""Capture errors with stable codes, so the UI and CLI can say what the camera or file did wrong."""

from __future__ import annotations

from kiosk.errors import InvalidInput, KioskError


class CaptureError(KioskError):
    """Something in the capture environment failed (a camera, a codec)."""

    code = "capture.error"


class CameraUnavailable(CaptureError):
    """The chosen camera cannot be opened: unplugged, busy in another program, or no permission."""

    code = "capture.camera_unavailable"


class UnreadableImage(InvalidInput):
    """A file given as a photo or video could not be decoded."""

    code = "capture.unreadable_image"


class NoFrame(CaptureError):
    """A capture was requested before any frame arrived."""

    code = "capture.no_frame"
