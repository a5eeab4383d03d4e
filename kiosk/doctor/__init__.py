"""`kiosk doctor`: is this kiosk fit to enroll today? One report for the CLI and the GUI."""

from kiosk.doctor.intake import IntakeAnswer, IntakeProbe, probe_intake
from kiosk.doctor.model import Check, DoctorReport, Status
from kiosk.doctor.run import run_checks

__all__ = [
    "Check",
    "DoctorReport",
    "IntakeAnswer",
    "IntakeProbe",
    "Status",
    "probe_intake",
    "run_checks",
]
