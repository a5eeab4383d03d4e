"""Staff-readable capture texts in one place, marked for translation with named placeholders."""

from __future__ import annotations

from enum import StrEnum

from kiosk.i18n.scoped import gettext as _


class Problem(StrEnum):
    """Stable feedback codes: scripts, tests and translations key on these, never on the text."""

    NO_FACE = "no_face"
    MULTIPLE_FACES = "multiple_faces"
    TOO_FAR = "too_far"
    TOO_CLOSE = "too_close"
    OFF_CENTER = "off_center"
    HEAD_TILTED = "head_tilted"
    TOO_DARK = "too_dark"
    OVER_EXPOSED = "over_exposed"
    BLURRY = "blurry"
    # Advisories: shown, never blocking.
    BUSY_BACKGROUND = "busy_background"
    UNEVEN_LIGHT = "uneven_light"


def problem_text(problem: Problem, *, faces: int = 0, degrees: float = 0.0) -> str:
    """The short sentence a library desk operator reads aloud to the applicant."""
    texts = {
        Problem.NO_FACE: _("No face found: ask the applicant to look at the camera."),
        Problem.MULTIPLE_FACES: _(
            "{faces} faces in view: only the applicant should be in the picture."
        ),
        Problem.TOO_FAR: _("Too far: ask the applicant to come closer."),
        Problem.TOO_CLOSE: _("Too close: ask the applicant to move back a little."),
        Problem.OFF_CENTER: _("Off center: ask the applicant to move into the oval."),
        Problem.HEAD_TILTED: _(
            "Head tilted ({degrees}°): ask the applicant to hold their head level."
        ),
        Problem.TOO_DARK: _("Too dark: add light in front of the applicant."),
        Problem.OVER_EXPOSED: _("Too bright: move away from direct light or a window."),
        Problem.BLURRY: _("Blurry: ask the applicant to hold still, and check the lens is clean."),
        Problem.BUSY_BACKGROUND: _("Tip: a plain wall behind the applicant works best."),
        Problem.UNEVEN_LIGHT: _(
            "Tip: one side of the face is darker; light from the front is best."
        ),
    }
    return texts[problem].format(faces=faces, degrees=round(degrees))


def status_good() -> str:
    return _("Looks good: hold still…")


def status_captured() -> str:
    return _("Photo taken. Press Retake (R) to try again.")


def status_waiting_for_camera() -> str:
    return _("Starting the camera…")


def status_camera_reconnecting(*, camera: str) -> str:
    return _("{camera} was disconnected: plug it back in; it reconnects by itself.").format(
        camera=camera
    )


def status_camera_failed(*, camera: str) -> str:
    return _(
        "{camera} could not be opened: check the cable, or close other camera programs."
    ).format(camera=camera)


def status_no_camera_using(*, source: str) -> str:
    return _("No camera found — using: {source}").format(source=source)


def status_no_camera() -> str:
    return _("No camera found. Plug in a USB camera, then press Look again.")


def status_source_ended(*, source: str) -> str:
    return _("{source} has ended.").format(source=source)


def demo_camera_name() -> str:
    return _("Demo camera (not a real photo)")


def camera_name(*, index: int, label: str) -> str:
    return _("Camera {number}: {label}").format(number=index + 1, label=label)


# --- camera widget labels ---


def label_camera() -> str:
    return _("Camera:")


def label_look_again() -> str:
    return _("Look again")


def label_capture() -> str:
    return _("Capture (Space)")


def label_retake() -> str:
    return _("Retake (R)")


def label_no_photo() -> str:
    return _("No photo yet")


def label_photo_forced(*, problems: str) -> str:
    return _("Taken by staff despite: {problems}").format(problems=problems)


def label_photo_auto() -> str:
    return _("Taken automatically")


def label_tips() -> str:
    return _("Tips")
