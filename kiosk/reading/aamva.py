"""AAMVA DL/ID PDF417 payloads (versions 1 to 10) mapped to the kiosk's prefill fields.

Only the elements the scan contract needs are read. Elements some states use to mark
limited-term or non-domiciled credentials (DDA compliance type, DDD limited duration) are
deliberately never read: they can reveal a person's status, which the kiosk never records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial

from kiosk.reading.errors import AamvaFormatError
from kiosk.reading.models import Address, DocumentClass, DocumentFields, ReadKind, ReadResult

# "@", then the three separators, which keyboard wedges often drop or mangle (see wedge.py);
# some wedges swallow the "@" as well, and the "ANSI " + IIN that follows is unmistakable.
_HEADER = re.compile(
    r"@?[\s\x1c-\x1f]*(?P<type>ANSI ?|AAMVA)(?P<iin>\d{6})(?P<version>\d{2})(?P<rest>\d*)"
)
_DESIGNATOR = re.compile(r"([A-Z]{2})(\d{4})(\d{4})")
_SEPARATORS = re.compile(r"[\n\r\x1c-\x1f]+")
_ELEMENT = re.compile(r"([A-Z]{3})(.*)", re.DOTALL)
_NO_VALUE = {"", "NONE", "UNAVL", "UNAVAILABLE", "N/A"}
_CANADIAN_JURISDICTIONS = frozenset(
    "AB BC MB NB NL NS NT NU ON PE QC SK YT".split()  # noqa: SIM905 - a table reads better
)
_SEX = {"1": "M", "2": "F", "9": "X", "M": "M", "F": "F", "X": "X"}
_HIGHEST_KNOWN_VERSION = 10
# Worth telling staff, but not a failed check: the fields that were read can be trusted.
_INFORMATIONAL = frozenset({"aamva.version_unknown", "missing.sex", "missing.expiry_date"})


@dataclass(frozen=True, slots=True)
class AamvaHeader:
    iin: str
    version: int
    jurisdiction_version: int | None
    subfile_types: tuple[str, ...]


def looks_like_aamva(text: str) -> bool:
    return _HEADER.search(text[:64]) is not None


def parse_header(payload: str) -> tuple[AamvaHeader, str]:
    """The file header and everything after the subfile designators."""
    match = _HEADER.search(payload[:64])
    if match is None:
        raise AamvaFormatError("not an AAMVA payload (no '@ ... ANSI' header)")
    version = int(match["version"])
    digits = match["rest"]
    # Version 1 headers have no jurisdiction version: IIN, version, number of entries.
    jurisdiction: int | None = None
    if version >= 2 and len(digits) >= 4:
        jurisdiction, digits = int(digits[:2]), digits[2:]
    if len(digits) < 2:
        raise AamvaFormatError("AAMVA header is cut short")
    count = int(digits[:2])
    body = digits[2:] + payload[match.end() :]
    types: list[str] = []
    for _ in range(count):
        designator = _DESIGNATOR.match(body)
        if designator is None:
            break
        types.append(designator[1])
        body = body[designator.end() :]
    if not types:
        raise AamvaFormatError("AAMVA header lists no subfiles")
    return AamvaHeader(match["iin"], version, jurisdiction, tuple(types)), body


def parse_elements(header: AamvaHeader, body: str) -> dict[str, str]:
    """The DL/ID subfile's elements, found by their subfile type rather than by offset.

    Offsets are ignored on purpose: keyboard wedges drop or double control characters, which
    shifts every offset while the element codes stay intact.
    """
    wanted = [t for t in header.subfile_types if t in ("DL", "ID")]
    if not wanted:
        raise AamvaFormatError("AAMVA payload has no DL or ID subfile")
    elements: dict[str, str] = {}
    in_subfile = False
    for raw in _SEPARATORS.split(body):
        piece = raw.strip(" ")
        if piece in header.subfile_types:  # a bare type, when a wedge split it off
            in_subfile = piece in wanted
            continue
        if piece[:2] in header.subfile_types and _ELEMENT.fullmatch(piece[2:]):
            in_subfile = piece[:2] in wanted
            piece = piece[2:]
        match = _ELEMENT.fullmatch(piece)
        if in_subfile and match is not None:
            elements.setdefault(match[1], match[2].strip())
    if not elements:
        raise AamvaFormatError("AAMVA DL/ID subfile is empty")
    return elements


def parse_aamva(payload: str) -> ReadResult:
    """Parse a decoded PDF417 payload (control characters intact, or restored by wedge.py)."""
    header, body = parse_header(payload)
    elements = parse_elements(header, body)
    subfile = next(t for t in header.subfile_types if t in ("DL", "ID"))
    problems: list[str] = []
    if not 1 <= header.version <= _HIGHEST_KNOWN_VERSION:
        problems.append("aamva.version_unknown")

    state = _value(elements, "DAJ")
    country = _country(elements, state)
    family, given = _names(elements, header.version, problems)
    read_date = partial(_date, elements, version=header.version, country=country, problems=problems)
    fields = DocumentFields(
        family_name=family,
        given_names=given,
        birth_date=read_date("DBB", "birth_date"),
        expiry_date=read_date("DBA", "expiry_date"),
        sex=_sex(elements, problems),
        document_number=_value(elements, "DAQ"),
        address=Address(
            street=_join(_value(elements, "DAG"), _value(elements, "DAH")),
            city=_value(elements, "DAI"),
            state=state,
            postal_code=_postal_code(_value(elements, "DAK"), country),
            country=country,
        ),
    )
    for name in ("family_name", "birth_date", "document_number"):
        if getattr(fields, name) is None and not any(p.endswith(name) for p in problems):
            problems.append(f"missing.{name}")
    return ReadResult(
        kind=ReadKind.AAMVA,
        valid=not set(problems) - _INFORMATIONAL,
        fields=fields,
        document_format=f"AAMVA-{header.version:02d}",
        document_class=DocumentClass.DRIVER_LICENSE
        if subfile == "DL"
        else DocumentClass.IDENTITY_CARD,
        issuer=state,
        problems=tuple(problems),
    )


def _value(elements: dict[str, str], code: str) -> str | None:
    value = " ".join(elements.get(code, "").split())
    return None if value.upper() in _NO_VALUE else value


def _join(*parts: str | None) -> str | None:
    joined = " ".join(p for p in parts if p)
    return joined or None


def _names(
    elements: dict[str, str], version: int, problems: list[str]
) -> tuple[str | None, str | None]:
    family = _value(elements, "DCS") or _value(elements, "DAB")
    if version >= 4 or _value(elements, "DAC") is not None:
        raw = f"{_value(elements, 'DAC') or ''} {_value(elements, 'DAD') or ''}"
    else:
        # Versions 2 and 3: DCT holds all given names.
        raw = _value(elements, "DCT") or ""
    # Some jurisdictions separate several middle names with commas: the contract wants spaces.
    given = _join(*raw.replace(",", " ").split())
    if family is None and (full := _value(elements, "DAA")) is not None:
        # Version 1: DAA is "FAMILY,FIRST,MIDDLE"; without commas it cannot be split safely.
        parts = [p.strip() for p in full.split(",")]
        if len(parts) == 1:
            problems.append("aamva.name_unsplit")
        family, given = parts[0] or None, _join(*parts[1:])
    return family, given


def _country(elements: dict[str, str], state: str | None) -> str | None:
    printed = _value(elements, "DCG")
    if printed is not None:
        return printed
    if state is None:
        return None
    # Version 1 has no country element; the jurisdiction tells.
    return "CAN" if state in _CANADIAN_JURISDICTIONS else "USA"


def _date(
    elements: dict[str, str],
    code: str,
    name: str,
    *,
    version: int,
    country: str | None,
    problems: list[str],
) -> date | None:
    raw = _value(elements, code)
    if raw is None:
        problems.append(f"missing.{name}")
        return None
    # U.S. cards print MMDDCCYY from version 2 on; Canada and version 1 use CCYYMMDD. Real
    # cards break this, and the two orders never both give a plausible date, so try both.
    iso_first = country == "CAN" or version <= 1
    orders = ("ymd", "mdy") if iso_first else ("mdy", "ymd")
    for order in orders:
        parsed = _parse_date(raw, order)
        if parsed is not None:
            return parsed
    problems.append(f"date.{name}")
    return None


def _parse_date(raw: str, order: str) -> date | None:
    if len(raw) != 8 or not raw.isdigit():
        return None
    year, month, day = (
        (raw[0:4], raw[4:6], raw[6:8]) if order == "ymd" else (raw[4:8], raw[0:2], raw[2:4])
    )
    if not 1850 <= int(year) <= 2200:
        return None
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _sex(elements: dict[str, str], problems: list[str]) -> str | None:
    raw = _value(elements, "DBC")
    if raw is None:
        problems.append("missing.sex")
        return None
    sex = _SEX.get(raw.upper())
    if sex is None:
        problems.append("sex")
    return sex


def _postal_code(raw: str | None, country: str | None) -> str | None:
    if raw is None:
        return None
    if country in (None, "USA"):
        digits = raw.replace("-", "").replace(" ", "")
        # ZIP+4 ("123456789", "12345-6789", "123450000"): the contract keeps the 5-digit ZIP.
        if len(digits) >= 5 and digits[:5].isdigit():
            return digits[:5]
    return raw
