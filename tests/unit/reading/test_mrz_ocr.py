"""MRZ from OCR: position-aware correction and line assembly (pure), then rapidocr itself."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from kiosk.reading.mrz import TD1, TD3, check_digit
from kiosk.reading.mrz_ocr import (
    MrzOcr,
    OcrLine,
    clean_text,
    correct_line,
    down_direction,
    fit_length,
    mrz_from_lines,
    ocr_available,
)
from kiosk.reading.reader import read_image

from .conftest import TODAY
from .fixtures import TD1_SPECIMEN, TD2_SPECIMEN, TD3_SPECIMEN, mrz_page, place_in_frame

ROOT = Path(__file__).resolve().parents[3]


def test_correction_follows_the_field_type() -> None:
    # What OCR typically returns: O for 0 in the issuer, 0 for O in names, S and B in dates.
    read = "L898902C36UT07408l22F12O4159ZE184226B<<<<<1O"
    fixed = correct_line(clean_text(read), TD3.masks[1])
    assert fixed == TD3_SPECIMEN[1]


def test_names_line_digits_become_letters() -> None:
    assert (
        correct_line("ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<", TD1.masks[2])
        == "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )


def test_document_numbers_are_never_corrected() -> None:
    line = "I<UTOD23I45890O<<<<<<<<<<<<<<<"
    assert correct_line(line, TD1.masks[0])[5:14] == "D23I45890"


def test_clean_text_maps_filler_lookalikes() -> None:
    assert clean_text("p«uto eriksson‹‹anna") == "P<UTOERIKSSON<<ANNA"


@pytest.mark.parametrize(
    ("line", "length", "expected"),
    [
        ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<", 44, TD3_SPECIMEN[0]),
        ("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<<<", 44, TD3_SPECIMEN[0]),
        ("L898902C36UTO7408122F1204159ZE184226B<<<10", 44, TD3_SPECIMEN[1]),
        ("ABC", 5, "ABC<<"),
    ],
)
def test_fit_length_repairs_filler_runs(line: str, length: int, expected: str) -> None:
    assert fit_length(line, length) == expected


def test_assembly_orders_lines_and_ignores_other_text() -> None:
    lines = [
        OcrLine(TD3_SPECIMEN[1].replace("UTO", "UT0"), 900.0),
        OcrLine("PASSPORT", 10.0),
        OcrLine(TD3_SPECIMEN[0][:-3], 850.0),
        OcrLine("ERIKSSON", 200.0),
    ]
    result = mrz_from_lines(lines, today=TODAY)
    assert result is not None and result.valid
    assert result.document_format == "TD3"


def test_assembly_reports_a_failed_check_instead_of_guessing() -> None:
    damaged = TD2_SPECIMEN[1][:13] + "7408132" + TD2_SPECIMEN[1][20:]
    result = mrz_from_lines([OcrLine(TD2_SPECIMEN[0], 0), OcrLine(damaged, 1)], today=TODAY)
    assert result is not None and not result.valid
    assert "check_digit.birth_date" in result.problems


def test_no_mrz_lines() -> None:
    assert mrz_from_lines([OcrLine("REPUBLIC OF UTOPIA", 0.0)], today=TODAY) is None


# --- with the OCR engine: few, because each page costs about half a second ---------------


def test_ocr_reads_a_clean_td3_page(mrz_ocr: MrzOcr) -> None:
    result = mrz_ocr.read(mrz_page(TD3_SPECIMEN), today=TODAY)
    assert result is not None
    assert result.valid, result.problems
    assert result.to_json()["fields"]["document_number"] == "L898902C3"


def test_ocr_reads_a_rotated_noisy_td1_card_in_a_frame(mrz_ocr: MrzOcr) -> None:
    frame = place_in_frame(
        mrz_page(TD1_SPECIMEN), angle=-6.0, perspective=0.02, blur=1, noise=8.0, scale=0.85
    )
    result = read_image(frame, ocr=mrz_ocr, today=TODAY)
    assert result.valid, result.problems
    assert result.document_format == "TD1"
    assert result.fields is not None and result.fields.given_names == "ANNA MARIA"


def test_ocr_of_a_page_with_a_wrong_check_digit_is_invalid(mrz_ocr: MrzOcr) -> None:
    wrong = TD3_SPECIMEN[1][:27] + str((check_digit("120415") + 1) % 10) + TD3_SPECIMEN[1][28:]
    page = cv2.cvtColor(mrz_page([TD3_SPECIMEN[0], wrong]), cv2.COLOR_GRAY2BGR)
    result = mrz_ocr.read(np.asarray(page, dtype=np.uint8), today=TODAY)
    assert result is not None
    assert not result.valid
    assert "check_digit.expiry_date" in result.problems
    assert result.fields is not None and result.fields.expiry_date is None
    assert result.to_json()["valid"] is False


@pytest.mark.slow  # a fresh process loads the models: ~3 s
def test_onnxruntime_telemetry_leaves_no_trace(tmp_path: Path) -> None:
    """Without ORT_DISABLE_TELEMETRY, onnxruntime writes a device id and event log to ~/.cache."""
    if not ocr_available():
        pytest.skip("the optional 'ocr' extra is not installed")
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env |= {"HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / ".cache")}
    code = "from kiosk.reading.mrz_ocr import MrzOcr; MrzOcr().warm_up()"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=120)
    assert list(tmp_path.rglob("*")) == []


def test_lines_of_a_page_turned_sideways_are_tried_in_both_orders() -> None:
    lines = [OcrLine(text, float(-index)) for index, text in enumerate(TD1_SPECIMEN)]
    result = mrz_from_lines(lines, today=TODAY)
    assert result is not None and result.valid


def testdown_direction_follows_the_long_side_of_the_boxes() -> None:
    # Three text lines running top to bottom (page turned 90 degrees), corners in any order.
    boxes = np.array(
        [
            [[300, 100], [340, 100], [340, 900], [300, 900]],
            [[200, 900], [200, 100], [240, 100], [240, 900]],
            [[100, 100], [140, 100], [140, 900], [100, 900]],
        ],
        dtype=np.float64,
    )
    down = down_direction(boxes)
    positions = boxes.mean(axis=1) @ down
    assert abs(abs(down[0]) - 1.0) < 1e-6
    assert len({round(p) for p in positions}) == 3
