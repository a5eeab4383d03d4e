"""`run_checks`: every check in a fixed order; clock, cameras, disk and network injected."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.clock import Clock
from kiosk.config import Settings
from kiosk.doctor.intake import IntakeAnswer, IntakeProbe, check_intake
from kiosk.doctor.machine import (
    CameraLister,
    check_cameras,
    check_clock,
    check_disk,
    free_bytes,
    newest_vault_write,
)
from kiosk.doctor.model import DoctorReport
from kiosk.doctor.vault_checks import check_backlog, check_vault, load_keys, newest_audit_time
from kiosk.guardrails import DiskUsageProbe
from kiosk.settings_store import load_settings
from kiosk.staff import Session


def run_checks(
    session: Session | None,
    data_dir: Path,
    *,
    clock: Clock,
    camera_lister: CameraLister,
    intake_probe: IntakeProbe,
    disk_usage: DiskUsageProbe = shutil.disk_usage,
    settings: Settings | None = None,
) -> DoctorReport:
    """All checks; without a session only the machine ones (cameras, disk, clock).

    With a session, call it on the thread that owns the vault; the intake probe may wait up to
    its timeout (3 s by default).
    """
    now = clock()
    if settings is None:
        settings = load_settings(session.vault.conn) if session else Settings()
    cameras = check_cameras(camera_lister)
    disk = check_disk(free_bytes(data_dir, disk_usage), settings)
    last_write = newest_vault_write(data_dir)
    if session is None:
        return DoctorReport((cameras, disk, check_clock(now, last_write)))
    audit_time = newest_audit_time(session)
    if audit_time is not None:
        last_write = max(last_write, audit_time) if last_write else audit_time
    vault = check_vault(session)
    identity, keys = load_keys(session)
    answer: IntakeAnswer | None = intake_probe(identity) if identity else None
    clock_check = check_clock(now, last_write, answer.server_time if answer else None)
    return DoctorReport(
        (
            cameras,
            disk,
            clock_check,
            vault,
            keys,
            check_intake(identity, answer),
            check_backlog(session, settings, now),
        )
    )
