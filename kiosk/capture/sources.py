"""Frame sources behind one interface: a webcam that survives unplugging, a file, and fakes."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.capture import texts
from kiosk.capture.errors import CameraUnavailable, UnreadableImage

log = logging.getLogger("kiosk.capture")

Frame = npt.NDArray[np.uint8]
"""A BGR image, height x width x 3, treated as immutable once a source hands it out."""

PREFERRED_SIZE = (1280, 720)
RECONNECT_INTERVAL_S = 1.0
DEFAULT_FILE_FPS = 30.0
MAX_PROBED_CAMERAS = 4
SYSFS_VIDEO = Path("/sys/class/video4linux")


class SourceState(Enum):
    LIVE = "live"
    RECONNECTING = "reconnecting"
    ENDED = "ended"


class FrameSource(Protocol):
    """What the capture thread reads from. `read()` returns None when no frame is available now."""

    @property
    def name(self) -> str: ...

    @property
    def fps(self) -> float:
        """Nominal frame rate; the capture thread paces sources that do not pace themselves."""
        ...

    @property
    def paces_itself(self) -> bool:
        """True for devices whose read() blocks until the next frame."""
        ...

    @property
    def state(self) -> SourceState: ...

    def open(self) -> None: ...

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


def as_frame(image: object) -> Frame:
    """Type OpenCV's output as 8-bit without copying (its stubs say "any number type")."""
    return np.asarray(image, dtype=np.uint8)


def freeze(frame: Frame) -> Frame:
    """Frames cross threads; marking them read-only makes accidental sharing bugs loud."""
    frame.flags.writeable = False
    return frame


# --- cameras -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CameraInfo:
    index: int
    label: str

    @property
    def display_name(self) -> str:
        return texts.camera_name(index=self.index, label=self.label)


class VideoDevice(Protocol):
    """The part of cv2.VideoCapture we use, so tests can unplug a fake camera."""

    def isOpened(self) -> bool: ...  # noqa: N802 - OpenCV's name

    def read(self) -> tuple[bool, Frame | None]: ...

    def set(self, prop: int, value: float) -> bool: ...

    def get(self, prop: int) -> float: ...

    def release(self) -> None: ...


def _open_cv_device(index: int) -> VideoDevice:
    device: VideoDevice = cv2.VideoCapture(index)  # type: ignore[assignment]
    return device


def list_cameras(
    *,
    sysfs: Path = SYSFS_VIDEO,
    probe: Callable[[int], VideoDevice] | None = None,
    max_probed: int = MAX_PROBED_CAMERAS,
) -> list[CameraInfo]:
    """Cameras attached now. On Linux sysfs names them without opening (fast, no warnings)."""
    if probe is None and os.name == "posix" and sysfs.parent.exists():
        return _list_sysfs_cameras(sysfs)
    opener = probe or _open_cv_device
    found = []
    for index in range(max_probed):
        device = opener(index)
        try:
            if device.isOpened():
                found.append(CameraInfo(index, f"#{index}"))
        finally:
            device.release()
    return found


def _list_sysfs_cameras(sysfs: Path) -> list[CameraInfo]:
    if not sysfs.is_dir():
        return []
    found = []
    for node in sorted(sysfs.glob("video*"), key=lambda p: int(p.name[5:] or 0)):
        # A UVC camera exposes a capture node (index 0) and metadata nodes; list the first only.
        index_file = node / "index"
        if index_file.exists() and index_file.read_text().strip() not in ("", "0"):
            continue
        name_file = node / "name"
        label = name_file.read_text().strip() if name_file.exists() else node.name
        found.append(CameraInfo(int(node.name[5:]), label))
    return found


class OpenCvCamera:
    """A webcam by index. A failed read means unplugged: release it and retry opening on a timer."""

    def __init__(
        self,
        info: CameraInfo,
        *,
        preferred_size: tuple[int, int] = PREFERRED_SIZE,
        reconnect_interval_s: float = RECONNECT_INTERVAL_S,
        clock: Callable[[], float] = time.monotonic,
        open_device: Callable[[int], VideoDevice] = _open_cv_device,
        find_cameras: Callable[[], list[CameraInfo]] | None = list_cameras,
    ) -> None:
        self._info = info
        self._find_cameras = find_cameras
        self._preferred_size = preferred_size
        self._reconnect_interval_s = reconnect_interval_s
        self._clock = clock
        self._open_device = open_device
        self._device: VideoDevice | None = None
        self._last_attempt = -float("inf")
        self._state = SourceState.RECONNECTING
        self._fps = DEFAULT_FILE_FPS

    @property
    def name(self) -> str:
        return self._info.display_name

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def paces_itself(self) -> bool:
        return True

    @property
    def state(self) -> SourceState:
        return self._state

    def open(self) -> None:
        if not self._try_open():
            raise CameraUnavailable(
                texts.status_camera_failed(camera=self.name), camera=self._info.index
            )

    def _try_open(self) -> bool:
        self._last_attempt = self._clock()
        device = self._open_device(self._info.index)
        if not device.isOpened():
            device.release()
            return False
        width, height = self._preferred_size
        device.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        device.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        reported_fps = device.get(cv2.CAP_PROP_FPS)
        self._fps = reported_fps if reported_fps > 0 else DEFAULT_FILE_FPS
        self._device = device
        self._state = SourceState.LIVE
        return True

    def read(self) -> Frame | None:
        if self._device is None:
            if self._clock() - self._last_attempt >= self._reconnect_interval_s:
                self._reconnect()
            return None
        ok, frame = self._device.read()
        if not ok or frame is None:
            log.warning("camera %s stopped delivering frames; reconnecting", self._info.index)
            self._release()
            self._state = SourceState.RECONNECTING
            self._last_attempt = self._clock()
            return None
        return freeze(frame)

    def _reconnect(self) -> None:
        if self._try_open() or self._find_cameras is None:
            return
        # Plugged back into another port, the camera often gets a new index: follow its name.
        for info in self._find_cameras():
            if info.label == self._info.label and info.index != self._info.index:
                log.info("camera moved from index %s to %s", self._info.index, info.index)
                self._info = CameraInfo(info.index, info.label)
                self._try_open()
                return

    def _release(self) -> None:
        if self._device is not None:
            self._device.release()
            self._device = None

    def close(self) -> None:
        self._release()
        self._state = SourceState.ENDED


# --- files -------------------------------------------------------------------------------------


def load_image(path: Path) -> Frame:
    """Decode an image file into memory (np.fromfile copes with non-ASCII paths on Windows)."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError as error:
        raise UnreadableImage(
            f"cannot read {path.name}: {error.strerror}", path=str(path)
        ) from None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None or image.size == 0:
        raise UnreadableImage(f"{path.name} is not an image this kiosk can read", path=str(path))
    return freeze(as_frame(image))


class FileSource:
    """A still image (repeated) or a video file (looped by default) standing in for a camera."""

    def __init__(self, path: Path, *, loop: bool = True) -> None:
        self._path = path
        self._loop = loop
        self._still: Frame | None = None
        self._video: cv2.VideoCapture | None = None
        self._pending: Frame | None = None
        self._fps = DEFAULT_FILE_FPS
        self._state = SourceState.ENDED

    @property
    def name(self) -> str:
        return self._path.name

    @property
    def fps(self) -> float:
        return self._fps

    @property
    def paces_itself(self) -> bool:
        return False

    @property
    def state(self) -> SourceState:
        return self._state

    def open(self) -> None:
        if not self._path.is_file():
            raise UnreadableImage(f"{self._path.name} does not exist", path=str(self._path))
        try:
            self._still = load_image(self._path)
        except UnreadableImage:
            video = cv2.VideoCapture(str(self._path))
            # FFmpeg "opens" many non-videos; only a decoded first frame proves it is one.
            ok, first = video.read() if video.isOpened() else (False, None)
            if not ok or first is None:
                video.release()
                raise
            self._pending = freeze(as_frame(first))
            fps = video.get(cv2.CAP_PROP_FPS)
            self._fps = fps if fps > 0 else DEFAULT_FILE_FPS
            self._video = video
        self._state = SourceState.LIVE

    def read(self) -> Frame | None:
        if self._state is SourceState.ENDED:
            return None
        if self._still is not None:
            return self._still
        assert self._video is not None
        if self._pending is not None:
            first, self._pending = self._pending, None
            return first
        ok, frame = self._video.read()
        if not ok and self._loop:
            self._video.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = self._video.read()
        if not ok or frame is None:
            self._state = SourceState.ENDED
            return None
        return freeze(as_frame(frame))

    def close(self) -> None:
        if self._video is not None:
            self._video.release()
            self._video = None
        self._still = None
        self._state = SourceState.ENDED
