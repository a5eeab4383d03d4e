"""Checking one appointment row (from a CSV file or the intake) field by field.

Problems are reported as (column, reason code) and never carry the value: a report or an error
line may be read over someone's shoulder or land in a terminal's scrollback.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date

from kiosk.appointments.model import APPLICATION_TYPES, AppointmentFields

COLUMNS = (
    "confirmation_code",
    "date",
    "time",
    "family_name",
    "given_names",
    "dob",
    "phone",
    "email",
    "language",
    "application_type",
    "cancelled",
)
REQUIRED = ("confirmation_code", "date", "time")
MAX_NAME = 100
MAX_EMAIL = 254
OLDEST_AGE_YEARS = 130

_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,31}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")  # what Excel makes of ISO dates in the US
_CLOCK = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*([AaPp][Mm])?")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_CHARS = re.compile(r"[0-9+()\-.\s]+")
_LANGUAGE_ALIASES = {"zh": "zh_Hans", "zh_hans": "zh_Hans", "zh_cn": "zh_Hans", "asl": "ase"}
_JOINERS = {"\u200c", "\u200d"}
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"", "no", "n", "false", "0"}


class RowInvalid(Exception):
    """Internal: one field's problem, turned into a RowProblem by the caller."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def column_key(header: str) -> str:
    """How a header cell is matched: case, spaces and hyphens do not matter."""
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def clean(value: str) -> str:
    """NFC, control and format characters removed (a stray BOM, bidi overrides), ends stripped.

    Zero-width (non-)joiners stay: they are part of how Persian, Bengali and other names are
    spelled."""
    text = unicodedata.normalize("NFC", value)
    kept = "".join(" " if c in "\t\r\n" else c for c in text)
    kept = "".join(
        c for c in kept if c in _JOINERS or unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"}
    )
    return " ".join(kept.split())


def parse_day(text: str, column: str) -> date:
    for pattern, order in ((_ISO_DATE, (1, 2, 3)), (_US_DATE, (3, 1, 2))):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                break
    raise RowInvalid(column, "not_a_date")


def _clock(text: str) -> str:
    match = _CLOCK.fullmatch(text.strip())
    if not match:
        raise RowInvalid("time", "not_a_time")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    half = (match.group(3) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            raise RowInvalid("time", "not_a_time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise RowInvalid("time", "not_a_time")
    return f"{hour:02d}:{minute:02d}"


def parse_slot(text: str) -> str:
    """`9:30`, `09:30`, `9:30 AM`, `9:30-10:00` -> `09:30` or `09:30-10:00`."""
    parts = [p for p in re.split(r"\s*[-–]\s*", text) if p]
    if len(parts) not in (1, 2) or len(text) > 40:
        raise RowInvalid("time", "not_a_time")
    return "-".join(_clock(p) for p in parts)


def _name(text: str, column: str) -> str:
    if len(text) > MAX_NAME:
        raise RowInvalid(column, "too_long")
    if text and not any(unicodedata.category(c).startswith("L") for c in text):
        raise RowInvalid(column, "not_a_name")
    return text


def _dob(text: str, today: date) -> date | None:
    if not text:
        return None
    born = parse_day(text, "dob")
    if born > today or today.year - born.year > OLDEST_AGE_YEARS:
        raise RowInvalid("dob", "out_of_range")
    return born


def _phone(text: str) -> str:
    if not text:
        return ""
    # Digits of any script are accepted and kept as 0-9, as the enrollment flow does.
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    digits = sum(c.isdigit() for c in text)
    if not _PHONE_CHARS.fullmatch(text) or not 7 <= digits <= 15:
        raise RowInvalid("phone", "not_a_phone_number")
    return text


def _email(text: str) -> str:
    if text and (len(text) > MAX_EMAIL or not _EMAIL.fullmatch(text)):
        raise RowInvalid("email", "not_an_email_address")
    return text


def _language(text: str) -> str:
    code = text.replace("-", "_")
    code = _LANGUAGE_ALIASES.get(code.lower(), code)
    head, _, rest = code.partition("_")
    code = head.lower() + ("_" + rest if rest else "")
    if code and not _LANGUAGE.fullmatch(code):
        raise RowInvalid("language", "not_a_language_code")
    return code


def _application_type(text: str) -> str | None:
    value = text.lower()
    if not value:
        return None
    if value not in APPLICATION_TYPES:
        raise RowInvalid("application_type", "unknown_application_type")
    return value


def _cancelled(text: str) -> bool:
    value = text.lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise RowInvalid("cancelled", "not_yes_or_no")


def check_row(cells: Mapping[str, str], today: date) -> AppointmentFields:
    """Validate one row given as {column: text}; raises RowInvalid naming the first bad field."""
    values = {column: clean(cells.get(column) or "") for column in COLUMNS}
    for column in REQUIRED:
        if not values[column]:
            raise RowInvalid(column, "missing")
    code = values["confirmation_code"].upper()
    if not _CODE.fullmatch(code):
        raise RowInvalid("confirmation_code", "not_a_confirmation_code")
    family = _name(values["family_name"], "family_name")
    given = _name(values["given_names"], "given_names")
    if not (family or given):
        raise RowInvalid("family_name", "missing")
    return AppointmentFields(
        code=code,
        day=parse_day(values["date"], "date"),
        time_slot=parse_slot(values["time"]),
        family_name=family,
        given_names=given,
        dob=_dob(values["dob"], today),
        phone=_phone(values["phone"]),
        email=_email(values["email"]),
        language=_language(values["language"]),
        application_type=_application_type(values["application_type"]),
        cancelled=_cancelled(values["cancelled"]),
    )
