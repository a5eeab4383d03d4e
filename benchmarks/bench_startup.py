"""Startup budgets: time to the main window's first paint, and `kiosk --version`, venv and bundle.

Each figure is the median of fresh processes (one warm-up run first, not counted), timed from
just before the process starts to the moment its output arrives. The GUI runs `kiosk --demo`
offscreen with KIOSK_EXIT_AFTER_FIRST_PAINT=1 (ui/first_paint.py), which prints a marker at the
first paint and quits. The bundle (dist/kiosk, or --bundle DIR) is measured when it exists.
`help_s` (`kiosk --help`, which builds the full parser) is what `--version` cost before it
learned to answer early.

Last line: one JSON object. `--quick` runs fewer rounds. Budget (DESIGN.md): first_paint_s <= 2.0.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "kiosk-first-paint"  # ui.first_paint.MARKER; not imported, so this file needs no Qt
BUDGET_FIRST_PAINT_S = 2.0
TIMEOUT_S = 120

# The venv's GUI exactly as `kiosk --demo` starts it, plus the probe (installed before Qt starts).
VENV_GUI = (
    "import sys\n"
    "from ui.first_paint import install\n"
    "install()\n"
    "from ui.launcher import main\n"
    "sys.argv = ['kiosk', '--demo']\n"
    "sys.exit(main())\n"
)


def gui_env() -> dict[str, str]:
    env = dict(os.environ, KIOSK_EXIT_AFTER_FIRST_PAINT="1", KIOSK_LOG_LEVEL="WARNING")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def time_first_paint(command: Sequence[str]) -> float:
    started = time.perf_counter()
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=gui_env(),
        cwd=ROOT,
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip() == MARKER:
                elapsed = time.perf_counter() - started
                break
        else:
            _, err = process.communicate(timeout=TIMEOUT_S)
            raise SystemExit(f"bench_startup: {command[0]} never painted: {err.strip()[-500:]}")
        process.communicate(timeout=TIMEOUT_S)
    if process.returncode != 0:
        raise SystemExit(f"bench_startup: {command[0]} exited with {process.returncode}")
    return elapsed


def time_run(command: Sequence[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_S, cwd=ROOT)
    return time.perf_counter() - started


def median_of(
    measure: Callable[[Sequence[str]], float], command: Sequence[str], rounds: int
) -> float:
    measure(command)  # warm-up: the first start after a build reads everything from disk
    return round(statistics.median(measure(command) for _ in range(rounds)), 3)


def venv_python() -> str:
    candidate = ROOT / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 7")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "kiosk")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    python = venv_python()
    kiosk_script = str(Path(python).parent / "kiosk")
    venv_kiosk = [kiosk_script] if Path(kiosk_script).exists() else [python, "-m", "ui"]
    bundled = args.bundle / ("kiosk.exe" if os.name == "nt" else "kiosk")

    first_paint = median_of(time_first_paint, [python, "-c", VENV_GUI], rounds)
    result: dict[str, object] = {
        "benchmark": "bench_startup",
        "quick": args.quick,
        "rounds": rounds,
        "cpus": os.cpu_count(),
        "version_s": median_of(time_run, [*venv_kiosk, "--version"], rounds),
        "help_s": median_of(time_run, [*venv_kiosk, "--help"], rounds),
        "first_paint_s_bundle": None,
        "version_s_bundle": None,
    }
    if bundled.exists():
        result["first_paint_s_bundle"] = median_of(
            time_first_paint, [str(bundled), "--demo"], rounds
        )
        result["version_s_bundle"] = median_of(time_run, [str(bundled), "--version"], rounds)
    result |= {
        "first_paint_s": first_paint,
        "budgets": {"first_paint_s": BUDGET_FIRST_PAINT_S},
        "within_budget": first_paint <= BUDGET_FIRST_PAINT_S,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
