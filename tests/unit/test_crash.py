"""Crash reports name the code that failed and nothing an applicant said."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.crash import crash_report, install_excepthook, write_crash_file


def _fail_with_applicant_data() -> None:
    applicant = {"name": "Maria Lopez", "dob": "1990-01-01"}
    raise ValueError(f"cannot parse {applicant}")


def _caught() -> ValueError:
    try:
        _fail_with_applicant_data()
    except ValueError as error:
        return error
    raise AssertionError("unreachable")


def test_report_has_locations_but_no_values() -> None:
    report = crash_report(_caught())
    assert "builtins.ValueError" in report
    assert "_fail_with_applicant_data" in report
    assert "test_crash.py" in report
    assert "Maria" not in report and "1990" not in report


def test_crash_file_is_written(tmp_path: Path) -> None:
    path = write_crash_file(tmp_path / "crash", _caught())
    text = path.read_text()
    assert "Maria" not in text
    assert "ValueError" in text


def test_excepthook_writes_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(tmp_path)
    error = _caught()
    sys.excepthook(type(error), error, error.__traceback__)
    (report,) = tmp_path.glob("crash-*.txt")
    assert "Maria" not in report.read_text()
