"""Keyboard-wedge text: what a handheld scanner typed, turned back into MRZ lines or AAMVA data.

Handheld 2D scanners "type" what they read into whatever field has focus, and each model
mangles control characters its own way. Accepted (documented in docs/reading.md):
- control characters as themselves, as `<LF>`/`<CR>`/`<RS>`/`<GS>` (zxing's escaped mode and
  many scanners), or as typed escapes `\\n`, `\\r`, `\\x1e`, `\\u001e`;
- AAMVA payloads whose separators were dropped altogether: elements are split again at the
  known AAMVA element codes;
- MRZ lines separated by newlines, by typed `\\n`, or by spaces (MRZ lines never contain spaces),
  or run together (split by the only lengths that fit: 3x30, 2x36, 2x44); lower case is folded.
"""

from __future__ import annotations

import re
from datetime import date

from kiosk.reading.aamva import looks_like_aamva, parse_aamva
from kiosk.reading.errors import MalformedPayload, MrzFormatError
from kiosk.reading.models import ReadResult
from kiosk.reading.mrz import LAYOUTS, parse_mrz

_NAMED_CONTROLS = {"LF": "\n", "CR": "\r", "RS": "\x1e", "GS": "\x1d", "FS": "\x1c", "US": "\x1f"}
_NAMED = re.compile(r"<(LF|CR|RS|GS|FS|US)>", re.IGNORECASE)
_ESCAPED = re.compile(r"\\(n|r|x1[cdef]|u001[cdef])", re.IGNORECASE)
_ESCAPES = {"n": "\n", "r": "\r"}
# Element codes of the DL/ID subfile (AAMVA 2000-2020); used only to re-split glued payloads.
_KNOWN_CODES = (  # noqa: SIM905 - a table of codes reads better as one string
    "DAA DAB DAC DAD DAE DAF DAG DAH DAI DAJ DAK DAL DAM DAN DAO DAP DAQ DAR DAS DAT DAU DAV "
    "DAW DAX DAY DAZ DBA DBB DBC DBD DBE DBF DBG DBH DBI DBJ DBK DBL DBM DBN DBO DBP DBQ DBR "
    "DBS DCA DCB DCD DCE DCF DCG DCH DCI DCJ DCK DCL DCM DCN DCO DCP DCQ DCR DCS DCT DCU DDA "
    "DDB DDC DDD DDE DDF DDG DDH DDI DDJ DDK DDL"
).split()
_GLUED = re.compile("(?=(" + "|".join(_KNOWN_CODES) + "))")
_MRZ_SHAPES = {(layout.lines, layout.length) for layout in LAYOUTS}
_MAX_TEXT = 8192


def restore_controls(text: str) -> str:
    """Turn the spellings of control characters that scanners type back into the characters."""
    text = _NAMED.sub(lambda m: _NAMED_CONTROLS[m[1].upper()], text)

    def escape(match: re.Match[str]) -> str:
        code = match[1].lower()
        return _ESCAPES.get(code) or chr(int(code[1:], 16))

    return _ESCAPED.sub(escape, text)


def resplit_glued_aamva(payload: str) -> str:
    """Put element separators back when a scanner dropped them (each known code once)."""
    header = re.search(r"ANSI|AAMVA", payload)
    if header is None or payload.count("\n") + payload.count("\r") > 3:
        return payload
    header_end = header.end()
    # Candidates may overlap: "RICHMOND" + "DAJVA" holds "DDA" before "DAJ". A value ending in
    # letters runs into the next code, so of two overlapping candidates the later one wins.
    found = [(m.start(), m[1]) for m in _GLUED.finditer(payload, header_end)]
    seen: set[str] = set()
    parts: list[str] = []
    last = 0
    for index, (start, code) in enumerate(found):
        later = found[index + 1] if index + 1 < len(found) else None
        if code in seen or (later is not None and later[0] < start + 3 and later[1] not in seen):
            continue
        if start < last + 3 and parts:
            continue
        seen.add(code)
        parts.append(payload[last:start])
        last = start
    parts.append(payload[last:])
    return "\n".join(parts)


def mrz_lines(text: str) -> list[str]:
    """Split wedge text into MRZ lines; raises `MrzFormatError` when no known shape fits."""
    text = restore_controls(text).upper()
    lines = [line.strip() for line in re.split(r"[\r\n]+", text) if line.strip()]
    if len(lines) == 1:
        lines = lines[0].split()
    if (len(lines), len(lines[0]) if lines else 0) in _MRZ_SHAPES:
        return lines
    joined = "".join("".join(lines).split())
    for count, length in sorted(_MRZ_SHAPES):
        if len(joined) == count * length:
            return [joined[i * length : (i + 1) * length] for i in range(count)]
    raise MrzFormatError("text is not MRZ lines of a known shape")


def read_text(text: str, *, today: date | None = None) -> ReadResult:
    """Parse wedge input or pasted text: an AAMVA payload or MRZ lines.

    Raises `MalformedPayload` (or a subclass) when the text is neither; the message never
    repeats the text, which may hold a person's details.
    """
    if len(text) > _MAX_TEXT:
        raise MalformedPayload("scanned text is far longer than any document holds")
    restored = restore_controls(text)
    if looks_like_aamva(restored):
        return parse_aamva(resplit_glued_aamva(restored))
    if not text.strip():
        raise MalformedPayload("no scanned text was given")
    return parse_mrz(mrz_lines(text), today=today)
