"""Reading never writes: a whole image-to-evidence pass runs with every file write forbidden."""

from __future__ import annotations

import builtins
import os
from pathlib import Path
from typing import Any

import cv2
import pytest

from kiosk.reading.evidence import Attestation, EvidencePolicy, build_evidence
from kiosk.reading.reader import read_image

from .fixtures import SAMPLE_ELEMENTS, aamva_payload, card_back, place_in_frame


def test_reading_and_building_evidence_write_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    frame = place_in_frame(card_back(aamva_payload(SAMPLE_ELEMENTS)), angle=7.0, scale=0.7)
    real_open = builtins.open
    writes: list[str] = []

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            writes.append(str(file))
        return real_open(file, mode, *args, **kwargs)

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        writes.append(str(args[:1]))
        raise AssertionError("reading tried to write a file")

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(cv2, "imwrite", forbidden)
    monkeypatch.setattr(os, "open", forbidden)
    monkeypatch.chdir(tmp_path)
    reading = read_image(frame, ocr=None)
    evidence = build_evidence(
        reading, EvidencePolicy.IMAGE, attestation=Attestation("enroller7"), image=frame
    )
    assert reading.valid
    assert evidence.image_jpeg
    assert writes == []
    assert list(tmp_path.iterdir()) == []
