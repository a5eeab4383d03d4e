"""PDF417 on camera-like frames: straight, skewed past zxing's ~3 degrees, tilted, soft, noisy."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from kiosk.reading.pdf417 import decode_exact, read_pdf417, to_gray
from kiosk.reading.reader import read_barcode

from .fixtures import SAMPLE_ELEMENTS, aamva_payload, card_back, pdf417_image, place_in_frame

PAYLOAD = aamva_payload(SAMPLE_ELEMENTS)
CARD = card_back(PAYLOAD)


def test_plain_text_mode_keeps_control_characters() -> None:
    text = decode_exact(pdf417_image(PAYLOAD))
    assert text == PAYLOAD
    assert "\x1e" in PAYLOAD and "<LF>" not in (text or "")


def test_zxing_alone_fails_on_skew_which_is_why_we_deskew() -> None:
    frame = place_in_frame(CARD, angle=8.0, scale=0.6)
    assert decode_exact(to_gray(frame)) is None
    assert read_pdf417(frame) == PAYLOAD


@pytest.mark.parametrize(
    ("angle", "perspective", "blur", "noise"),
    [
        (0.0, 0.0, 0, 0.0),
        (5.0, 0.0, 0, 0.0),
        (-12.0, 0.03, 1, 4.0),
        (25.0, 0.05, 1, 6.0),
        (-40.0, 0.0, 1, 4.0),
        (95.0, 0.0, 0, 3.0),
        (178.0, 0.02, 1, 3.0),
        (8.0, 0.08, 2, 8.0),
    ],
)
def test_skewed_frames_1920x1080(angle: float, perspective: float, blur: int, noise: float) -> None:
    frame = place_in_frame(
        CARD, angle=angle, perspective=perspective, blur=blur, noise=noise, scale=0.7
    )
    assert frame.shape == (1080, 1920, 3)
    assert read_pdf417(frame) == PAYLOAD


def test_small_soft_barcode_is_upscaled() -> None:
    # Modules about 1.7 px wide: near the limit, decodable only once interpolated up.
    frame = place_in_frame(CARD, angle=8.0, perspective=0.05, blur=1, noise=5.0, scale=0.5)
    assert read_pdf417(frame) == PAYLOAD


def test_read_barcode_parses_aamva() -> None:
    result = read_barcode(place_in_frame(CARD, angle=-7.0, scale=0.6))
    assert result is not None and result.valid
    assert result.fields is not None and result.fields.family_name == "SAMPLE"


def test_non_aamva_pdf417_is_not_a_reading() -> None:
    symbol = pdf417_image("just a PDF417 of something else")
    assert read_pdf417(symbol) == "just a PDF417 of something else"
    assert read_barcode(symbol) is None


def test_no_barcode() -> None:
    rng = np.random.default_rng(1)
    frame = rng.integers(0, 255, (1080, 1920, 3), dtype=np.uint8)
    assert read_pdf417(frame) is None


def test_other_barcode_formats_are_ignored() -> None:
    barcode = zxingcpp.create_barcode("hello", zxingcpp.BarcodeFormat.QRCode)
    qr = np.array(zxingcpp.write_barcode_to_image(barcode, scale=8), dtype=np.uint8)
    assert read_pdf417(qr) is None
