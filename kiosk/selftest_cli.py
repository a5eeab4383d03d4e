"""`kiosk self-test [--json]`: the smoke test CI and support staff run against an installed bundle.

Front ends inject their own checks (the GUI's) through `kiosk.cli.main(selftest_checks=...)`,
which lands in the parsed arguments as `selftest_checks`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="offscreen smoke test of this installation (throw-away vault, synthetic data)",
        description=(
            "Create a throw-away vault, check the rules, the synthetic camera and face "
            "detectors, barcodes, the OCR (when installed), sealing and the vault round trip, "
            "and (with the GUI) render the main window offscreen. Nothing touches the real "
            "vault. Exit status 0 only when every check passes."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--verbose", action="store_true", help="log the cause of a failed check (developers)"
    )
    parser.set_defaults(handler=run_self_test)


def run_self_test(args: argparse.Namespace) -> int:
    # Imported here so that registering the command costs nothing for every other command.
    from kiosk.cli import print_json  # noqa: PLC0415 - kiosk.cli imports this module
    from kiosk.logs import configure_logging  # noqa: PLC0415
    from kiosk.selftest import run_selftest  # noqa: PLC0415

    if args.verbose:
        configure_logging(level=logging.DEBUG)
    report = run_selftest(tuple(getattr(args, "selftest_checks", ())))
    if args.json:
        print_json(report.to_json())
    else:
        for result in report.results:
            status = "skip" if result.skipped else ("ok" if result.ok else "FAIL")
            line = f"{status:<5}{result.name:<16}{result.ms:>7.0f} ms  {result.detail}"
            sys.stdout.write(line + "\n")
    for failure in report.failures:
        sys.stderr.write(f"kiosk: self-test failed: {failure.name}: {failure.detail}\n")
    if not report.ok:
        return 1
    if not args.json:
        sys.stdout.write(f"self-test passed: {len(report.results)} checks\n")
    return 0
