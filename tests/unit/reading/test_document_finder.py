"""The document camera flow: largest quadrilateral, rectification, focus, glare, steadiness."""

from __future__ import annotations

import cv2
import numpy as np

from kiosk.reading.document_finder import (
    Advice,
    CaptureGate,
    FrameAnalysis,
    GateSettings,
    analyse_frame,
    find_document,
    focus_score,
    glare_fraction,
    rectify,
)
from kiosk.reading.pdf417 import read_pdf417

from .fixtures import SAMPLE_ELEMENTS, aamva_payload, card_back, place_in_frame

PAYLOAD = aamva_payload(SAMPLE_ELEMENTS)
CARD = card_back(PAYLOAD)


def test_finds_the_card_and_rectifies_it_to_its_shape() -> None:
    frame = place_in_frame(CARD, angle=12.0, perspective=0.04, scale=0.7)
    quad = find_document(frame)
    assert quad is not None
    flat = rectify(frame, quad)
    ratio = flat.shape[1] / flat.shape[0]
    assert abs(ratio - CARD.shape[1] / CARD.shape[0]) < 0.12
    assert read_pdf417(flat) == PAYLOAD


def test_corners_come_in_reading_order() -> None:
    frame = place_in_frame(CARD, angle=-20.0, scale=0.6)
    quad = find_document(frame)
    assert quad is not None
    top_left, top_right, bottom_right, bottom_left = quad
    assert top_left[0] < top_right[0] and bottom_left[0] < bottom_right[0]
    assert top_left[1] < bottom_left[1] and top_right[1] < bottom_right[1]


def test_empty_frame_has_no_document() -> None:
    assert find_document(np.full((720, 1280, 3), 90, dtype=np.uint8)) is None


def test_focus_drops_when_blurred_and_glare_is_measured() -> None:
    sharp = focus_score(CARD)
    blurred = focus_score(cv2.GaussianBlur(CARD, (15, 15), 0))
    assert blurred < sharp / 5
    glary = CARD.copy()
    glary[100:300, 100:500] = 255
    assert glare_fraction(CARD) == 0.0
    assert 0.1 < glare_fraction(glary) < 0.2


def _analysis(offset: float = 0.0, focus: float = 500.0, glare: float = 0.0) -> FrameAnalysis:
    quad = np.array([[100, 100], [700, 100], [700, 480], [100, 480]], dtype=np.float32) + offset
    return FrameAnalysis(quad=quad, focus=focus, glare=glare)


def test_gate_is_ready_after_enough_steady_frames() -> None:
    gate = CaptureGate(GateSettings(steady_frames=3))
    assert [gate.feed(_analysis()) for _ in range(4)] == [
        Advice.HOLD_STILL,
        Advice.HOLD_STILL,
        Advice.READY,
        Advice.READY,
    ]
    assert gate.feed(_analysis(offset=40.0)) is Advice.HOLD_STILL


def test_gate_asks_for_focus_glare_and_a_document() -> None:
    gate = CaptureGate(GateSettings(steady_frames=1))
    assert gate.feed(FrameAnalysis(quad=None, focus=0.0, glare=0.0)) is Advice.NO_DOCUMENT
    assert gate.feed(_analysis(focus=5.0)) is Advice.BLURRY
    assert gate.feed(_analysis(glare=0.2)) is Advice.GLARE
    assert gate.feed(_analysis()) is Advice.READY
    gate.reset()
    assert gate.feed(_analysis(offset=1.0)) is Advice.READY  # steady_frames=1: one frame is enough


def test_analyse_frame_on_a_real_frame() -> None:
    frame = place_in_frame(CARD, angle=5.0, scale=0.7)
    analysis = analyse_frame(frame)
    assert analysis.quad is not None
    assert analysis.focus > GateSettings().min_focus
    assert analysis.glare < GateSettings().max_glare
    soft = analyse_frame(place_in_frame(CARD, angle=5.0, scale=0.7, blur=6))
    assert soft.focus < analysis.focus
