"""Shared fixtures for reading tests: a fixed 'today' and one OCR engine per test session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from kiosk.reading.mrz_ocr import MrzOcr, ocr_available

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def mrz_ocr() -> Iterator[MrzOcr]:
    """Loading the models takes ~0.5 s and the first call ~1 s more: do both once."""
    if not ocr_available():
        pytest.skip("the optional 'ocr' extra (rapidocr, onnxruntime) is not installed")
    engine = MrzOcr()
    engine.warm_up()
    yield engine
