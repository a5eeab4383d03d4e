"""bench_reading: PDF417 on a skewed 1920x1080 frame, and MRZ OCR per page.

Budgets (DESIGN.md): pdf417_ms <= 150 (median, whole find + deskew + decode path on a frame
zxing alone cannot read), mrz_ms <= 1500 (median per page through `read_image`, after the
engine's one-off load and warm-up, which are reported separately). Frames are synthetic and
made in memory (tests/unit/reading/fixtures.py). The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.reading.mrz_ocr import MrzOcr
from kiosk.reading.pdf417 import decode_exact, read_pdf417, to_gray
from kiosk.reading.reader import read_image
from tests.unit.reading.fixtures import (
    SAMPLE_ELEMENTS,
    TD1_SPECIMEN,
    TD2_SPECIMEN,
    TD3_SPECIMEN,
    aamva_payload,
    card_back,
    mrz_page,
    place_in_frame,
)

PDF417_BUDGET_MS = 150.0
MRZ_BUDGET_MS = 1500.0


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def bench_pdf417(runs: int) -> dict[str, float | bool]:
    payload = aamva_payload(SAMPLE_ELEMENTS)
    frame = place_in_frame(
        card_back(payload), angle=9.0, perspective=0.04, blur=1, noise=5.0, scale=0.65
    )
    assert frame.shape == (1080, 1920, 3)
    straight_fails = decode_exact(to_gray(frame)) is None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        decoded = read_pdf417(frame)
        times.append(_ms(start))
        if decoded != payload:
            raise SystemExit("bench_reading: the skewed PDF417 frame was not decoded")
    return {
        "pdf417_ms": round(statistics.median(times), 1),
        "pdf417_max_ms": round(max(times), 1),
        "pdf417_needed_deskew": straight_fails,
    }


def bench_mrz(repeats: int) -> dict[str, float | int]:
    pages = [
        mrz_page(TD3_SPECIMEN),
        place_in_frame(
            mrz_page(TD1_SPECIMEN), angle=-6.0, perspective=0.02, blur=1, noise=8.0, scale=0.85
        ),
        place_in_frame(
            mrz_page(TD2_SPECIMEN), angle=4.0, noise=6.0, scale=0.9, frame_size=(1600, 1200)
        ),
    ]
    start = time.perf_counter()
    ocr = MrzOcr()
    load_ms = _ms(start)
    start = time.perf_counter()
    ocr.warm_up()
    warm_ms = _ms(start)
    times, valid = [], 0
    for _ in range(repeats):
        for page in pages:
            start = time.perf_counter()
            result = read_image(page, ocr=ocr)
            times.append(_ms(start))
            valid += int(result.valid)
    return {
        "mrz_ms": round(statistics.median(times), 1),
        "mrz_max_ms": round(max(times), 1),
        "mrz_pages": len(times),
        "mrz_valid": valid,
        "ocr_load_ms": round(load_ms, 1),
        "ocr_warm_up_ms": round(warm_ms, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (CI smoke)")
    args = parser.parse_args()
    pdf417 = bench_pdf417(runs=5 if args.quick else 30)
    mrz = bench_mrz(repeats=1 if args.quick else 3)
    figures: dict[str, object] = {"benchmark": "bench_reading", "quick": args.quick}
    figures |= pdf417 | mrz
    figures["pdf417_ok"] = pdf417["pdf417_ms"] <= PDF417_BUDGET_MS
    figures["mrz_ok"] = mrz["mrz_ms"] <= MRZ_BUDGET_MS
    print(json.dumps(figures, sort_keys=True))
    return 0 if figures["pdf417_ok"] and figures["mrz_ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
