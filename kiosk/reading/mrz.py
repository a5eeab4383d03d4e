"""ICAO 9303 machine-readable zones: TD1, TD2, TD3, MRV-A and MRV-B, with every check digit.

The parser never guesses: a failed check digit or an impossible date gives `valid=False` and a
problem code, and the field it could not trust is left empty. Text that is not an MRZ of a known
shape raises `MrzFormatError`, whose message never repeats the input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.reading.errors import MrzFormatError
from kiosk.reading.models import DocumentClass, DocumentFields, ReadKind, ReadResult

MRZ_LINE = re.compile(r"[A-Z0-9<]+")
_WEIGHTS = (7, 3, 1)
# Expiry dates further ahead than this are read as last century (YYMMDD has no century).
_EXPIRY_HORIZON_YEARS = 50


@dataclass(frozen=True, slots=True)
class Layout:
    """A document format: its shape and, per line, the kind of character each position holds.

    Field types: A letters (names, codes), N digits (dates, check digits), X letters or digits
    (document numbers, optional data), S sex (M, F, X or <). OCR correction reads these masks.
    """

    name: str
    lines: int
    length: int
    masks: tuple[str, ...]


def _mask(*runs: tuple[str, int]) -> str:
    return "".join(kind * count for kind, count in runs)


_NAMES_44 = _mask(("A", 44))
_NAMES_36 = _mask(("A", 36))
TD3 = Layout(
    "TD3",
    2,
    44,
    (
        _NAMES_44,
        _mask(("X", 9), ("N", 1), ("A", 3), ("N", 7), ("S", 1), ("N", 7), ("X", 14), ("N", 2)),
    ),
)
MRV_A = Layout(
    "MRV-A",
    2,
    44,
    (_NAMES_44, _mask(("X", 9), ("N", 1), ("A", 3), ("N", 7), ("S", 1), ("N", 7), ("X", 16))),
)
TD2 = Layout(
    "TD2",
    2,
    36,
    (
        _NAMES_36,
        _mask(("X", 9), ("N", 1), ("A", 3), ("N", 7), ("S", 1), ("N", 7), ("X", 7), ("N", 1)),
    ),
)
MRV_B = Layout(
    "MRV-B",
    2,
    36,
    (_NAMES_36, _mask(("X", 9), ("N", 1), ("A", 3), ("N", 7), ("S", 1), ("N", 7), ("X", 8))),
)
TD1 = Layout(
    "TD1",
    3,
    30,
    (
        _mask(("A", 5), ("X", 9), ("N", 1), ("X", 15)),
        _mask(("N", 7), ("S", 1), ("N", 7), ("A", 3), ("X", 11), ("N", 1)),
        _mask(("A", 30)),
    ),
)
LAYOUTS = (TD1, TD2, TD3, MRV_A, MRV_B)


def layout_for(lines: Sequence[str]) -> Layout:
    """The layout a set of lines has, from their count, length and document code."""
    shape = (len(lines), len(lines[0]) if lines else 0)
    if any(len(line) != shape[1] for line in lines):
        raise MrzFormatError("MRZ lines differ in length")
    is_visa = bool(lines) and lines[0][:1] == "V"
    match shape:
        case (3, 30):
            return TD1
        case (2, 36):
            return MRV_B if is_visa else TD2
        case (2, 44):
            return MRV_A if is_visa else TD3
    raise MrzFormatError("not an MRZ of a known shape (3x30, 2x36 or 2x44 characters)")


def char_value(char: str) -> int:
    if char.isdigit():
        return ord(char) - ord("0")
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == "<":
        return 0
    raise MrzFormatError("character outside the MRZ alphabet")


def check_digit(data: str) -> int:
    """ICAO 9303 part 3 check digit: weights 7, 3, 1 repeating, modulo 10."""
    return sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10


def _digit_ok(data: str, digit: str, *, filler_allowed: bool = False) -> bool:
    if filler_allowed and digit == "<" and set(data) <= {"<"}:
        return True
    return digit.isdigit() and int(digit) == check_digit(data)


def parse_mrz(lines: Sequence[str], *, today: date | None = None) -> ReadResult:
    """Parse MRZ lines (already split, upper case, no spaces) into a checked `ReadResult`."""
    lines = [line.strip() for line in lines]
    if not lines or any(not MRZ_LINE.fullmatch(line) for line in lines):
        raise MrzFormatError("MRZ lines may hold only A-Z, 0-9 and <")
    layout = layout_for(lines)
    today = today or date.today()
    if layout is TD1:
        return _parse_td1(lines, today)
    return _parse_two_line(layout, lines, today)


class _Checks:
    """Collects problem codes while fields are parsed."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def digit(self, name: str, data: str, digit: str, *, filler_allowed: bool = False) -> bool:
        ok = _digit_ok(data, digit, filler_allowed=filler_allowed)
        if not ok:
            self.problems.append(f"check_digit.{name}")
        return ok

    def result(
        self, layout: Layout, doc_code: str, issuer: str, fields: DocumentFields
    ) -> ReadResult:
        return ReadResult(
            kind=ReadKind.MRZ,
            valid=not self.problems,
            fields=fields,
            document_format=layout.name,
            document_class=_document_class(doc_code),
            issuer=_code(issuer),
            problems=tuple(self.problems),
        )


def _parse_two_line(layout: Layout, lines: Sequence[str], today: date) -> ReadResult:
    top, bottom = lines
    checks = _Checks()
    number, number_digit, optional = bottom[0:9], bottom[9], bottom[28:]
    number_data = number
    if layout is TD2 and number_digit == "<":
        # Long document number: it continues in the optional data, its check digit last.
        number, number_digit, number_data = _overflow_number(number, bottom[28:35])
    number_ok = checks.digit("document_number", number_data, number_digit)
    birth_ok = checks.digit("birth_date", bottom[13:19], bottom[19])
    expiry_ok = checks.digit("expiry_date", bottom[21:27], bottom[27])
    if layout is TD3:
        checks.digit("personal_number", optional[:14], bottom[42], filler_allowed=True)
        checks.digit("composite", bottom[0:10] + bottom[13:20] + bottom[21:43], bottom[43])
    elif layout is TD2:
        checks.digit("composite", bottom[0:10] + bottom[13:20] + bottom[21:35], bottom[35])
    family, given = split_names(top[5:])
    fields = DocumentFields(
        family_name=family,
        given_names=given,
        birth_date=_birth_date(bottom[13:19], today, checks) if birth_ok else None,
        expiry_date=_expiry_date(bottom[21:27], today, checks) if expiry_ok else None,
        sex=_sex(bottom[20], checks),
        document_number=_code(number) if number_ok else None,
        nationality=_code(bottom[10:13]),
    )
    return checks.result(layout, top[0:2], top[2:5], fields)


def _parse_td1(lines: Sequence[str], today: date) -> ReadResult:
    first, second, third = lines
    checks = _Checks()
    number, number_digit, number_data = first[5:14], first[14], first[5:14]
    if number_digit == "<":
        number, number_digit, number_data = _overflow_number(number, first[15:30])
    number_ok = checks.digit("document_number", number_data, number_digit)
    birth_ok = checks.digit("birth_date", second[0:6], second[6])
    expiry_ok = checks.digit("expiry_date", second[8:14], second[14])
    composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
    checks.digit("composite", composite, second[29])
    family, given = split_names(third)
    fields = DocumentFields(
        family_name=family,
        given_names=given,
        birth_date=_birth_date(second[0:6], today, checks) if birth_ok else None,
        expiry_date=_expiry_date(second[8:14], today, checks) if expiry_ok else None,
        sex=_sex(second[7], checks),
        document_number=_code(number) if number_ok else None,
        nationality=_code(second[15:18]),
    )
    return checks.result(TD1, first[0:2], first[2:5], fields)


def _overflow_number(head: str, optional: str) -> tuple[str, str, str]:
    """A document number longer than 9: the rest and its check digit open the optional data."""
    tail = optional.split("<", 1)[0]
    if not tail:
        return head, "<", head
    return head + tail[:-1], tail[-1], head + tail[:-1]


def split_names(field: str) -> tuple[str | None, str | None]:
    """Primary and secondary identifiers: `<<` separates them, `<` separates name parts."""
    field = field.rstrip("<")
    primary, _, secondary = field.partition("<<")
    family = " ".join(part for part in primary.split("<") if part)
    given = " ".join(part for part in secondary.split("<") if part)
    return family or None, given or None


def _code(value: str) -> str | None:
    value = value.strip("<")
    return value or None


def _sex(char: str, checks: _Checks) -> str | None:
    if char in ("M", "F"):
        return char
    if char in ("<", "X"):
        return "X"
    checks.problems.append("sex")
    return None


def _yymmdd(value: str, century: int) -> date | None:
    if not value.isdigit():
        return None
    try:
        return date(century + int(value[0:2]), int(value[2:4]), int(value[4:6]))
    except ValueError:
        return None


def _birth_date(value: str, today: date, checks: _Checks) -> date | None:
    parsed = _yymmdd(value, 2000)
    if parsed is not None and parsed > today:
        parsed = _yymmdd(value, 1900)
    if parsed is None:
        checks.problems.append("date.birth_date")
    return parsed


def _expiry_date(value: str, today: date, checks: _Checks) -> date | None:
    parsed = _yymmdd(value, 2000)
    if parsed is not None and parsed.year > today.year + _EXPIRY_HORIZON_YEARS:
        parsed = _yymmdd(value, 1900)
    if parsed is None:
        checks.problems.append("date.expiry_date")
    return parsed


def _document_class(doc_code: str) -> DocumentClass:
    kind = doc_code[:1]
    if kind == "P":
        return DocumentClass.PASSPORT
    if kind in ("I", "A", "C"):
        return DocumentClass.IDENTITY_CARD
    return DocumentClass.OTHER_TRAVEL_DOCUMENT
