"""Crash reports for bugs: where it broke (files, lines, functions), never values or messages.

Exception messages and local variables can hold applicant data, so a crash file records only the
exception type and the stack's code locations.
"""

from __future__ import annotations

import logging
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from kiosk.vault.files import atomic_write_bytes

log = logging.getLogger("kiosk.crash")


def crash_report(error: BaseException) -> str:
    lines = [f"{type(error).__module__}.{type(error).__qualname__}"]
    for frame in traceback.extract_tb(error.__traceback__):
        lines.append(f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_crash_file(folder: Path, error: BaseException) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"crash-{stamp}.txt"
    atomic_write_bytes(path, crash_report(error).encode(), what="a crash report")
    return path


def install_excepthook(folder: Path) -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        error.__traceback__ = tb
        try:
            path = write_crash_file(folder, error)
            log.error("unexpected error; crash report in %s", path)
        except Exception:
            log.error("unexpected error %s; crash report could not be written", kind.__name__)

    sys.excepthook = hook
