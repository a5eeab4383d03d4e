"""Which characters a font file can draw, read from its cmap table (Pillow cannot tell us)."""

from __future__ import annotations

import struct
from pathlib import Path

from kiosk.documents.errors import FontError


def _table(data: bytes, font_offset: int, tag: bytes) -> int | None:
    (count,) = struct.unpack_from(">H", data, font_offset + 4)
    for i in range(count):
        record = font_offset + 12 + 16 * i
        if data[record : record + 4] == tag:
            return int(struct.unpack_from(">I", data, record + 8)[0])
    return None


def _format4(data: bytes, at: int) -> set[int]:
    (seg_x2,) = struct.unpack_from(">H", data, at + 6)
    segments = seg_x2 // 2
    ends = struct.unpack_from(f">{segments}H", data, at + 14)
    starts_at = at + 16 + seg_x2
    starts = struct.unpack_from(f">{segments}H", data, starts_at)
    deltas = struct.unpack_from(f">{segments}h", data, starts_at + seg_x2)
    ranges_at = starts_at + 2 * seg_x2
    range_offsets = struct.unpack_from(f">{segments}H", data, ranges_at)
    covered: set[int] = set()
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        if start == 0xFFFF:
            continue
        for code in range(start, end + 1):
            if range_offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                where = ranges_at + 2 * i + range_offsets[i] + 2 * (code - start)
                (glyph,) = struct.unpack_from(">H", data, where)
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                covered.add(code)
    return covered


def _format12(data: bytes, at: int) -> set[int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    covered: set[int] = set()
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">3I", data, at + 16 + 12 * i)
        covered.update(range(start + (1 if glyph == 0 else 0), end + 1))
    return covered


def codepoints(path: Path, index: int = 0) -> frozenset[int]:
    """The code points font `index` of a .ttf/.otf/.ttc file maps to a real glyph."""
    try:
        data = path.read_bytes()
        font_offset = 0
        if data[:4] == b"ttcf":
            (font_offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
        cmap = _table(data, font_offset, b"cmap")
        if cmap is None:
            raise FontError(f"{path.name}: no cmap table")
        (count,) = struct.unpack_from(">H", data, cmap + 2)
        subtables: dict[int, int] = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            if (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
                subtables.setdefault(12, cmap + offset)
            elif (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)):
                subtables.setdefault(4, cmap + offset)
        for wanted, reader in ((12, _format12), (4, _format4)):
            at = subtables.get(wanted)
            if at is not None and struct.unpack_from(">H", data, at)[0] == wanted:
                return frozenset(reader(data, at))
    except (OSError, struct.error) as error:
        raise FontError(f"{path.name}: cannot read the font ({error})") from None
    raise FontError(f"{path.name}: no Unicode character map")
