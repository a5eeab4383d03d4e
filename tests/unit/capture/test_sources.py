"""Sources: files and FFV1 videos read exactly, cameras reconnect, no camera is a normal state."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.capture.errors import CameraUnavailable, UnreadableImage
from kiosk.capture.sources import (
    CameraInfo,
    FileSource,
    OpenCvCamera,
    SourceState,
    list_cameras,
    load_image,
)
from kiosk.capture.synthetic import SyntheticScene, SyntheticSource
from tests.unit.capture import portraits


def write_ffv1(path: Path, frames: list[np.ndarray], fps: float = 30.0) -> Path:
    height, width = frames[0].shape[:2]
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"FFV1"), fps, (width, height))
    assert writer.isOpened()
    for frame in frames:
        writer.write(frame)
    writer.release()
    return path


def test_still_image_repeats_and_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "portrait.png"
    assert cv2.imwrite(str(path), portraits.well_framed())
    source = FileSource(path)
    source.open()
    first, second = source.read(), source.read()
    assert first is not None and second is not None
    assert np.array_equal(first, portraits.well_framed())
    assert not first.flags.writeable
    assert source.state is SourceState.LIVE and not source.paces_itself
    source.close()
    assert source.read() is None and source.state is SourceState.ENDED


def test_ffv1_video_reads_back_exactly_then_ends(tmp_path: Path) -> None:
    frames = [np.full((48, 64, 3), 10 * i, np.uint8) for i in range(4)]
    source = FileSource(write_ffv1(tmp_path / "clip.mkv", frames, fps=25.0), loop=False)
    source.open()
    assert source.fps == pytest.approx(25.0)
    read = [source.read() for _ in range(4)]
    assert all(r is not None and np.array_equal(r, f) for r, f in zip(read, frames, strict=True))
    assert source.read() is None
    assert source.state is SourceState.ENDED
    source.close()


def test_looping_video_starts_again(tmp_path: Path) -> None:
    frames = [np.full((48, 64, 3), 10 * i, np.uint8) for i in range(3)]
    source = FileSource(write_ffv1(tmp_path / "loop.mkv", frames))
    source.open()
    values = []
    for _ in range(5):
        frame = source.read()
        assert frame is not None
        values.append(int(frame[0, 0, 0]))
    source.close()
    assert values == [0, 10, 20, 0, 10]


def test_unreadable_and_missing_files_have_a_stable_code(tmp_path: Path) -> None:
    junk = tmp_path / "notes.jpg"
    junk.write_text("not an image")
    with pytest.raises(UnreadableImage) as caught:
        FileSource(junk).open()
    assert caught.value.code == "capture.unreadable_image"
    with pytest.raises(UnreadableImage):
        FileSource(tmp_path / "missing.png").open()
    with pytest.raises(UnreadableImage):
        load_image(tmp_path / "missing.png")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableImage):
        load_image(empty)


class FakeDevice:
    """A webcam that can be unplugged: reads fail while `plugged[0]` is False."""

    def __init__(self, plugged: list[bool], fps: float = 0.0) -> None:
        self._plugged = plugged
        self._fps = fps
        self.opened = plugged[0]
        self.settings: dict[int, float] = {}
        self.released = False

    def isOpened(self) -> bool:
        return self.opened

    def read(self) -> tuple[bool, np.ndarray | None]:
        if not self._plugged[0]:
            return False, None
        return True, np.zeros((720, 1280, 3), np.uint8)

    def set(self, prop: int, value: float) -> bool:
        self.settings[prop] = value
        return True

    def get(self, prop: int) -> float:
        return self._fps

    def release(self) -> None:
        self.released = True


def test_camera_prefers_720p_and_reconnects_after_unplugging() -> None:
    plugged, devices, now = [True], [], [0.0]

    def open_device(index: int) -> FakeDevice:
        devices.append(FakeDevice(plugged, fps=30.0))
        return devices[-1]

    camera = OpenCvCamera(CameraInfo(0, "USB cam"), open_device=open_device, clock=lambda: now[0])
    camera.open()
    assert devices[0].settings == {cv2.CAP_PROP_FRAME_WIDTH: 1280, cv2.CAP_PROP_FRAME_HEIGHT: 720}
    assert camera.read() is not None and camera.state is SourceState.LIVE
    assert camera.fps == 30.0 and camera.paces_itself

    plugged[0] = False
    assert camera.read() is None
    assert camera.state is SourceState.RECONNECTING and devices[0].released
    now[0] += 0.5
    assert camera.read() is None and len(devices) == 1  # waits for the retry interval
    now[0] += 0.6
    assert camera.read() is None and len(devices) == 2  # tried, still unplugged
    plugged[0] = True
    now[0] += 1.1
    assert camera.read() is None and camera.state is SourceState.LIVE
    assert camera.read() is not None
    camera.close()
    assert camera.state is SourceState.ENDED and devices[-1].released


def test_camera_that_will_not_open_raises_a_clear_error() -> None:
    camera = OpenCvCamera(
        CameraInfo(3, "Broken"), open_device=lambda i: FakeDevice([False]), find_cameras=None
    )
    with pytest.raises(CameraUnavailable) as caught:
        camera.open()
    assert caught.value.code == "capture.camera_unavailable"
    assert "Camera 4: Broken" in caught.value.message


def test_a_camera_plugged_back_under_another_index_is_followed_by_name() -> None:
    plugs: dict[int, list[bool]] = {0: [True], 2: [False]}
    now = [0.0]

    def find_cameras() -> list[CameraInfo]:
        return [CameraInfo(i, "Logitech C270") for i, plug in plugs.items() if plug[0]]

    camera = OpenCvCamera(
        CameraInfo(0, "Logitech C270"),
        open_device=lambda index: FakeDevice(plugs.setdefault(index, [False])),
        clock=lambda: now[0],
        find_cameras=find_cameras,
    )
    camera.open()
    plugs[0][0] = False
    assert camera.read() is None and camera.state is SourceState.RECONNECTING
    plugs[2][0] = True  # back, in another USB port
    now[0] += 1.5
    assert camera.read() is None
    assert camera.state is SourceState.LIVE and camera.name == "Camera 3: Logitech C270"
    assert camera.read() is not None
    camera.close()


def test_sysfs_lists_capture_nodes_only(tmp_path: Path) -> None:
    for node, name, index in [("video0", "Integrated", "0"), ("video1", "Integrated", "1"),
                              ("video2", "Logitech C270", "0")]:  # fmt: skip
        (tmp_path / node).mkdir()
        (tmp_path / node / "name").write_text(name + "\n")
        (tmp_path / node / "index").write_text(index + "\n")
    cameras = list_cameras(sysfs=tmp_path)
    assert cameras == [CameraInfo(0, "Integrated"), CameraInfo(2, "Logitech C270")]
    assert cameras[1].display_name == "Camera 3: Logitech C270"
    assert list_cameras(sysfs=tmp_path / "absent") == []


def test_probing_lists_cameras_that_open() -> None:
    cameras = list_cameras(probe=lambda index: FakeDevice([index == 1]), max_probed=3)
    assert cameras == [CameraInfo(1, "#1")]


def test_no_webcam_here_is_an_empty_list() -> None:
    # This machine has no camera: listing is normal, not an error.
    assert list_cameras() == []


def test_synthetic_source_hands_out_fresh_read_only_frames() -> None:
    source = SyntheticSource(width=320, height=180, scene=SyntheticScene(sway_px=8))
    assert source.read() is None
    source.open()
    frames = [source.read() for _ in range(10)]
    assert all(f is not None and f.shape == (180, 320, 3) for f in frames)
    assert frames[0] is not frames[1] and not frames[0].flags.writeable  # type: ignore[union-attr]
    assert not np.array_equal(frames[0], frames[9])  # the sway moves the picture
    assert source.fps == 30.0 and "Demo" in source.name
    source.close()
    assert source.read() is None
