"""Which sources the camera picker offers, and what to tell staff when no camera is attached."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.capture import texts
from kiosk.capture.sources import CameraInfo, FrameSource, OpenCvCamera
from kiosk.capture.synthetic import SyntheticSource


@dataclass(frozen=True, slots=True)
class SourceChoice:
    """One entry of the picker; `make` builds a fresh, unopened source each time it is chosen."""

    label: str
    make: Callable[[], FrameSource]
    fake: bool = False


def camera_choice(info: CameraInfo) -> SourceChoice:
    return SourceChoice(info.display_name, lambda: OpenCvCamera(info))


def demo_choice() -> SourceChoice:
    return SourceChoice(texts.demo_camera_name(), SyntheticSource, fake=True)


def source_choices(
    cameras: Sequence[CameraInfo], fallback: Sequence[SourceChoice] = ()
) -> list[SourceChoice]:
    """Real cameras first, then `fallback` (the composition root passes the demo camera only
    in --demo, so fakes never reach a production kiosk)."""
    return [camera_choice(info) for info in cameras] + list(fallback)


def availability_message(cameras: Sequence[CameraInfo], choices: Sequence[SourceChoice]) -> str:
    """Empty when a real camera is there; otherwise what the desk operator should know or do."""
    if cameras:
        return ""
    if choices:
        return texts.status_no_camera_using(source=choices[0].label)
    return texts.status_no_camera()
