"""`kiosk rules list` and `kiosk rules check`: the rules engine for scripts and operations staff.

Document specs on the command line are `ID[,expires=DATE][,dated=DATE][,nyc_address=yes|no]`
with optional `zip=NNNNN`, `photo=yes|no` and `dob=yes|no`; the caretaker's own documents go in
`--caretaker-doc`, relationship documents in `--doc`, the signed attestation is
`--caretaker-attests` and agency verifications are `--agency-verified ID`.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import Any, Final

from kiosk.cli import print_json
from kiosk.rules.errors import InvalidDate, InvalidDocumentSpec
from kiosk.rules.evaluation import evaluate
from kiosk.rules.loading import available_programs, load_program
from kiosk.rules.models import (
    AgencyPath,
    CaretakerPath,
    Path,
    PresentedDocument,
    Program,
    SingleDocumentPath,
    ThresholdPath,
)
from kiosk.rules.verdict import Verdict

_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES: Final = {"yes": True, "no": False}

DOC_HELP: Final = (
    "a document the operator examined: ID[,expires=DATE][,dated=DATE][,nyc_address=yes|no]"
    "[,zip=NNNNN][,photo=yes|no][,dob=yes|no]; repeat for each document. Caretaker"
    " relationship documents (ids starting rel_ in idnyc) also go here"
)


def parse_date(text: str, what: str) -> date:
    """A strict ISO `YYYY-MM-DD` date; anything else is an `InvalidDate` naming the option."""
    if not _ISO_DATE.match(text):
        raise InvalidDate(f"{what}: {text!r} is not a date (use YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidDate(f"{what}: {text!r} is not a real date") from None


def parse_document(spec: str, option: str = "--doc") -> PresentedDocument:
    """`us_passport,expires=2030-01-31` -> PresentedDocument (the id is checked later)."""
    doc_id, *pairs = (part.strip() for part in spec.split(","))
    if not doc_id or "=" in doc_id:
        raise InvalidDocumentSpec(f"{option} {spec!r}: start with a document id")
    values: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key in values:
            raise InvalidDocumentSpec(f"{option} {doc_id}: {pair!r} must be a single key=value")
        if key in ("expires", "dated"):
            values[key] = parse_date(value, f"{option} {doc_id} {key}")
        elif key in ("nyc_address", "photo", "dob"):
            if value not in _YES:
                raise InvalidDocumentSpec(f"{option} {doc_id}: {key} must be yes or no")
            values["local_address" if key == "nyc_address" else key] = _YES[value]
        elif key == "zip":
            if not value:
                raise InvalidDocumentSpec(f"{option} {doc_id}: zip needs a value")
            values["postal_code"] = value
        else:
            raise InvalidDocumentSpec(
                f"{option} {doc_id}: unknown attribute {key!r}"
                " (expires, dated, nyc_address, zip, photo, dob)"
            )
    return PresentedDocument(id=doc_id, **values)


def register(subparsers: Any) -> None:
    rules = subparsers.add_parser(
        "rules",
        help="program eligibility rules: list documents, check an applicant",
        description="Eligibility rules of a municipal ID program (see docs/rules.md).",
    )
    commands = rules.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", required=True)

    listing = commands.add_parser(
        "list",
        help="list a program's paths and accepted documents",
        description="Without --program, list the bundled programs.",
    )
    listing.add_argument("--program", help="program id (e.g. idnyc) or path to a program file")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    listing.set_defaults(handler=run_list)

    check = commands.add_parser(
        "check",
        help="decide whether an applicant's documents meet the program's rules",
        description=(
            "Decide eligibility from the date of birth and the documents examined. Nothing is"
            " stored. --today makes the answer reproducible."
        ),
        epilog=(
            "Caretaker path: give the applicant's documents and the relationship document with"
            " --doc, the caretaker's own documents with --caretaker-doc, and --caretaker-attests"
            " when residency is proven by the caretaker's document plus the signed attestation."
            " Agency path: --agency-verified ID (ids listed by `kiosk rules list`)."
        ),
    )
    check.add_argument("--program", required=True, help="program id or path to a program file")
    check.add_argument("--today", required=True, help="the date of the decision, YYYY-MM-DD")
    check.add_argument("--dob", required=True, help="applicant's date of birth, YYYY-MM-DD")
    check.add_argument("--doc", action="append", default=[], metavar="SPEC", help=DOC_HELP)
    check.add_argument(
        "--caretaker-doc",
        action="append",
        default=[],
        metavar="SPEC",
        help="one of the caretaker's own identity or residency documents (same SPEC as --doc)",
    )
    check.add_argument(
        "--caretaker-attests",
        action="store_true",
        help="the caretaker signed that the applicant lives with them",
    )
    check.add_argument(
        "--agency-verified",
        action="append",
        default=[],
        metavar="ID",
        help="an agency verification the operator recorded (repeatable)",
    )
    check.add_argument("--json", action="store_true", help="print the verdict as one JSON object")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    program = load_program(args.program)
    today = parse_date(args.today, "--today")
    dob = parse_date(args.dob, "--dob")
    verdict = evaluate(
        program,
        dob,
        today,
        [parse_document(spec) for spec in args.doc],
        [parse_document(spec, "--caretaker-doc") for spec in args.caretaker_doc],
        caretaker_attestation=args.caretaker_attests,
        agency_verifications=args.agency_verified,
    )
    if args.json:
        print_json(verdict.to_json())
    else:
        sys.stdout.write(_verdict_text(verdict))
    return 0


def run_list(args: argparse.Namespace) -> int:
    if args.program is None:
        infos = available_programs()
        if args.json:
            print_json(
                {"programs": [{"id": i.id, "name": i.name, "version": i.version} for i in infos]}
            )
        else:
            sys.stdout.writelines(f"{i.id}\t{i.version}\t{i.name}\n" for i in infos)
        return 0
    program = load_program(args.program)
    if args.json:
        print_json(program_summary(program))
    else:
        sys.stdout.write(_program_text(program))
    return 0


def _path_summary(path: Path) -> dict[str, object]:
    summary: dict[str, object] = {"id": path.id}
    if isinstance(path, SingleDocumentPath):
        summary["kind"] = "single_document"
    elif isinstance(path, ThresholdPath):
        summary |= {
            "kind": "threshold",
            "identity_points": path.identity_points,
            "identity_documents": path.identity_documents,
            "identity_tiers": list(path.identity_tiers),
            "residency_points": path.residency_points,
            "photo_id": path.photo_id,
            "dob_proof": path.dob_proof,
        }
    elif isinstance(path, CaretakerPath):
        summary |= {
            "kind": "caretaker",
            "applicant_identity_points": path.applicant_identity_points,
            "caretaker_identity_points": path.caretaker_identity_points,
            "caretaker_photo_id": path.caretaker_photo_id,
        }
    else:
        assert isinstance(path, AgencyPath)
        summary["kind"] = "agency"
    return summary


def program_summary(program: Program) -> dict[str, object]:
    """The `rules list --json` object: what a script or the GUI picker needs to know."""
    return {
        "program": {
            "id": program.id,
            "name": program.name,
            "version": program.version,
            "content_hash": program.content_hash,
            "evidence": program.evidence,
            "area": program.area.name,
            "minimum_age": program.age.minimum,
            "caretaker_below": program.age.caretaker_below,
        },
        "paths": [_path_summary(p) for p in program.paths],
        "documents": [
            {
                "id": d.id,
                "name": d.name,
                "identity_points": d.identity_points,
                "residency_points": d.residency_points,
                "tier": d.tier,
                "photo": d.has_photo,
                "dob": d.has_dob,
                "single_document": d.single_document,
                "needs": list(d.needs),
            }
            for d in program.documents
        ],
        "relationship_documents": [
            {
                "id": r.id,
                "name": r.name,
                "applicant_age_max": r.applicant_age_max,
                "needs": list(r.needs),
            }
            for r in program.relationship_documents
        ],
        "agency_verifications": [
            {"id": a.id, "name": a.name} for a in program.agency_verifications
        ],
    }


def _program_text(program: Program) -> str:
    lines = [
        f"{program.name} ({program.id} {program.version}, sha256 {program.content_hash[:12]})",
        f"paths: {', '.join(p.id for p in program.paths)}",
        "",
        "id\tidentity\tresidency\tphoto\tdob\tneeds\tname",
    ]
    for d in program.documents:
        identity = d.tier if d.tier is not None else d.identity_points
        lines.append(
            f"{d.id}\t{identity}\t{d.residency_points}\t"
            f"{'yes' if d.has_photo else 'no'}\t{'yes' if d.has_dob else 'no'}\t"
            f"{','.join(d.needs) or '-'}\t{d.name}"
        )
    if program.relationship_documents:
        lines += ["", "caretaker relationship documents:"]
        lines += [f"{r.id}\t{r.name}" for r in program.relationship_documents]
    if program.agency_verifications:
        lines += ["", "agency verifications (--agency-verified):"]
        lines += [f"{a.id}\t{a.name}" for a in program.agency_verifications]
    return "\n".join(lines) + "\n"


def _verdict_text(verdict: Verdict) -> str:
    head = f"eligible by {verdict.path}" if verdict.eligible else "not eligible"
    lines = [
        head,
        f"identity points {verdict.identity_points}, residency points {verdict.residency_points},"
        f" photo ID {'yes' if verdict.has_photo_id else 'no'},"
        f" date of birth {'yes' if verdict.has_dob_proof else 'no'}",
    ]
    if verdict.card_address is not None:
        lines.append(f"card address: {verdict.card_address}")
    lines += [f"problem: {p.doc}: {p.reason}" for p in verdict.problems]
    lines += [f"missing: {m}" for m in verdict.missing]
    return "\n".join(lines) + "\n"
