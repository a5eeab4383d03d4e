"""`kiosk scan`: read a document image or scanned text and print the prefill fields.

A completed scan exits 0 even when nothing was readable or a check failed: the JSON says so
(`kind` null, `valid` false). A missing or undecodable file, empty text, or a missing OCR
component is an error: one line on stderr, non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli import print_json
from kiosk.reading.errors import AamvaFormatError, MalformedPayload, MrzFormatError
from kiosk.reading.models import NOTHING_READ, ReadKind, ReadResult
from kiosk.reading.mrz_ocr import MrzOcr
from kiosk.reading.reader import load_image_file, read_barcode, read_mrz, read_text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scan",
        help="read a document's barcode or MRZ from an image, or scanned text",
        description=(
            "Read a PDF417 (AAMVA) barcode or a passport/ID card MRZ from IMAGE, or parse "
            "text typed by a keyboard-wedge scanner with --text (use --text - to read stdin). "
            "Nothing is stored."
        ),
    )
    parser.add_argument(
        "image", nargs="?", type=Path, metavar="IMAGE", help="photo or scan of the document"
    )
    parser.add_argument("--text", help="MRZ lines or an AAMVA payload, as a scanner typed it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run_scan, scan_parser=parser)


def run_scan(args: argparse.Namespace) -> int:
    if (args.image is None) == (args.text is None):
        args.scan_parser.error("give either IMAGE or --text")
    if args.text is not None:
        result = _scan_text(sys.stdin.read() if args.text == "-" else args.text)
    else:
        result = _scan_image(args.image)
    if args.json:
        print_json(result.to_json())
    else:
        _print_human(result)
    return 0


def _scan_image(path: Path) -> ReadResult:
    frame = load_image_file(path)
    found = read_barcode(frame)
    if found is None:
        # OCR only when there was no barcode: it costs ~0.5 s and needs the optional extra.
        found = read_mrz(frame, MrzOcr())
    return found or NOTHING_READ


def _scan_text(text: str) -> ReadResult:
    if not text.strip():
        raise MalformedPayload("no scanned text was given")
    try:
        return read_text(text)
    except AamvaFormatError:
        # An AAMVA header, but the rest is unusable: say what it was, and that it failed.
        return ReadResult(kind=ReadKind.AAMVA, valid=False, problems=("aamva.malformed",))
    except MrzFormatError:
        # Neither format's shape: a completed scan that found nothing readable.
        return NOTHING_READ


def _print_human(result: ReadResult) -> None:
    data = result.to_json()
    print(f"kind: {data['kind'] or 'nothing readable'}")
    print(f"valid: {'yes' if data['valid'] else 'no'}")
    if result.problems and result.kind is not None:
        print(f"problems: {', '.join(result.problems)}")
    for key, value in data["fields"].items():
        if isinstance(value, dict):
            for sub, item in value.items():
                print(f"{key}.{sub}: {item if item is not None else '-'}")
        else:
            print(f"{key}: {value if value is not None else '-'}")
