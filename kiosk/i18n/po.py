"""Reading and writing .po files and compiling .mo files, so the project needs no gettext tools."""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass, field, replace
from typing import Final

from kiosk.i18n.errors import CatalogueCorrupt

MO_MAGIC: Final = 0x950412DE
CONTEXT_SEPARATOR: Final = "\x04"
REVIEW_COMMENT: Final = "review: machine-assisted"

_ESCAPES: Final = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r"}
_KEYWORD: Final = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One message: `msgstr` has one string, or one per plural form when `msgid_plural` is set."""

    msgid: str
    msgstr: tuple[str, ...] = ("",)
    msgid_plural: str | None = None
    msgctxt: str | None = None
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        return not self.fuzzy and all(self.msgstr) and bool(self.msgstr)

    @property
    def needs_review(self) -> bool:
        return any(REVIEW_COMMENT in comment for comment in self.translator_comments)


@dataclass(frozen=True, slots=True)
class PoFile:
    """A catalogue: the header (msgid "") text and the messages in file order."""

    header: str
    entries: tuple[Entry, ...]

    def header_field(self, name: str) -> str | None:
        for line in self.header.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() == name.lower():
                return value.strip()
        return None

    @property
    def messages(self) -> tuple[Entry, ...]:
        """The live (not obsolete) messages."""
        return tuple(entry for entry in self.entries if not entry.obsolete)


def _unquote(token: str, where: str) -> str:
    if len(token) < 2 or token[0] != '"' or token[-1] != '"':
        raise CatalogueCorrupt(f"{where}: expected a quoted string")
    out: list[str] = []
    chars = iter(token[1:-1])
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            if escaped not in _ESCAPES:
                raise CatalogueCorrupt(f"{where}: unknown escape \\{escaped}")
            out.append(_ESCAPES[escaped])
        else:
            out.append(char)
    return "".join(out)


class _EntryBuilder:
    def __init__(self) -> None:
        self.strings: dict[str, str] = {}
        self.plural_strings: dict[int, str] = {}
        self.translator: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: set[str] = set()
        self.obsolete = False
        self.last: tuple[str, int] | None = None

    @property
    def started(self) -> bool:
        return bool(self.strings or self.plural_strings)

    def build(self, where: str) -> Entry:
        if "msgid" not in self.strings:
            raise CatalogueCorrupt(f"{where}: message without msgid")
        if self.plural_strings:
            forms = tuple(self.plural_strings[i] for i in sorted(self.plural_strings))
        else:
            forms = (self.strings.get("msgstr", ""),)
        return Entry(
            msgid=self.strings["msgid"],
            msgstr=forms,
            msgid_plural=self.strings.get("msgid_plural"),
            msgctxt=self.strings.get("msgctxt"),
            translator_comments=tuple(self.translator),
            extracted_comments=tuple(self.extracted),
            references=tuple(self.references),
            flags=frozenset(self.flags),
            obsolete=self.obsolete,
        )

    def comment(self, line: str) -> None:
        kind, text = line[:2], line[2:].strip()
        if kind == "#.":
            self.extracted.append(text)
        elif kind == "#:":
            self.references.extend(text.split())
        elif kind == "#,":
            self.flags.update(flag.strip() for flag in text.split(","))
        elif kind != "#|":
            self.translator.append(line[1:].strip())

    def value(self, keyword: str, index: str | None, value: str) -> None:
        if index is not None:
            self.plural_strings[int(index)] = value
            self.last = ("plural", int(index))
        else:
            self.strings[keyword] = value
            self.last = (keyword, 0)

    def continuation(self, value: str, where: str) -> None:
        if self.last is None:
            raise CatalogueCorrupt(f"{where}: a string continues nothing")
        kind, index = self.last
        if kind == "plural":
            self.plural_strings[index] += value
        else:
            self.strings[kind] += value


def parse_po(text: str, name: str = "<po>") -> PoFile:
    """Parse a .po file's text; `CatalogueCorrupt` names the line that is wrong."""
    entries: list[Entry] = []
    builder = _EntryBuilder()

    def finish(lineno: int) -> None:
        nonlocal builder
        if builder.started:
            entries.append(builder.build(f"{name}:{lineno}"))
        builder = _EntryBuilder()

    lines = text.splitlines()
    for lineno, raw in enumerate(lines, start=1):
        where = f"{name}:{lineno}"
        line = raw.strip()
        obsolete = line.startswith("#~")
        line = line[2:].strip() if obsolete else line
        if not line or (line.startswith("#") and builder.started):
            finish(lineno)
        if not line:
            continue
        if line.startswith("#"):
            builder.comment(line)
            continue
        builder.obsolete = builder.obsolete or obsolete
        match = _KEYWORD.match(line)
        if match:
            keyword, index, token = match.groups()
            if (keyword == "msgctxt" and builder.started) or (
                keyword == "msgid" and "msgid" in builder.strings
            ):
                finish(lineno)
            builder.value(keyword, index, _unquote(token, where))
        elif line.startswith('"'):
            builder.continuation(_unquote(line, where), where)
        else:
            raise CatalogueCorrupt(f"{where}: cannot read {raw!r}")
    finish(len(lines) + 1)

    header = ""
    body: list[Entry] = []
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            header = entry.msgstr[0]
        else:
            body.append(entry)
    return PoFile(header=header, entries=tuple(body))


def _quote(value: str) -> str:
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    )
    return '"' + escaped.replace("\n", "\\n") + '"'


def _field(keyword: str, value: str, prefix: str) -> list[str]:
    """gettext's layout: a value with newlines is split after each newline."""
    if "\n" not in value.rstrip("\n"):
        return [f"{prefix}{keyword} {_quote(value)}"]
    parts = value.splitlines(keepends=True)
    return [f'{prefix}{keyword} ""'] + [f"{prefix}{_quote(part)}" for part in parts]


def format_entry(entry: Entry) -> str:
    lines = [f"# {comment}".rstrip() for comment in entry.translator_comments]
    lines += [f"#. {comment}".rstrip() for comment in entry.extracted_comments]
    if entry.references:
        lines.append("#: " + " ".join(entry.references))
    if entry.flags:
        lines.append("#, " + ", ".join(sorted(entry.flags)))
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        lines += _field("msgctxt", entry.msgctxt, prefix)
    lines += _field("msgid", entry.msgid, prefix)
    if entry.msgid_plural is not None:
        lines += _field("msgid_plural", entry.msgid_plural, prefix)
        for index, form in enumerate(entry.msgstr):
            lines += _field(f"msgstr[{index}]", form, prefix)
    else:
        lines += _field("msgstr", entry.msgstr[0], prefix)
    return "\n".join(lines) + "\n"


def format_po(po: PoFile, leading_comments: tuple[str, ...] = ()) -> str:
    head = [f"# {comment}".rstrip() for comment in leading_comments]
    header_entry = format_entry(Entry(msgid="", msgstr=(po.header,)))
    blocks = ["\n".join([*head, header_entry.rstrip("\n")]) + "\n"]
    blocks += [format_entry(entry) for entry in po.entries]
    return "\n".join(blocks)


def mo_key(entry: Entry) -> str:
    """The key gettext uses for a message in a .mo file (context and plural joined in)."""
    key = entry.msgid if entry.msgid_plural is None else f"{entry.msgid}\0{entry.msgid_plural}"
    return key if entry.msgctxt is None else f"{entry.msgctxt}{CONTEXT_SEPARATOR}{key}"


def compile_mo(po: PoFile) -> bytes:
    """The .mo bytes for the translated messages (fuzzy and empty ones are left out).

    Deterministic: the same .po always gives the same bytes, so a test can check that the
    committed .mo files are current.
    """
    pairs = {"": po.header}
    for entry in po.messages:
        if entry.translated:
            pairs[mo_key(entry)] = "\0".join(entry.msgstr)
    items = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in pairs.items())
    count = len(items)
    keys_start = 7 * 4
    values_start = keys_start + count * 8
    data_start = values_start + count * 8
    key_table: list[int] = []
    value_table: list[int] = []
    blob = bytearray()
    for key, _value in items:
        key_table += [len(key), data_start + len(blob)]
        blob += key + b"\0"
    for _key, value in items:
        value_table += [len(value), data_start + len(blob)]
        blob += value + b"\0"
    head = struct.pack("<7I", MO_MAGIC, 0, count, keys_start, values_start, 0, data_start)
    tables = struct.pack(f"<{4 * count}I", *key_table, *value_table)
    return head + tables + bytes(blob)


def read_mo(data: bytes, name: str = "<mo>") -> dict[str, str]:
    """The key -> translation pairs of a .mo file (keys carry context and plural, as gettext)."""
    if len(data) < 28:
        raise CatalogueCorrupt(f"{name}: too short to be a .mo file")
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == MO_MAGIC else ">"
    if struct.unpack(f"{order}I", data[:4])[0] != MO_MAGIC:
        raise CatalogueCorrupt(f"{name}: not a .mo file")
    _magic, _revision, count, keys_at, values_at = struct.unpack(f"{order}5I", data[:20])
    pairs: dict[str, str] = {}
    try:
        for i in range(count):
            key_len, key_off = struct.unpack_from(f"{order}2I", data, keys_at + 8 * i)
            value_len, value_off = struct.unpack_from(f"{order}2I", data, values_at + 8 * i)
            key = data[key_off : key_off + key_len].decode("utf-8")
            pairs[key] = data[value_off : value_off + value_len].decode("utf-8")
    except (struct.error, UnicodeDecodeError) as error:
        raise CatalogueCorrupt(f"{name}: damaged .mo file ({error})") from None
    return pairs


def with_msgstr(entry: Entry, msgstr: tuple[str, ...]) -> Entry:
    return replace(entry, msgstr=msgstr)
