"""No field, option, message or comment about immigration, citizenship or legal status.

Scans every file under kiosk/enrollment as text (code, strings, docstrings and comments): the
kiosk never asks, stores, logs or infers such a thing, so its enrollment code never names it.
"""

from __future__ import annotations

import re
from pathlib import Path

import kiosk.enrollment

ENROLLMENT = Path(kiosk.enrollment.__file__).parent
FORBIDDEN = (
    r"immigra",
    r"emigra",
    r"citizen",
    r"naturali[sz]",
    r"legal[ _-]?status",
    r"lawful",
    r"undocumented",
    r"\bvisas?\b",
    r"nationalit",
    r"\baliens?\b",
    r"asylum",
    r"refugee",
    r"green[ _-]?card",
    r"permanent[ _-]?resident",
    r"deport",
    r"\bice\b",
    r"uscis",
    r"country[ _-]?of[ _-]?(birth|origin)",
    r"birth[ _-]?(place|country)",
    r"place[ _-]?of[ _-]?birth",
    r"\bssn\b",
    r"social[ _-]?security",
)


def test_the_scan_finds_what_it_looks_for() -> None:
    samples = ["Immigration", "CITIZENSHIP", "legal_status", "visa", "place of birth", "ICE"]
    for sample in samples:
        assert any(re.search(p, sample.casefold()) for p in FORBIDDEN), sample
    for harmless in ("device", "office", "notice", "service", "advisable", "revisable"):
        assert not any(re.search(p, harmless) for p in FORBIDDEN), harmless


def test_no_status_wording_anywhere_in_enrollment() -> None:
    files = sorted(ENROLLMENT.rglob("*.py"))
    assert len(files) > 10
    found = [
        f"{path.name}:{number}: {pattern}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for pattern in FORBIDDEN
        if re.search(pattern, line.casefold())
    ]
    assert found == []
