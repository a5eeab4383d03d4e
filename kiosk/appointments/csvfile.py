"""Reading the program office's appointment CSV: encodings, delimiters, row-by-row checks.

The file is the office's, on its media: it is read into memory and never copied or rewritten.
Tolerated: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), Windows-1252
(Excel's plain "CSV" on Windows, with a warning, since that guess can be wrong), and `,`, `;` or
tab as the delimiter. Anything else is a clean FileUnreadable, never a crash.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from kiosk.appointments.errors import FileUnreadable, NoValidRows, RowProblem, WrongDate
from kiosk.appointments.model import AppointmentFields
from kiosk.appointments.rows import COLUMNS, REQUIRED, RowInvalid, check_row, column_key

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_FIELD = 4096
_DELIMITERS = (",", ";", "\t")
_PLAIN_COLUMN = re.compile(r"[a-z0-9_]{1,40}")

WARN_CP1252 = (
    "The file is not UTF-8: it was read as Windows-1252 (Excel). Check that names with accents "
    "look right; if not, save it from the spreadsheet as 'CSV UTF-8' and import it again."
)


@dataclass(frozen=True)
class ParsedFile:
    numbered: tuple[tuple[int, AppointmentFields], ...]  # (row number, row)
    problems: tuple[RowProblem, ...]
    warnings: tuple[str, ...] = ()
    ignored_columns: tuple[str, ...] = field(default=())

    @property
    def rows(self) -> tuple[AppointmentFields, ...]:
        return tuple(row for _, row in self.numbered)

    @property
    def days(self) -> set[date]:
        return {row.day for row in self.rows}


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """The file's text and any warning about how it was read."""
    if len(data) > MAX_BYTES:
        raise FileUnreadable(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), ()
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), ()
    except UnicodeDecodeError as error:
        raise FileUnreadable("The file says it is Unicode text but is damaged.") from error
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), (WARN_CP1252,)
    except UnicodeDecodeError as error:
        raise FileUnreadable(
            "The file is neither UTF-8 nor Windows-1252 text. Save it from the spreadsheet as "
            "'CSV UTF-8'."
        ) from error


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str) -> Iterator[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    while True:
        row_number += 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            # The csv module's messages quote nothing from the file, but say it in our words.
            raise FileUnreadable(
                f"Row {row_number} cannot be read as CSV (broken quoting or a NUL byte)."
            ) from error
        if any(len(cell) > MAX_FIELD for cell in record):
            raise FileUnreadable(f"Row {row_number} has a cell longer than {MAX_FIELD} characters.")
        yield record


def parse_csv(data: bytes, today: date) -> ParsedFile:
    """All rows of the file checked; bad rows become problems, the rest are returned."""
    text, warnings = decode(data)
    records = _records(text, _delimiter(text))
    header = next(records, None)
    if header is None:
        raise FileUnreadable("The file is empty.")
    keys = [column_key(cell) for cell in header]
    missing = [c for c in REQUIRED if c not in keys]
    if missing:
        # The first line may be data (a file without a header): never repeat what it holds.
        raise FileUnreadable(
            "The first row is not a header with the columns " + ", ".join(REQUIRED) + "."
        )
    duplicated = sorted({k for k in keys if k in COLUMNS and keys.count(k) > 1})
    if duplicated:
        raise FileUnreadable("The header has these columns twice: " + ", ".join(duplicated) + ".")
    ignored = tuple(
        k if _PLAIN_COLUMN.fullmatch(k) else "(unnamed)" for k in keys if k not in COLUMNS
    )
    rows: list[tuple[int, AppointmentFields]] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=2):
        if index - 1 > MAX_ROWS:
            raise FileUnreadable(f"The file has more than {MAX_ROWS} rows.")
        if not any(cell.strip() for cell in record):
            continue  # blank lines, often at the end of exported files
        if len(record) > len(keys):
            problems.append(RowProblem(index, None, "too_many_cells"))
            continue
        cells = {k: v for k, v in zip(keys, record, strict=False) if k in COLUMNS}
        try:
            row = check_row(cells, today)
        except RowInvalid as problem:
            problems.append(RowProblem(index, problem.column, problem.reason))
            continue
        if row.code in seen:
            problems.append(RowProblem(index, "confirmation_code", "duplicate_in_file"))
            continue
        seen.add(row.code)
        rows.append((index, row))
    return ParsedFile(tuple(rows), tuple(problems), warnings, ignored)


def only_day(parsed: ParsedFile, day: date) -> ParsedFile:
    """Keep the rows for `day`; refuse a file that has none for it (and some for other days)."""
    if not parsed.numbered:
        raise NoValidRows("No row of the file can be used; see the problems by row number.")
    if day not in parsed.days:
        found = ", ".join(sorted(d.isoformat() for d in parsed.days))
        raise WrongDate(
            f"The file is for {found}, not {day.isoformat()}. To import it anyway, give its "
            "date explicitly (--date)."
        )
    kept = tuple((n, row) for n, row in parsed.numbered if row.day == day)
    others = tuple(
        RowProblem(n, "date", "other_date") for n, row in parsed.numbered if row.day != day
    )
    problems = tuple(sorted(parsed.problems + others, key=lambda p: p.row))
    return ParsedFile(kept, problems, parsed.warnings, parsed.ignored_columns)
