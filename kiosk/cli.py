"""The `kiosk` command: the composition root for scripts and operations staff.

Subsystems add their commands through a `register(subparsers)` function in their own `cli`
module; each registered parser sets `handler=` to a function taking the parsed arguments and
returning an exit status. Errors the environment causes print one line to stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from kiosk import __version__
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.selftest import Check

# One module per subsystem; each exposes register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    # one line per subsystem
    "kiosk.reading.cli",
    "kiosk.vault.cli",
    "kiosk.intake.cli",
    "kiosk.outbox.cli",
    "kiosk.capture.cli",
    "kiosk.rules.cli",
    "kiosk.selftest_cli",
    "kiosk.i18n.cli",
    "kiosk.appointments.cli",
    "kiosk.doctor.cli",
)


def print_json(obj: Any) -> None:
    """The --json contract: exactly one JSON object on stdout."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n")


SubParsers = argparse._SubParsersAction  # argparse's public API returns this private type
Registrar = Callable[[Any], None]


def command_group(subparsers: Any, name: str, help_text: str) -> Any:
    """`kiosk NAME ...` shared by several subsystems (e.g. demo seed, demo screenshots)."""
    group = subparsers.choices.get(name)
    if group is None:
        group = subparsers.add_parser(name, help=help_text)
        return group.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
    for action in group._actions:  # argparse keeps sub-commands in a private action list
        if isinstance(action, SubParsers):
            return action
    return group.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def build_parser(front_end_commands: Sequence[Registrar] = ()) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="Offline-first enrollment kiosk for municipal ID programs."
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the GUI on a throw-away vault with demo staff and a synthetic camera",
    )
    parser.add_argument("--data-dir", help="vault folder for the GUI (default: platform data dir)")
    parser.add_argument(
        "--kiosk-mode",
        action="store_true",
        help="full screen without window controls; closing needs a supervisor (Ctrl+Q)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    for register in front_end_commands:
        register(subparsers)
    return parser


GuiStarter = Callable[[argparse.Namespace], int]


def harden_environment() -> None:
    """Process-wide settings that must precede any third-party import."""
    # onnxruntime (under the OCR extra) otherwise writes a device id and event log to ~/.cache
    # and sends them when online; only this variable, set before its first import, stops it.
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")


def main(
    argv: Sequence[str] | None = None,
    *,
    start_gui: GuiStarter | None = None,
    selftest_checks: Sequence[Check] = (),
    front_end_commands: Sequence[Registrar] = (),
) -> int:
    """Run one command; with no command, hand over to `start_gui` (injected by ui/launcher.py).

    `selftest_checks` are a front end's own checks for `kiosk self-test` (the GUI's).
    """
    harden_environment()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        # Before build_parser(), which imports every subsystem (cv2, numpy, httpx...).
        sys.stdout.write(f"kiosk {__version__}\n")
        return 0
    parser = build_parser(front_end_commands)
    parser.set_defaults(selftest_checks=tuple(selftest_checks))
    args = parser.parse_args(arguments)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            if start_gui is None:
                parser.error("this build has no GUI; give a command")
            return start_gui(args)
        # Commands log to stderr, redacted; the GUI configures its rotating files itself.
        from kiosk.logs import configure_logging  # noqa: PLC0415 - keeps --version instant

        configure_logging(level=os.environ.get("KIOSK_LOG_LEVEL", "WARNING"))
        status: int = handler(args)
        return status
    except KioskError as error:
        sys.stderr.write(f"kiosk: {error.message} [{error.code}]\n")
        return error.exit_status
    except KeyboardInterrupt:
        sys.stderr.write("kiosk: interrupted\n")
        return 130
