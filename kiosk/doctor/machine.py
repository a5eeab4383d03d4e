"""Checks that need no sign-in: cameras, free disk space and the system clock."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from kiosk.capture.sources import CameraInfo
from kiosk.config import Settings
from kiosk.doctor.model import Check, Detail, Status
from kiosk.guardrails import MB, DiskUsageProbe, Level, disk_reasons
from kiosk.vault.vault import DB_FILENAME, HEADER_FILENAME

CameraLister = Callable[[], Sequence[CameraInfo]]

# Outside these years the clock was reset (a dead CMOS battery says 2000 or 1970) or mistyped.
SANE_YEARS = range(2025, 2046)
# Time servers and hand-set clocks drift; beyond this a seal's time or a receipt's looks wrong.
CLOCK_TOLERANCE_S = 300
VAULT_FILES = (DB_FILENAME, DB_FILENAME + "-wal", HEADER_FILENAME)


def check_cameras(camera_lister: CameraLister) -> Check:
    try:
        cameras = list(camera_lister())
    except Exception as error:  # a camera driver may fail any way: report it, do not crash
        return Check(
            "cameras",
            Status.WARN,
            "Looking for cameras failed. Unplug the webcam, plug it in again and re-run the check.",
            {"count": 0, "error": type(error).__name__},
        )
    if not cameras:
        return Check(
            "cameras",
            Status.WARN,
            "No camera found. Plug in the webcam and re-run the check. Without one the photo "
            "step cannot take a photo (only the demo uses a synthetic camera).",
            {"count": 0},
        )
    noun = "camera" if len(cameras) == 1 else "cameras"
    return Check("cameras", Status.OK, f"{len(cameras)} {noun} found.", {"count": len(cameras)})


def existing_folder(path: Path) -> Path:
    """The folder itself or its nearest existing parent: a technician may check before `init`."""
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def free_bytes(data_dir: Path, disk_usage: DiskUsageProbe) -> int:
    return int(disk_usage(existing_folder(data_dir)).free)


def check_disk(free: int, settings: Settings) -> Check:
    details: dict[str, Detail] = {
        "free_mb": free // MB,
        "warn_below_mb": settings.disk_warn_mb,
        "fail_below_mb": settings.disk_block_mb,
    }
    reasons = disk_reasons(free, settings)
    if not reasons:
        return Check("disk", Status.OK, f"{free // MB} MB free on the data disk.", details)
    reason = reasons[0]
    status = Status.FAIL if reason.level is Level.BLOCK else Status.WARN
    return Check("disk", status, reason.text, {**details, "code": reason.code})


def newest_vault_write(data_dir: Path) -> datetime | None:
    """When the vault's files last changed, by this machine's own clock."""
    times = []
    for name in VAULT_FILES:
        with contextlib.suppress(OSError):
            times.append(datetime.fromtimestamp((data_dir / name).stat().st_mtime, UTC))
    return max(times, default=None)


def check_clock(
    now: datetime, last_write: datetime | None, server_time: datetime | None = None
) -> Check:
    """Warn (never fail) on an implausible year, a clock behind our own records, or skew."""
    problems = []
    details: dict[str, Detail] = {"year": now.year}
    if now.year not in SANE_YEARS:
        problems.append(
            f"The clock says the year is {now.year}. Set the date and time before enrolling: "
            "records and receipts carry it."
        )
    if last_write is not None:
        behind = int((last_write - now).total_seconds())
        details["behind_last_write_s"] = max(behind, 0)
        if behind > CLOCK_TOLERANCE_S:
            problems.append(
                f"The clock is {span_text(behind)} behind the last thing this kiosk saved: it was "
                "set back. Check the date, time and time zone."
            )
    if server_time is not None:
        skew = int((now - server_time).total_seconds())
        details["intake_skew_s"] = skew
        if abs(skew) > CLOCK_TOLERANCE_S:
            side = "ahead of" if skew > 0 else "behind"
            problems.append(
                f"The clock is {span_text(abs(skew))} {side} the intake's. Check the date, "
                "time and time zone."
            )
    if problems:
        return Check("clock", Status.WARN, " ".join(problems), details)
    return Check("clock", Status.OK, "The clock looks right.", details)


def span_text(seconds: int) -> str:
    """A duration as a supervisor would say it: minutes, hours or days."""
    if seconds >= 2 * 86400:
        return f"{seconds // 86400} days"
    if seconds >= 2 * 3600:
        return f"{seconds // 3600} hours"
    return f"{max(seconds // 60, 1)} minutes"
