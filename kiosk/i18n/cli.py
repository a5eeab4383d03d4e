"""`kiosk i18n`: coverage report for operations; extract and compile for developers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli import print_json
from kiosk.i18n.catalogue import default_locale_dir
from kiosk.i18n.extract import compile_catalogues, update_catalogues
from kiosk.i18n.report import coverage


def register(subparsers: Any) -> None:
    i18n = subparsers.add_parser(
        "i18n",
        help="translations: coverage report, message extraction, catalogue compilation",
        description="Translation catalogues in assets/locale (see docs/i18n.md).",
    )
    commands = i18n.add_subparsers(dest="i18n_command", metavar="SUBCOMMAND", required=True)

    report = commands.add_parser("report", help="translated and total messages per language")
    report.add_argument("--json", action="store_true", help="print one JSON object")
    report.add_argument("--locale-dir", type=Path, help=argparse.SUPPRESS)
    report.set_defaults(handler=run_report)

    extract = commands.add_parser(
        "extract",
        help="scan kiosk/ and ui/ for translatable texts, update the .pot and .po files, compile",
    )
    extract.add_argument("--root", type=Path, default=Path.cwd(), help="source checkout")
    extract.set_defaults(handler=run_extract)

    compile_ = commands.add_parser("compile", help="compile every .po file into its .mo file")
    compile_.add_argument("--locale-dir", type=Path, help="default: the bundled assets/locale")
    compile_.set_defaults(handler=run_compile)


def run_report(args: argparse.Namespace) -> int:
    languages = coverage(args.locale_dir or default_locale_dir())
    if args.json:
        print_json({"languages": languages})
    else:
        for code, item in languages.items():
            sys.stdout.write(
                f"{code}\t{item['translated']}/{item['total']}\t{item['name']}"
                f"\t{item['needs_review']} to review\n"
            )
    return 0


def run_extract(args: argparse.Namespace) -> int:
    root: Path = args.root
    locale_dir = root / "assets" / "locale"
    counts = update_catalogues(root, locale_dir)
    compile_catalogues(locale_dir)
    sys.stdout.write(f"{counts['template']} messages; catalogues in {locale_dir}\n")
    return 0


def run_compile(args: argparse.Namespace) -> int:
    for path in compile_catalogues(args.locale_dir or default_locale_dir()):
        sys.stdout.write(f"{path}\n")
    return 0
