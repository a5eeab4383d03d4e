"""Application numbers: short, read aloud and typed without mistakes, checked, unique per kiosk.

Format `KKK-RRRR-RRRC`: Crockford base32 (digits and capitals without I, L, O, U), three
characters naming the kiosk (from its key id), seven random characters (35 bits), and a Luhn
mod 32 check character that catches any single wrong character and any swap of neighbours
except 0 with Z (Luhn's one blind spot, like 0 with 9 in base 10).
Reading it back forgives case, spaces, hyphens and the look-alikes O/0 and I/L/1.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE = len(ALPHABET)
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
PREFIX_LENGTH = 3
RANDOM_LENGTH = 7
LENGTH = PREFIX_LENGTH + RANDOM_LENGTH + 1


def kiosk_prefix(kiosk_id: str) -> str:
    value = int.from_bytes(hashlib.sha256(kiosk_id.encode("utf-8")).digest()[:4], "big")
    return "".join(ALPHABET[(value >> (5 * i)) % _BASE] for i in range(PREFIX_LENGTH))


def _luhn_sum(symbols: str, *, double_first: bool) -> int:
    total, double = 0, double_first
    for symbol in reversed(symbols):
        addend = _VALUE[symbol] * (2 if double else 1)
        total += addend // _BASE + addend % _BASE
        double = not double
    return total


def check_character(symbols: str) -> str:
    return ALPHABET[(-_luhn_sum(symbols, double_first=True)) % _BASE]


def format_number(symbols: str) -> str:
    return f"{symbols[:3]}-{symbols[3:7]}-{symbols[7:]}"


def new_application_number(
    kiosk_id: str, *, token: Callable[[int], int] = secrets.randbelow
) -> str:
    body = kiosk_prefix(kiosk_id) + "".join(ALPHABET[token(_BASE)] for _ in range(RANDOM_LENGTH))
    return format_number(body + check_character(body))


def normalise(text: str) -> str | None:
    """The canonical `KKK-RRRR-RRRC` spelling of a typed number, or None if it is not valid."""
    compact = "".join(text.upper().split()).replace("-", "").translate(_LOOKALIKES)
    if len(compact) != LENGTH or any(c not in _VALUE for c in compact):
        return None
    if _luhn_sum(compact, double_first=False) % _BASE != 0:
        return None
    return format_number(compact)
