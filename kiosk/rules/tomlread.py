"""Typed reading of parsed TOML with errors that point at a key and its line in the file.

`tomllib` gives plain dicts and no positions; program offices edit these files by hand, so a
schema error must say where to look. `LineLocator` recovers key lines from the text and
`Table` reads values with type checks, rejecting keys the schema does not know (typos).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Final

KeyPath = tuple[str | int, ...]

_HEADER: Final = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY: Final = re.compile(r'^\s*([A-Za-z0-9_\-]+|"[^"]*")\s*=')


def format_key(path: KeyPath) -> str:
    """("document", 3, "name") -> "document[3].name" (positions count from 0, as in the list)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class LineLocator:
    """Maps key paths to the line (1-based) where they are written in a TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        counts: dict[KeyPath, int] = {}
        current: KeyPath = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                parts: KeyPath = tuple(p.strip().strip('"') for p in header.group(2).split("."))
                if header.group(1) == "[[":
                    index = counts.get(parts, 0)
                    counts[parts] = index + 1
                    self._lines.setdefault(parts, number)
                    current = (*parts, index)
                else:
                    current = parts
                self._lines.setdefault(current, number)
                continue
            key = _KEY.match(line)
            if key:
                self._lines.setdefault((*current, key.group(1).strip('"')), number)

    def line_of(self, path: KeyPath) -> int | None:
        """The line of the key, or of the closest enclosing key or table that is written down."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None


class SchemaViolation(Exception):
    """Raised while reading; the loader turns it into `ProgramFileInvalid` with file and line."""

    def __init__(self, path: KeyPath, problem: str) -> None:
        super().__init__(problem)
        self.path = path
        self.problem = problem


_MISSING: Final = object()


class Table:
    """A TOML table read key by key; `done()` rejects keys nobody asked for."""

    def __init__(self, data: Mapping[str, object], path: KeyPath = ()) -> None:
        self._data = data
        self.path = path
        self._seen: set[str] = set()

    def fail(self, key: str | None, problem: str) -> SchemaViolation:
        return SchemaViolation((*self.path, key) if key is not None else self.path, problem)

    def has(self, key: str) -> bool:
        return key in self._data

    def _get(self, key: str, required: bool) -> object:
        self._seen.add(key)
        if key not in self._data:
            if required:
                raise self.fail(key, "required key is missing")
            return _MISSING
        return self._data[key]

    def text(self, key: str, default: str | None = None) -> str:
        value = self._get(key, default is None)
        if value is _MISSING:
            assert default is not None
            return default
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "must be a non-empty string")
        return value

    def optional_text(self, key: str) -> str | None:
        if self.has(key):
            return self.text(key)
        self._seen.add(key)
        return None

    def integer(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        value = self._get(key, default is None)
        if value is _MISSING:
            assert default is not None
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "must be a whole number")
        if value < minimum:
            raise self.fail(key, f"must be at least {minimum}")
        return value

    def optional_integer(self, key: str, minimum: int = 0) -> int | None:
        if self.has(key):
            return self.integer(key, minimum=minimum)
        self._seen.add(key)
        return None

    def number(self, key: str) -> float:
        value = self._get(key, True)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(key, "must be a positive number")
        return float(value)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def choice(self, key: str, choices: Sequence[str], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in choices:
            raise self.fail(key, f"must be one of {', '.join(choices)} (not {value!r})")
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise self.fail(key, "must be a list of non-empty strings")
        return tuple(value)

    def table(self, key: str) -> Table:
        value = self._get(key, True)
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table")
        return Table(value, (*self.path, key))

    def optional_table(self, key: str) -> Table | None:
        if self.has(key):
            return self.table(key)
        self._seen.add(key)
        return None

    def tables(self, key: str) -> list[Table]:
        value = self._get(key, False)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(key, f"must be a list of tables ([[{key}]])")
        return [Table(item, (*self.path, key, index)) for index, item in enumerate(value)]

    def names(self) -> list[str]:
        return [key for key in self._data if isinstance(key, str)]

    def done(self) -> None:
        for key in self._data:
            if key not in self._seen:
                raise self.fail(key, "unknown key (check the spelling)")
