"""Rotating log files under the data folder that never hold applicant data, whatever is passed.

The rule (docs/field-health.md): a log message is code, its arguments are data. The template is
written as is (a house-rule test refuses f-strings and `.format()` as templates), and each argument
is kept only when its type or shape shows it cannot be something a person typed or a document
said; anything else becomes `<redacted>`. Tracebacks keep exception types and code locations,
never messages, as crash reports do.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from io import TextIOWrapper
from pathlib import Path, PurePath
from typing import Any

from kiosk.crash import crash_report
from kiosk.errors import KioskError

LOG_DIRNAME = "logs"
LOG_FILENAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
REDACTED = "<redacted>"
ROOT_LOGGER = "kiosk"
HANDLER_NAME = "kiosk.logs"
_DONE = "kiosk_redacted"
# Each subsystem logs as `kiosk.<module or package>` (`kiosk.ui.*` for the GUI; a test keeps it
# that way), so the level set on `kiosk` reaches all of them.
QUIET_THIRD_PARTY = ("httpx", "httpcore", "uvicorn", "PIL", "asyncio")
DEFAULT_LEVEL = "INFO"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# A code names something the program defines: `outbox.unreachable`, `r-3f9a...`, `font_2`. The
# dot, underscore or digit it must contain is what no name or lower-cased word has.
_CODE = re.compile(r"[a-z][a-z0-9_.:-]{0,63}\Z")
_CODE_MARK = re.compile(r"[._0-9]")
_APPLICATION_NUMBER = re.compile(r"[0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}\Z")
# An exception class's name (`ValueError`), as the crash hook logs it; no name looks like this.
_EXCEPTION_NAME = re.compile(r"[A-Z][A-Za-z0-9]{0,63}(Error|Exception|Warning|Exit|Interrupt)\Z")
_FILE_PART = re.compile(r"[A-Za-z0-9_.-]{1,128}\Z")


def _safe_str(text: str, data_dirs: tuple[Path, ...]) -> bool:
    if text == REDACTED:
        return True
    if _CODE.match(text) and _CODE_MARK.search(text):
        return True
    if _APPLICATION_NUMBER.match(text) or _EXCEPTION_NAME.match(text):
        return True
    return _under(PurePath(text), data_dirs)


def _under(path: PurePath, roots: tuple[Path, ...]) -> bool:
    """Under the data folder, named the way the kiosk names its own files (no spaces, ASCII)."""
    if not path.is_absolute() or ".." in path.parts:
        return False
    for root in roots:
        if path.is_relative_to(root):
            return all(_FILE_PART.match(part) for part in path.relative_to(root).parts)
    return False


def safe_arg(value: object, data_dirs: tuple[Path, ...] = ()) -> object:
    """`value` when it cannot carry applicant text, else `<redacted>` (containers element-wise)."""
    if isinstance(value, Mapping):
        return {_safe_key(k, data_dirs): safe_arg(v, data_dirs) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [safe_arg(v, data_dirs) for v in value]
    if isinstance(value, KioskError):
        return value.code  # its message may quote what was typed
    if isinstance(value, BaseException | type):
        return (value if isinstance(value, type) else type(value)).__qualname__
    return value if _safe_scalar(value, data_dirs) else REDACTED


def _safe_key(key: object, data_dirs: tuple[Path, ...]) -> object:
    """Keys of a logged mapping are field names or states from code (`stored`, `sealed`)."""
    return key if isinstance(key, str) and _CODE.match(key) else safe_arg(key, data_dirs)


def _safe_scalar(value: object, data_dirs: tuple[Path, ...]) -> bool:
    if value is None or isinstance(value, bool | int | float | Enum):
        return True  # Enum values are declared in code
    if isinstance(value, PurePath):
        return _under(value, data_dirs)
    # Dates (a birth date is one), bytes, and objects whose str() we cannot vouch for: no.
    return isinstance(value, str) and _safe_str(value, data_dirs)


def _exception_text(error: BaseException) -> str:
    """The chain of exception types and code locations, as in a crash report."""
    parts = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        parts.append(crash_report(current).rstrip("\n"))
        current = current.__cause__ or current.__context__
    return "\n-- while handling --\n".join(reversed(parts))


class RedactingFilter(logging.Filter):
    """Renders each record's message from its template and vetted arguments, in place."""

    def __init__(self, data_dir: Path | None = None) -> None:
        super().__init__()
        # Paths may be spelled as given or resolved (symlinked temp folders, relative --data-dir).
        roots = {data_dir.absolute(), data_dir.resolve()} if data_dir is not None else set()
        self.data_dirs = tuple(sorted(roots))

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, _DONE, False):  # several handlers share a record: clean it once
            return True
        setattr(record, _DONE, True)
        record.msg = self.render(record)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = _exception_text(record.exc_info[1])
        elif record.exc_text:
            # Text another handler's formatter already made, messages and all.
            record.exc_text = REDACTED
        record.exc_info = None
        return True

    def render(self, record: logging.LogRecord) -> str:
        if not isinstance(record.msg, str):
            return f"{REDACTED} ({type(record.msg).__name__} given as a message)"
        if not record.args:
            return record.msg
        args: Any = record.args
        if isinstance(args, Mapping):
            safe: Any = {k: safe_arg(v, self.data_dirs) for k, v in args.items()}
        else:
            safe = tuple(safe_arg(v, self.data_dirs) for v in args)
        try:
            return str(record.msg % safe)
        except (TypeError, ValueError, KeyError):
            # e.g. %d met a redacted string; never let logging print the raw args to stderr.
            return f"{record.msg} [args: {safe!r}]"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file readable by the kiosk's own account only (0600), however umask is set."""

    def _open(self) -> TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(self.baseFilename, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def _level(level: int | str) -> tuple[int, bool]:
    """The numeric level, and whether the name given was understood."""
    if isinstance(level, int):
        return level, True
    number = logging.getLevelName(level.strip().upper())
    return (number, True) if isinstance(number, int) else (logging.INFO, False)


@dataclass
class LoggingSetup:
    """What `configure_logging` installed; `close()` removes and closes it (tests, shutdown)."""

    handlers: list[logging.Handler]
    log_file: Path | None
    redact: RedactingFilter
    guarded: list[logging.Handler] = field(default_factory=list)
    previous_levels: dict[str, int] = field(default_factory=dict)

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        for handler in self.guarded:
            handler.removeFilter(self.redact)
        self.handlers, self.guarded = [], []
        for name, level in self.previous_levels.items():
            logging.getLogger(name).setLevel(level)
        self.previous_levels = {}


def _remove_previous(root: logging.Logger) -> None:
    """An earlier call's handlers make way for the new ones; its filter leaves foreign ones."""
    for handler in list(root.handlers):
        if handler.get_name() == HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()
            continue
        for old in [f for f in handler.filters if isinstance(f, RedactingFilter)]:
            handler.removeFilter(old)


def _make_handlers(
    log_dir: Path | None, console: bool
) -> tuple[list[logging.Handler], OSError | None]:
    handlers: list[logging.Handler] = []
    problem = None
    if log_dir is not None:
        try:
            log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            handlers.append(
                PrivateRotatingFileHandler(
                    log_dir / LOG_FILENAME,
                    maxBytes=MAX_BYTES,
                    backupCount=BACKUP_COUNT,
                    encoding="utf-8",
                )
            )
        except OSError as error:
            problem = error
    if console or not handlers:
        handlers.append(logging.StreamHandler(sys.stderr))
    return handlers, problem


def configure_logging(
    log_dir: Path | None = None,
    *,
    level: int | str = DEFAULT_LEVEL,
    console: bool = True,
    data_dir: Path | None = None,
) -> LoggingSetup:
    """Send `kiosk.*` records at `level` (third parties at WARNING) to stderr and/or files.

    With `log_dir` (normally `<data_dir>/logs`) records go to `kiosk.log` there, rotated at
    1 MB with 5 old files kept. Paths under `data_dir` (default: the parent of `log_dir`) may
    appear in messages. Handlers someone else put on the root logger get the redaction filter
    too. Calling it again replaces the previous setup. If the folder cannot be written, logging
    continues on stderr and says so, rather than stopping the kiosk.
    """
    root = logging.getLogger()
    _remove_previous(root)
    number, understood = _level(level)
    redact = RedactingFilter(data_dir or (log_dir.parent if log_dir is not None else None))
    formatter = logging.Formatter(FORMAT, datefmt="%Y-%m-%dT%H:%M:%SZ")
    formatter.converter = time.gmtime
    handlers, problem = _make_handlers(log_dir, console)
    names = ["", ROOT_LOGGER, *QUIET_THIRD_PARTY]
    setup = LoggingSetup(
        handlers,
        log_dir / LOG_FILENAME if log_dir is not None and problem is None else None,
        redact,
        guarded=list(root.handlers),
        previous_levels={n: logging.getLogger(n).level for n in names},
    )
    for handler in setup.guarded:
        handler.addFilter(redact)
    for handler in handlers:
        handler.set_name(HANDLER_NAME)
        handler.addFilter(redact)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    root.setLevel(max(number, logging.WARNING))
    logging.getLogger(ROOT_LOGGER).setLevel(number)
    for name in QUIET_THIRD_PARTY:
        logging.getLogger(name).setLevel(logging.WARNING)
    log = logging.getLogger("kiosk.logs")
    if not understood:
        log.warning("unknown log level; using info")
    if problem is not None:
        log.warning("cannot write logs under the data folder (%s); stderr only", problem)
    return setup
