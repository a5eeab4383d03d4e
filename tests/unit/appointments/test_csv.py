"""Reading appointment CSV files: encodings, delimiters, bad rows reported without their data."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.appointments.csvfile import WARN_CP1252, only_day, parse_csv
from kiosk.appointments.errors import FileUnreadable, NoValidRows, RowProblem, WrongDate
from kiosk.appointments.rows import parse_slot
from tests.unit.appointments.conftest import DAY, HEADER, ROWS, csv_bytes

TODAY = date(2026, 11, 23)


def test_utf8_with_and_without_bom_read_the_same() -> None:
    plain = parse_csv(csv_bytes(), TODAY)
    with_bom = parse_csv(csv_bytes(bom=True), TODAY)
    assert plain == with_bom and not plain.warnings and not plain.problems
    assert [r.code for r in plain.rows] == ["AB-1001", "AB-1002", "AB-1003", "AB-1004"]
    first = plain.rows[0]
    assert (first.family_name, first.given_names, first.dob) == (
        "Núñez",
        "Ana María",
        date(1990, 7, 4),
    )
    assert plain.rows[1].family_name == "محمد" and plain.rows[2].given_names == "秀英"
    assert plain.rows[2].language == "zh_Hans" and plain.rows[2].application_type is None


def test_names_keep_their_joiners_and_lose_stray_format_characters() -> None:
    persian = "مهرداد\u200cزاده"  # a zero-width non-joiner is part of the spelling
    rows = [f"AB-2101,{DAY},09:00,\u202e{persian},\ufeffসুমি\u200dতা,,,,fa,"]
    [row] = parse_csv(csv_bytes(rows), TODAY).rows
    assert row.family_name == persian and row.given_names == "সুমি\u200dতা"
    assert row.language == "fa"


def test_phone_digits_of_any_script_are_kept_as_ascii() -> None:
    rows = [f"AB-2201,{DAY},09:00,Lee,Kim,,٧١٨-٥٥٥-٠١٠٠,,,"]
    assert parse_csv(csv_bytes(rows), TODAY).rows[0].phone == "718-555-0100"


def test_excel_windows_1252_is_read_with_a_warning() -> None:
    rows = [f"AB-2001,{DAY},9:00 AM,Müller,Zoë,,,,fr,new"]
    parsed = parse_csv(csv_bytes(rows, encoding="cp1252"), TODAY)
    assert parsed.warnings == (WARN_CP1252,)
    assert (parsed.rows[0].family_name, parsed.rows[0].given_names) == ("Müller", "Zoë")
    assert parsed.rows[0].time_slot == "09:00"


def test_utf16_with_bom_as_excel_unicode_text() -> None:
    parsed = parse_csv(
        "\ufeff".encode("utf-16-le")[:0] + (HEADER + "\n" + ROWS[1]).encode("utf-16"), TODAY
    )
    assert parsed.rows[0].family_name == "محمد" and not parsed.warnings


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_delimiters(delimiter: str) -> None:
    parsed = parse_csv(csv_bytes(delimiter=delimiter), TODAY)
    assert len(parsed.rows) == 4 and not parsed.problems


def test_headers_are_matched_loosely_and_unknown_columns_ignored() -> None:
    header = "Confirmation Code,DATE,Time,Family-Name,given names,Notes,Ça"
    parsed = parse_csv(
        csv_bytes([f"ab-9,{DAY},14:00,Lee,Kim,private note,x"], header=header), TODAY
    )
    [row] = parsed.rows
    assert row.code == "AB-9" and row.time_slot == "14:00"
    assert parsed.ignored_columns == ("notes", "(unnamed)")
    assert "private note" not in repr(parsed)


def test_bad_rows_are_reported_by_number_without_their_contents() -> None:
    secret = "Zzyzxsecret"
    rows = [
        ROWS[0],
        f"A!,{DAY},09:00,{secret},X,,,,,",  # not a code
        f"AB-3001,{DAY},25:00,{secret},X,,,,,",
        f"AB-3002,{DAY},09:00,{secret},X,1990-02-30,,,,",
        f"AB-3003,{DAY},09:00,{secret},X,,call {secret},,,",
        f"AB-3004,{DAY},09:00,{secret},X,,,{secret},,",
        f"AB-3005,{DAY},09:00,{secret},X,,,,,{secret}",
        f"AB-3006,{DAY},09:00,,,,,,,",
        f"AB-1001,{DAY},09:00,{secret},X,,,,,",  # duplicate code
        f"AB-3007,{DAY},09:00,{secret},X,,,,,,extra",
        f"AB-3008,{DAY},09:00,12345,X,,,,,",
        "",
        f"AB-3009,not-a-date,09:00,{secret},X,,,,,",
    ]
    parsed = parse_csv(csv_bytes(rows), TODAY)
    assert [r.code for r in parsed.rows] == ["AB-1001"]
    assert parsed.problems == (
        RowProblem(3, "confirmation_code", "not_a_confirmation_code"),
        RowProblem(4, "time", "not_a_time"),
        RowProblem(5, "dob", "not_a_date"),
        RowProblem(6, "phone", "not_a_phone_number"),
        RowProblem(7, "email", "not_an_email_address"),
        RowProblem(8, "application_type", "unknown_application_type"),
        RowProblem(9, "family_name", "missing"),
        RowProblem(10, "confirmation_code", "duplicate_in_file"),
        RowProblem(11, None, "too_many_cells"),
        RowProblem(12, "family_name", "not_a_name"),
        RowProblem(14, "date", "not_a_date"),
    )
    assert secret not in repr(parsed) and secret not in str([p.to_dict() for p in parsed.problems])


def test_a_file_without_a_header_is_refused_without_quoting_its_first_row() -> None:
    data = "\n".join(ROWS).encode()
    with pytest.raises(FileUnreadable) as caught:
        parse_csv(data, TODAY)
    assert "Núñez" not in str(caught.value) and "AB-1001" not in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xef\xbb\xbf",
        b"\x81\x8d\x8f\x90\x9d",  # bytes that are neither UTF-8 nor Windows-1252
        b"\xff\xfe\x00\xd8",  # a UTF-16 BOM followed by a broken surrogate
        (HEADER + '\nAB-1,"unclosed\n').encode(),
        (HEADER + ",date\n").encode(),
        b"x" * (5 * 1024 * 1024 + 1),
    ],
)
def test_unreadable_files_are_clean_errors(data: bytes) -> None:
    with pytest.raises(FileUnreadable):
        parse_csv(data, TODAY)


def test_a_nul_byte_is_a_row_problem() -> None:
    parsed = parse_csv((HEADER + "\nAB-1001,\x00,09:00,A,B\n").encode(), TODAY)
    assert parsed.problems == (RowProblem(2, "date", "missing"),)


def test_only_the_import_day_is_kept_and_a_file_for_another_day_is_refused() -> None:
    rows = [*ROWS[:2], "AB-5001,2026-11-24,09:00,Lee,Kim,,,,,"]
    parsed = parse_csv(csv_bytes(rows), TODAY)
    today = only_day(parsed, TODAY)
    assert len(today.rows) == 2 and today.problems == (RowProblem(4, "date", "other_date"),)
    with pytest.raises(WrongDate, match="2026-11-23, 2026-11-24, not 2026-11-25"):
        only_day(parsed, date(2026, 11, 25))
    with pytest.raises(NoValidRows):
        only_day(parse_csv(csv_bytes([f"A!,{DAY},09:00,A,B"]), TODAY), TODAY)


def test_us_dates_as_excel_writes_them() -> None:
    parsed = parse_csv(csv_bytes(["AB-6001,11/23/2026,9:30-10:00 am,Lee,Kim,7/4/1990,,,,"]), TODAY)
    row = parsed.rows[0]
    assert (row.day, row.dob) == (TODAY, date(1990, 7, 4))
    assert row.time_slot == "09:30-10:00"


@pytest.mark.parametrize(
    ("text", "slot"),
    [("9", "09:00"), ("12:15 pm", "12:15"), ("12 AM", "00:00"), ("13:05 – 13:35", "13:05-13:35")],
)
def test_time_slots(text: str, slot: str) -> None:
    assert parse_slot(text) == slot


def test_cancelled_column() -> None:
    header = HEADER + ",cancelled"
    rows = [f"AB-7001,{DAY},09:00,Lee,Kim,,,,,,yes", f"AB-7002,{DAY},09:00,Lee,Kim,,,,,,maybe"]
    parsed = parse_csv(csv_bytes(rows, header=header), TODAY)
    assert parsed.rows[0].cancelled is True
    assert parsed.problems == (RowProblem(3, "cancelled", "not_yes_or_no"),)
