"""Logging: private rotating files; a filter lets codes through, nothing a person typed."""

from __future__ import annotations

import ast
import io
import logging
import stat
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kiosk.errors import WrongPassword
from kiosk.guardrails import Level
from kiosk.logs import (
    LOG_FILENAME,
    QUIET_THIRD_PARTY,
    REDACTED,
    LoggingSetup,
    RedactingFilter,
    configure_logging,
    safe_arg,
)

ROOT = Path(__file__).resolve().parents[3]
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical"}

Configure = Callable[..., LoggingSetup]


@pytest.fixture
def configure() -> Iterator[Configure]:
    made: list[LoggingSetup] = []

    def make(*args: Any, **kwargs: Any) -> LoggingSetup:
        setup = configure_logging(*args, **kwargs)
        made.append(setup)
        return setup

    yield make
    for setup in reversed(made):
        setup.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.iterdir()))


def test_records_go_to_a_private_file_under_the_log_folder(
    tmp_path: Path, configure: Configure
) -> None:
    logs = tmp_path / "data" / "logs"
    setup = configure(logs, level="DEBUG", console=False)
    logging.getLogger("kiosk.outbox").debug("round %d ended: %s", 3, "outbox.unreachable")
    assert setup.log_file == logs / LOG_FILENAME
    assert (_mode(logs), _mode(logs / LOG_FILENAME)) == (0o700, 0o600)
    assert "kiosk.outbox: round 3 ended: outbox.unreachable" in _text(logs)


def test_rotated_files_stay_private_and_closing_removes_the_handlers(
    tmp_path: Path, configure: Configure
) -> None:
    logs = tmp_path / "logs"
    setup = configure(logs, console=False)
    log = logging.getLogger("kiosk.capture")
    log.warning("before")
    handler = setup.handlers[0]
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert (handler.maxBytes, handler.backupCount, handler.encoding) == (1_000_000, 5, "utf-8")
    handler.doRollover()
    log.warning("after")
    assert sorted(p.name for p in logs.iterdir()) == [LOG_FILENAME, LOG_FILENAME + ".1"]
    assert all(_mode(p) == 0o600 for p in logs.iterdir())
    setup.close()
    assert handler not in logging.getLogger().handlers
    log.warning("not written")
    assert "not written" not in _text(logs)


def test_configuring_again_replaces_the_earlier_handlers(
    tmp_path: Path, configure: Configure
) -> None:
    configure(tmp_path / "one", console=False)
    configure(tmp_path / "two", console=False)
    logging.getLogger("kiosk.ui").warning("once")
    assert "once" not in _text(tmp_path / "one")
    assert "once" in _text(tmp_path / "two")


def test_handlers_installed_before_are_filtered_too_until_closed(
    tmp_path: Path, configure: Configure
) -> None:
    seen = io.StringIO()
    foreign = logging.StreamHandler(seen)
    root = logging.getLogger()
    root.addHandler(foreign)
    try:
        setup = configure(tmp_path / "logs", console=False)
        logging.getLogger("kiosk.ui").warning("saved %s", "Núñez")
        setup.close()
        logging.getLogger("kiosk.ui").warning("after %s", "close")
    finally:
        root.removeHandler(foreign)
    assert seen.getvalue() == "saved <redacted>\nafter close\n"


def test_levels_kiosk_as_asked_third_parties_at_warning(
    tmp_path: Path, configure: Configure
) -> None:
    logs = tmp_path / "logs"
    configure(logs, level="debug", console=False)
    logging.getLogger("kiosk.capture").debug("kiosk detail")
    logging.getLogger("httpx").info("HTTP Request: GET /v1/health")
    logging.getLogger("uvicorn.error").info("started")
    logging.getLogger("httpx").warning("third party trouble")
    text = _text(logs)
    assert "kiosk detail" in text and "third party trouble" in text
    assert "HTTP Request" not in text and "started" not in text


def test_a_numeric_level_is_taken_as_is(tmp_path: Path, configure: Configure) -> None:
    configure(tmp_path / "logs", level=logging.ERROR, console=False)
    logging.getLogger("kiosk.ui").warning("below the level")
    logging.getLogger("kiosk.ui").error("at the level")
    text = _text(tmp_path / "logs")
    assert "at the level" in text and "below the level" not in text


def test_an_unknown_level_falls_back_to_info_and_says_so(
    tmp_path: Path, configure: Configure
) -> None:
    configure(tmp_path / "logs", level="chatty", console=False)
    logging.getLogger("kiosk.ui").debug("hidden")
    text = _text(tmp_path / "logs")
    assert "unknown log level; using info" in text and "hidden" not in text


def test_an_unwritable_log_folder_falls_back_to_stderr(
    tmp_path: Path, configure: Configure, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    setup = configure(blocker / "logs", console=False)
    assert setup.log_file is None
    assert [type(h) for h in setup.handlers] == [logging.StreamHandler]
    assert "cannot write logs under the data folder" in capsys.readouterr().err


# --- the redaction rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Núñez",
        "Ana María",
        "smith",
        "mary-jane",
        "O'Brien",
        "1990-07-04",
        "07/04/1990",
        "19900704",
        "11201",
        "100 Atlantic Ave",
        "ana@example.org",
        "Smith",
        "Errol",
        date(1990, 7, 4),
        b"Nunez",
        Path("/home/someone/Núñez.jpg"),
        object(),
    ],
)
def test_anything_a_person_might_have_typed_is_redacted(value: object, tmp_path: Path) -> None:
    assert safe_arg(value, (tmp_path,)) == REDACTED


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        42,
        0.5,
        Level.BLOCK,
        "outbox.unreachable",
        "r-0a1b2c3d4e5f60718293a4b5",
        "backlog_full",
        "ABC-DEFG-HJK2",
        "ValueError",
        "KeyboardInterrupt",
        REDACTED,
    ],
)
def test_numbers_enums_codes_and_ids_pass(value: object) -> None:
    assert safe_arg(value) == value


def test_errors_become_codes_or_type_names_and_paths_only_under_the_data_folder(
    tmp_path: Path,
) -> None:
    assert safe_arg(WrongPassword("no account for Núñez")) == "vault.wrong_password"
    assert safe_arg(ValueError("Núñez")) == "ValueError"
    assert safe_arg(KeyError) == "KeyError"
    inside = tmp_path / "crash" / "crash-1.txt"
    assert safe_arg(inside, (tmp_path,)) == inside
    assert safe_arg(str(inside), (tmp_path,)) == str(inside)
    assert safe_arg(tmp_path / ".." / "elsewhere", (tmp_path,)) == REDACTED
    assert safe_arg(tmp_path / "receipts" / "Ana María.pdf", (tmp_path,)) == REDACTED
    assert safe_arg(inside) == REDACTED
    assert safe_arg({"stored": 2, "Núñez": "x", "given": "ana"}) == {
        "stored": 2,
        REDACTED: REDACTED,
        "given": REDACTED,
    }
    assert safe_arg(("es", 3)) == [REDACTED, 3]


def _record(msg: object, args: Any, exc_info: Any = None) -> logging.LogRecord:
    return logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, msg, args, exc_info)


def test_a_careless_log_call_is_masked_in_the_file(tmp_path: Path, configure: Configure) -> None:
    logs = tmp_path / "logs"
    configure(logs, console=False)
    log = logging.getLogger("kiosk.enrollment")
    log.warning("saved %s %s born %s", "Ana María", "Núñez", date(1990, 7, 4))
    log.warning("by name %(name)s", {"name": "Núñez"})
    log.warning({"family_name": "Núñez"})
    text = _text(logs)
    assert "saved <redacted> <redacted> born <redacted>" in text
    assert "by name <redacted>" in text
    assert "<redacted> (dict given as a message)" in text
    assert "Núñez" not in text and "1990" not in text and "Ana" not in text


def test_tracebacks_keep_types_and_locations_never_messages(
    tmp_path: Path, configure: Configure
) -> None:
    logs = tmp_path / "logs"
    configure(logs, console=False)

    def fail() -> None:
        try:
            raise KeyError("Ana María")
        except KeyError as error:
            raise ValueError("Núñez 1990-07-04") from error

    try:
        fail()
    except ValueError:
        logging.getLogger("kiosk.ui").exception("job failed")
    text = _text(logs)
    assert "builtins.KeyError" in text and "builtins.ValueError" in text
    assert "in fail" in text and "-- while handling --" in text
    assert "Ana" not in text and "Núñez" not in text and "1990" not in text


def test_a_template_that_no_longer_fits_its_masked_args_keeps_the_masks() -> None:
    record = _record("height %d", ("5 ft 6",))
    assert RedactingFilter().filter(record)
    assert record.getMessage() == "height %d [args: ('<redacted>',)]"


def test_text_another_formatter_made_is_dropped() -> None:
    record = _record("failed", None)
    record.exc_text = "Traceback ... ValueError: Núñez"
    RedactingFilter().filter(record)
    assert (record.exc_text, record.getMessage()) == (REDACTED, "failed")


# --- house rules for log calls ----------------------------------------------------------------


def _log_calls(path: Path) -> Iterator[tuple[int, ast.Call]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in LOG_METHODS
            and (
                (isinstance(node.func.value, ast.Name) and node.func.value.id in {"log", "logger"})
                or (
                    isinstance(node.func.value, ast.Call)
                    and getattr(node.func.value.func, "attr", "") == "getLogger"
                )
            )
        ):
            yield node.lineno, node


def _sources() -> list[Path]:
    return sorted([*(ROOT / "kiosk").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])


def test_every_log_message_is_a_constant_template() -> None:
    """An f-string or .format() would put data in the template, where no filter can see it."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _sources()
        for line, call in _log_calls(path)
        if not (
            call.args
            and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)
        )
    ]
    assert offenders == []


def test_the_house_rule_sees_an_f_string(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('log.info(f"saved {name}")\nlog.info("saved %s", code)\n')
    calls = [call for _, call in _log_calls(sample)]
    assert [isinstance(c.args[0], ast.Constant) for c in calls] == [False, True]


def test_every_logger_is_named_for_a_kiosk_subsystem() -> None:
    """`kiosk.<module or package>` (or `kiosk.ui...`), so one level on `kiosk` covers them all."""
    subsystems = {p.stem for p in (ROOT / "kiosk").iterdir() if not p.name.startswith("_")}
    names = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "getLogger"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(str(node.args[0].value))
    assert "kiosk.outbox" in names, "the scan found no loggers"
    allowed = {f"kiosk.{s}" for s in {*subsystems, "ui"}}

    def known(name: str) -> bool:
        return name in QUIET_THIRD_PARTY or ".".join(name.split(".")[:2]) in allowed

    assert {n for n in names if not known(n)} == set()
    assert not known("kiosk") and not known("kiosk.nonsense") and not known("applicant")
