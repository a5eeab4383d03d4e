"""Finding, reading and hashing program files; every load validates against the schema."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from kiosk.paths import assets_dir
from kiosk.rules.errors import ProgramFileInvalid, UnknownProgram
from kiosk.rules.models import Program
from kiosk.rules.schema import build_program
from kiosk.rules.tomlread import LineLocator, SchemaViolation, Table, format_key

PROGRAM_SUFFIX: Final = ".toml"
_PROGRAM_NAME: Final = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_TOML_LINE: Final = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class ProgramInfo:
    """What a program picker needs without holding the whole program."""

    id: str
    name: str
    version: str
    content_hash: str
    path: Path


def programs_dir() -> Path:
    return assets_dir() / "programs"


def parse_program(data: bytes, file_name: str) -> Program:
    """Validate the bytes of a program file; the content hash is the sha256 of exactly these."""
    content_hash = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProgramFileInvalid(file_name, "", None, "is not UTF-8 text") from error
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        raise ProgramFileInvalid(file_name, "", line, f"is not valid TOML ({error})") from error
    try:
        return build_program(Table(raw), content_hash=content_hash, file_name=file_name)
    except SchemaViolation as violation:
        line = LineLocator(text).line_of(violation.path)
        raise ProgramFileInvalid(
            file_name, format_key(violation.path), line, violation.problem
        ) from violation


def resolve_program_path(name_or_path: str | Path, directory: Path | None = None) -> Path:
    """A bare name ("idnyc") means a bundled program; anything else is a file path."""
    text = str(name_or_path)
    if isinstance(name_or_path, Path) or not _PROGRAM_NAME.match(text):
        path = Path(name_or_path)
        if not path.is_file():
            raise UnknownProgram(f"no program file at {path}", program=text)
        return path
    path = (directory or programs_dir()) / f"{text}{PROGRAM_SUFFIX}"
    if not path.is_file():
        known = ", ".join(p.stem for p in _program_files(directory)) or "none"
        raise UnknownProgram(f"unknown program {text!r} (available: {known})", program=text)
    return path


def load_program(name_or_path: str | Path, *, directory: Path | None = None) -> Program:
    """Load and validate a program by bundled name or by file path."""
    path = resolve_program_path(name_or_path, directory)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProgramFileInvalid(
            path.name, "", None, f"cannot be read ({error.strerror})"
        ) from error
    return parse_program(data, path.name)


def available_programs(directory: Path | None = None) -> list[ProgramInfo]:
    """Every bundled program, validated, sorted by id; a broken file raises with its line."""
    infos = []
    for path in _program_files(directory):
        program = parse_program(path.read_bytes(), path.name)
        infos.append(
            ProgramInfo(
                id=program.id,
                name=program.name,
                version=program.version,
                content_hash=program.content_hash,
                path=path,
            )
        )
    return sorted(infos, key=lambda info: info.id)


def _program_files(directory: Path | None) -> list[Path]:
    folder = directory or programs_dir()
    return sorted(folder.glob(f"*{PROGRAM_SUFFIX}")) if folder.is_dir() else []
