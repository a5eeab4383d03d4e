"""Errors of the rules engine, each with a stable code the UI and CLI can rely on."""

from __future__ import annotations

from kiosk.errors import InvalidInput


class RulesError(InvalidInput):
    """Any bad input to the rules engine: a program file, a document id, a date."""

    code = "rules.error"


class UnknownProgram(RulesError):
    code = "rules.unknown_program"


class ProgramFileInvalid(RulesError):
    """A program file that cannot be read or does not follow the schema.

    The message names the file, the key (dotted, with list positions) and the line, so the
    program office can fix the file without reading code.
    """

    code = "rules.invalid_program"

    def __init__(self, file_name: str, key: str, line: int | None, problem: str) -> None:
        where = f"{file_name}, line {line}" if line is not None else file_name
        key_part = f" at {key}" if key else ""
        super().__init__(
            f"program file {where}{key_part}: {problem}",
            file=file_name,
            key=key,
            line=line,
        )
        self.file_name = file_name
        self.key = key
        self.line = line
        self.problem = problem


class UnknownDocument(RulesError):
    code = "rules.unknown_document"


class UnknownAgencyVerification(RulesError):
    code = "rules.unknown_agency"


class InvalidDate(RulesError):
    code = "rules.invalid_date"


class InvalidDocumentSpec(RulesError):
    """A `--doc` value or document attribute the engine cannot understand."""

    code = "rules.invalid_document_spec"
