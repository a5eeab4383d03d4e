"""Fuzzing the CSV reader: any input ends in rows, row problems or a clean KioskError."""

from __future__ import annotations

import csv
import io
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.appointments.csvfile import parse_csv
from kiosk.appointments.errors import FileUnreadable
from kiosk.appointments.rows import COLUMNS, RowInvalid, check_row
from kiosk.errors import KioskError

TODAY = date(2026, 11, 23)
REASONS = {
    "missing",
    "not_a_confirmation_code",
    "not_a_date",
    "not_a_time",
    "too_long",
    "not_a_name",
    "out_of_range",
    "not_a_phone_number",
    "not_an_email_address",
    "not_a_language_code",
    "unknown_application_type",
    "not_yes_or_no",
    "duplicate_in_file",
    "too_many_cells",
}
cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2026-11-23", "11/23/2026", "9:30 am", "AB-1001", "yes", "es", "new", ""]),
)


def _check(data: bytes) -> None:
    try:
        parsed = parse_csv(data, TODAY)
    except KioskError as error:
        assert isinstance(error, FileUnreadable)
        return
    for problem in parsed.problems:
        assert problem.reason in REASONS and problem.row >= 2
        assert problem.column is None or problem.column in COLUMNS


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    _check(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from([*COLUMNS, "notes", "Ça va"]), min_size=1, max_size=12),
    rows=st.lists(st.lists(cell, max_size=13), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_spreadsheet_shaped_files(
    header: list[str], rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    try:
        data = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = out.getvalue().encode("utf-8")
    _check(data)


@settings(deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS), cell))
def test_rows_from_the_intake(cells: dict[str, str]) -> None:
    try:
        row = check_row(cells, TODAY)
    except RowInvalid as problem:
        assert problem.reason in REASONS and problem.column in COLUMNS
    else:
        assert check_row(row.to_wire(), TODAY) == row
