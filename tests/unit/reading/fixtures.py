"""Synthetic documents for reading tests: AAMVA payloads, PDF417 frames and OCR-B MRZ pages.

Everything is made in memory from made-up people; nothing here is a real person's document.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

Frame = npt.NDArray[np.uint8]

OCR_B_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")

# ICAO 9303 specimens (part 4 TD3, part 5 TD1, part 6 TD2, part 7 MRV-A/MRV-B).
TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2_SPECIMEN = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
MRVA_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
)


def aamva_payload(
    elements: Sequence[tuple[str, str]],
    *,
    version: int = 10,
    iin: str = "636000",
    subfile: str = "DL",
    jurisdiction_subfile: bool = True,
) -> str:
    """A well-formed AAMVA file: header, designators with true offsets, DL/ID and Z subfiles."""
    body = subfile + "\n".join(code + value for code, value in elements) + "\r"
    zsub = "ZVZVA01\r"
    subfiles = [(subfile, body)] + ([("ZV", zsub)] if jurisdiction_subfile else [])
    head = f"@\n\x1e\rANSI {iin}{version:02d}" + (f"{1:02d}" if version >= 2 else "")
    head += f"{len(subfiles):02d}"
    offset = len(head) + 10 * len(subfiles)
    designators = ""
    for kind, data in subfiles:
        designators += f"{kind}{offset:04d}{len(data):04d}"
        offset += len(data)
    return head + designators + "".join(data for _, data in subfiles)


SAMPLE_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("DAQ", "T64235789"),
    ("DCS", "SAMPLE"),
    ("DDE", "N"),
    ("DAC", "MICHAEL"),
    ("DDF", "N"),
    ("DAD", "JOHN"),
    ("DDG", "N"),
    ("DCA", "D"),
    ("DBD", "06062019"),
    ("DBB", "06061986"),
    ("DBA", "12102029"),
    ("DBC", "1"),
    ("DAU", "068 in"),
    ("DAY", "BRO"),
    ("DAG", "2300 WEST BROAD STREET"),
    ("DAI", "RICHMOND"),
    ("DAJ", "VA"),
    ("DAK", "232690000  "),
    ("DCF", "2424244747474786102204"),
    ("DCG", "USA"),
    ("DCK", "123456789"),
)


def pdf417_image(payload: str, *, module: int = 3) -> Frame:
    """A clean PDF417 symbol, black on white, with a quiet zone."""
    barcode = zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.PDF417)
    return np.array(zxingcpp.write_barcode_to_image(barcode, scale=module), dtype=np.uint8)


def card_back(payload: str, *, size: tuple[int, int] = (1011, 638)) -> Frame:
    """The back of an ID-1 card: off-white, some printed lines, the barcode in the middle."""
    card = np.full((size[1], size[0]), 232, dtype=np.uint8)
    cv2.putText(
        card, "THIS CARD IS THE PROPERTY OF", (40, 50), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 60, 2
    )
    symbol = np.minimum(pdf417_image(payload, module=2), 244)  # printed paper is never pure white
    scale = min((size[0] - 60) / symbol.shape[1], (size[1] - 140) / symbol.shape[0], 1.0)
    if scale < 1.0:
        symbol = cv2.resize(symbol, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    top, left = 90, (size[0] - symbol.shape[1]) // 2
    card[top : top + symbol.shape[0], left : left + symbol.shape[1]] = symbol
    return card


def place_in_frame(
    document: Frame,
    *,
    frame_size: tuple[int, int] = (1920, 1080),
    angle: float = 0.0,
    perspective: float = 0.0,
    scale: float = 0.8,
    background: int = 70,
    blur: int = 0,
    noise: float = 0.0,
    seed: int = 0,
) -> Frame:
    """Put a document into a camera-like frame: rotated, tilted, blurred and noisy, as BGR."""
    width, height = frame_size
    doc_h, doc_w = document.shape[:2]
    fit = scale * min(width / doc_w, height / doc_h)
    w, h = doc_w * fit, doc_h * fit
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    # Perspective: the top edge shrinks as if the card leaned away from the camera.
    corners[0, 0] += perspective * w
    corners[1, 0] -= perspective * w
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    corners = corners @ rotation.T + [width / 2, height / 2]
    source = np.array([[0, 0], [doc_w, 0], [doc_w, doc_h], [0, doc_h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners.astype(np.float32))
    frame = np.full((height, width), background, dtype=np.uint8)
    mask = cv2.warpPerspective(np.full_like(document, 255), matrix, (width, height))
    warped = cv2.warpPerspective(document, matrix, (width, height), flags=cv2.INTER_LINEAR)
    frame = np.where(mask > 127, warped, frame).astype(np.uint8)
    if blur:
        frame = cv2.GaussianBlur(frame, (blur * 2 + 1, blur * 2 + 1), 0)
    if noise:
        rng = np.random.default_rng(seed)
        frame = np.clip(frame + rng.normal(0, noise, frame.shape), 0, 255).astype(np.uint8)
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)  # type: ignore[no-any-return]


def mrz_page(lines: Sequence[str], *, width: int = 1400, font_px: int = 38) -> Frame:
    """A passport data page (or card back) with the MRZ in OCR-B at the bottom, grayscale."""
    font = ImageFont.truetype(str(OCR_B_FONT), font_px)
    line_w = font.getbbox(max(lines, key=len))[2]
    width = max(width, line_w + 120)
    height = int(width * 0.7)
    page = Image.new("L", (width, height), 236)
    draw = ImageDraw.Draw(page)
    label = ImageFont.truetype(str(OCR_B_FONT), font_px // 2)
    draw.text((60, 40), "SPECIMEN  UTOPIA", font=label, fill=40)
    draw.rectangle((60, 100, 60 + width // 4, 100 + width // 3), outline=90, width=3)
    y = height - 60 - len(lines) * int(font_px * 1.5)
    for line in lines:
        draw.text(((width - line_w) // 2, y), line, font=font, fill=15)
        y += int(font_px * 1.5)
    return np.array(page, dtype=np.uint8)
