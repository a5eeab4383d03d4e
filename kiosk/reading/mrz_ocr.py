"""Reading an MRZ from a camera image with rapidocr (the optional `ocr` extra).

OCR confuses 0/O, 1/I, 5/S and 8/B; the MRZ layout says which of the two each position may
hold, so the correction is exact where a position is letters-only or digits-only. Document
numbers may hold both and are never "corrected": their check digit decides, and a failure is
reported as `valid=False`, never patched by trying variants until one passes.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.reading.errors import MalformedPayload, OcrUnavailable
from kiosk.reading.models import ReadResult
from kiosk.reading.mrz import LAYOUTS, layout_for, parse_mrz

_TO_LETTER = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}
_TO_DIGIT = {
    "O": "0",
    "Q": "0",
    "D": "0",
    "I": "1",
    "L": "1",
    "S": "5",
    "B": "8",
    "Z": "2",
    "G": "6",
}
# Glyphs recognisers put where OCR-B prints the filler '<'.
_FILLER_LOOKALIKES = str.maketrans({"«": "<", "‹": "<", "〈": "<", "く": "<", "＜": "<"})
_NOT_MRZ = re.compile(r"[^A-Z0-9<]")
_MIN_LINE = 26  # shortest OCR text worth considering: a TD1 line with a few fillers lost
_MAX_SIDE = 1600  # pixels; larger frames are scaled down before OCR (speed, same accuracy)


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised line: its text and where it sits across the page (for ordering)."""

    text: str
    position: float


def clean_text(text: str) -> str:
    """Upper case, filler look-alikes to '<', and nothing outside the MRZ alphabet."""
    return _NOT_MRZ.sub("", text.upper().translate(_FILLER_LOOKALIKES))


def correct_line(line: str, mask: str) -> str:
    """Position-aware correction: digits in letter fields become letters, and the reverse."""
    out = []
    for char, kind in zip(line, mask, strict=False):
        if kind == "A":
            out.append(_TO_LETTER.get(char, char))
        elif kind == "N":
            out.append(_TO_DIGIT.get(char, char))
        else:
            out.append(char)
    return "".join(out) + line[len(mask) :]


def fit_length(line: str, length: int) -> str:
    """Resize a line to its layout's length by growing or shrinking its longest filler run.

    Recognisers miscount long runs of '<' more than anything else; a wrong repair here
    shows up as a failed check digit, never as a silently wrong field.
    """
    if len(line) == length:
        return line
    runs = list(re.finditer(r"<+", line))
    if not runs:
        return (line + "<" * length)[:length]
    run = max(runs, key=lambda m: len(m[0]))
    size = max(len(run[0]) + length - len(line), 0)
    fitted = line[: run.start()] + "<" * size + line[run.end() :]
    return (fitted + "<" * length)[:length]


def _candidate_groups(lines: Sequence[str]) -> list[tuple[int, list[str]]]:
    """Runs of consecutive lines that could be an MRZ: (line length, lines)."""
    out: list[tuple[int, list[str]]] = []
    for count, length in sorted({(layout.lines, layout.length) for layout in LAYOUTS}):
        for start in range(len(lines) - count + 1):
            group = list(lines[start : start + count])
            if all(abs(len(line) - length) <= 3 for line in group):
                out.append((length, group))
    return out


def mrz_from_lines(ocr_lines: Sequence[OcrLine], *, today: date | None = None) -> ReadResult | None:
    """The best MRZ reading among recognised lines, or None when none looks like an MRZ.

    Lines are tried top to bottom and, for pages turned sideways, bottom to top: the order is
    structure, not content, and the check digits reject a wrong one.
    """
    ordered = [clean_text(line.text) for line in sorted(ocr_lines, key=lambda line: line.position)]
    ordered = [line for line in ordered if len(line) >= _MIN_LINE]
    best: ReadResult | None = None
    for lines in (ordered, ordered[::-1]):
        for length, group in _candidate_groups(lines):
            result = _parse_group(group, length, today)
            if result is None:
                continue
            if result.valid:
                return result
            if best is None or len(result.problems) < len(best.problems):
                best = result
    return best


def _parse_group(group: Sequence[str], length: int, today: date | None) -> ReadResult | None:
    fitted = [fit_length(line, length) for line in group]
    try:
        layout = layout_for(fitted)
        corrected = [
            correct_line(line, mask) for line, mask in zip(fitted, layout.masks, strict=True)
        ]
        return parse_mrz(corrected, today=today)
    except MalformedPayload:
        return None


def down_direction(boxes: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The page's "down", across the text lines, from the boxes' long sides.

    The long side is the reading direction whatever the corner order of a box, so a page
    turned 90 degrees still gets its lines in order (or exactly reversed; both are tried).
    """
    first, second = boxes[:, 1] - boxes[:, 0], boxes[:, 2] - boxes[:, 1]
    longer = np.linalg.norm(first, axis=1) >= np.linalg.norm(second, axis=1)
    along = np.where(longer[:, None], first, second)
    along /= np.linalg.norm(along, axis=1, keepdims=True).clip(1e-6)
    # Give all boxes the sign of the longest line's direction before taking the median.
    reference = along[
        int(np.argmax(np.linalg.norm(np.where(longer[:, None], first, second), axis=1)))
    ]
    along *= np.where(along @ reference < 0, -1.0, 1.0)[:, None]
    direction = np.median(along, axis=0)
    return np.array([-direction[1], direction[0]])


class MrzOcr:
    """Owns one rapidocr engine (models load once, ~0.5 s) and reads MRZs with it.

    Thread-safe: rapidocr keeps per-call state on the engine, so calls are serialised.
    Raises `OcrUnavailable` when the `ocr` extra is not installed.
    """

    def __init__(self) -> None:
        if not ocr_available():
            raise OcrUnavailable(
                "reading a passport or ID card zone needs the optional OCR component "
                "(install the 'ocr' extra: rapidocr and onnxruntime)"
            )
        # onnxruntime 1.32 otherwise keeps a device id and an event database under
        # ~/.cache/Microsoft and sends it when online; read only when onnxruntime loads.
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
        rapidocr = importlib.import_module("rapidocr")
        self._engine: Any = rapidocr.RapidOCR(
            params={"Global.log_level": "error", "Global.use_cls": False}
        )
        self._lock = threading.Lock()

    def recognise(self, image: npt.NDArray[np.uint8]) -> list[OcrLine]:
        """Every text line on the image, with its position across the lines."""
        scale = min(1.0, _MAX_SIDE / max(image.shape[:2]))
        if scale < 1.0:
            image = np.asarray(
                cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA),
                dtype=np.uint8,
            )
        with self._lock:
            output = self._engine(image)
        if output.boxes is None or output.txts is None:
            return []
        boxes = np.asarray(output.boxes, dtype=np.float64)
        down = down_direction(boxes)
        centres = boxes.mean(axis=1)
        return [
            OcrLine(str(text), float(centre @ down))
            for text, centre in zip(output.txts, centres, strict=True)
        ]

    def read(self, image: npt.NDArray[np.uint8], *, today: date | None = None) -> ReadResult | None:
        """The MRZ on a page or card image, or None when there is none to read.

        A page held upside down is read again turned round; the angle classifier that rapidocr
        offers for this is off because it flipped single MRZ lines of upright pages.
        """
        result = mrz_from_lines(self.recognise(image), today=today)
        if result is None:
            result = mrz_from_lines(
                self.recognise(np.ascontiguousarray(image[::-1, ::-1])), today=today
            )
        return result

    def warm_up(self) -> None:
        """Read one synthetic line: the first real call would otherwise take ~1 s longer.
        Call it on a worker at start-up, never on the GUI thread."""
        sample = np.full((96, 900), 255, dtype=np.uint8)
        cv2.putText(sample, "P<UTO0123456789<<ABC", (10, 64), cv2.FONT_HERSHEY_SIMPLEX, 1.6, 0, 3)
        self.recognise(sample)


def ocr_available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr", "onnxruntime"))
