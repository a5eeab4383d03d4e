"""`kiosk doctor`: the field-health report on the command line, signed in or (`--no-vault`) not."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from typing import Any

from kiosk.capture.sources import list_cameras
from kiosk.cli import print_json
from kiosk.clock import utc_now
from kiosk.doctor.intake import PROBE_TIMEOUT_S, probe_intake
from kiosk.doctor.model import DoctorReport, Status
from kiosk.doctor.run import run_checks
from kiosk.errors import InvalidInput
from kiosk.vault.cli import add_data_dir_arg, data_dir_of, open_session

_MARKS = {Status.OK: "ok  ", Status.WARN: "WARN", Status.FAIL: "FAIL"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "doctor", help="check cameras, disk, clock, vault, keys, intake and backlog"
    )
    add_data_dir_arg(p)
    p.add_argument("--user", help="staff user name (not needed with --no-vault)")
    p.add_argument("--password-file", help="file whose first line is the password ('-': stdin)")
    p.add_argument(
        "--no-vault",
        action="store_true",
        help="machine checks only (cameras, disk, clock), without signing in",
    )
    p.add_argument("--timeout", type=float, default=PROBE_TIMEOUT_S, help="intake check, seconds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    """Exit 0 when nothing failed (warnings allowed), 1 when a check failed."""
    data_dir = data_dir_of(args)
    probe = partial(probe_intake, timeout=args.timeout)
    if args.no_vault:
        report = run_checks(
            None, data_dir, clock=utc_now, camera_lister=list_cameras, intake_probe=probe
        )
    else:
        if not args.user or not args.password_file:
            raise InvalidInput("Give --user and --password-file, or --no-vault for machine checks.")
        session = open_session(args)
        try:
            report = run_checks(
                session,
                data_dir,
                clock=session.clock,
                camera_lister=list_cameras,
                intake_probe=probe,
            )
        finally:
            session.close()
    if args.json:
        print_json(report.to_json())
    else:
        sys.stdout.write(render_text(report))
    return 0 if report.ok else 1


def render_text(report: DoctorReport) -> str:
    width = max((len(c.id) for c in report.checks), default=0)
    lines = [f"[{_MARKS[c.status]}] {c.id.ljust(width)}  {c.summary}" for c in report.checks]
    warnings = sum(c.status is Status.WARN for c in report.checks)
    failures = sum(c.status is Status.FAIL for c in report.checks)
    if failures:
        lines.append(f"{failures} failed, {warnings} warning(s): see docs/field-health.md.")
    else:
        lines.append(f"Nothing failed ({warnings} warning(s)).")
    return "\n".join(lines) + "\n"
