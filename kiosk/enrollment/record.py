"""The sealed record's payload (version 1): what the program office receives, and nothing more.

Built from a flow snapshot at submit. It carries the applicant's details, the photo, the
eligibility decision with the exact rules (version and content hash), the evidence the
program's policy keeps, the operator's attestation and an audit excerpt of entry hashes. It
never carries which documents were presented (68 RCNY 6-11(b)), agency verification names,
document numbers, or anything about a person's status (DESIGN.md). docs/enrollment.md
describes every key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from kiosk.enrollment.codec import b64
from kiosk.enrollment.errors import ApplicationIncomplete
from kiosk.enrollment.model import AddressKind, ApplicantDetails, DocumentEntry, DocumentOwner
from kiosk.enrollment.state import FlowState
from kiosk.enrollment.validation import ascii_digits, parse_date, parse_height
from kiosk.reading.evidence import Attestation, EvidencePolicy, build_evidence
from kiosk.rules import Program
from kiosk.sealing import iso_utc

RECORD_KIND = "enrollment.application"
PAYLOAD_VERSION = 1
ATTESTATION_STATEMENT = "applicant_confirmed_details_original_documents_examined"


def build_record(
    state: FlowState,
    program: Program,
    *,
    operator: str,
    application_number: str,
    submitted_at: datetime,
    audit_head_seq: int,
    audit_hashes: Sequence[str],
) -> dict[str, Any]:
    app, verdict = state.application, state.verdict
    if verdict is None or not verdict.eligible or app.photo is None or not app.attested:
        raise ApplicationIncomplete("the application is not complete: nothing was sealed")
    if app.application_type is None:
        raise ApplicationIncomplete("the application type is missing: nothing was sealed")
    details = app.details
    policy = EvidencePolicy.from_program(program.evidence)
    return {
        "kind": RECORD_KIND,
        "payload_version": PAYLOAD_VERSION,
        "application_number": application_number,
        "application_type": app.application_type.value,
        "submitted_at": iso_utc(submitted_at),
        "preferred_languages": [
            {"code": c.code, **({"text": c.other} if c.other else {})} for c in app.languages
        ],
        "applicant": _applicant(details),
        "card_address": _address(details),
        "program_contact": {
            "phone": ascii_digits(details.phone.strip()) or None,
            "email": details.email.strip() or None,
        },
        "emergency_contact": _emergency(details),
        "applying_with_caretaker": state.caretaker_section,
        "photo": {
            "jpeg_b64": b64(app.photo.jpeg),
            "width": app.photo.width,
            "height": app.photo.height,
        },
        "eligibility": verdict.record(),
        "evidence": [
            _evidence(entry, policy, operator)
            for entry in app.documents
            if state.caretaker_section or entry.owner is DocumentOwner.APPLICANT
        ],
        "attestation": {
            "operator": operator,
            "at": iso_utc(submitted_at),
            "statement": ATTESTATION_STATEMENT,
        },
        "audit_excerpt": {"head_seq": audit_head_seq, "entry_hashes": list(audit_hashes)},
    }


def _applicant(details: ApplicantDetails) -> dict[str, Any]:
    dob = parse_date(details.dob)
    height = parse_height(details)
    if dob is None or height is None or details.gender is None or details.eye_colour is None:
        raise ApplicationIncomplete("the applicant's details are incomplete: nothing was sealed")
    return {
        "family_name": details.family_name.strip(),
        "given_name": details.given_name.strip(),
        "middle_name": details.middle_name.strip(),
        "birth_date": dob.isoformat(),
        "gender": details.gender.value,
        "height": {"feet": height[0], "inches": height[1]},
        "eye_colour": details.eye_colour.value,
        "veteran": details.veteran,
        "organ_donor_registry": details.organ_donor,
    }


def _address(details: ApplicantDetails) -> dict[str, Any]:
    kind = details.address_kind
    if kind is AddressKind.NONE:
        return {"kind": kind.value}
    out: dict[str, Any] = {"kind": kind.value}
    if kind is AddressKind.CARE_OF:
        out["care_of"] = details.care_of.strip()
    if kind is AddressKind.PO_BOX:
        out["po_box"] = details.po_box.strip()
    else:
        out["street"] = details.street.strip()
        out["unit"] = details.unit.strip()
    out["city"] = details.city.strip()
    out["state"] = details.state.strip()
    out["postal_code"] = details.postal_code.strip()
    return out


def _emergency(details: ApplicantDetails) -> dict[str, str] | None:
    if not details.emergency_name.strip():
        return None
    return {
        "name": details.emergency_name.strip(),
        "phone": ascii_digits(details.emergency_phone.strip()),
        "relationship": details.emergency_relationship.strip(),
    }


def _evidence(entry: DocumentEntry, policy: EvidencePolicy, operator: str) -> dict[str, Any]:
    """The policy's view of one examined document, without saying which document it was."""
    evidence = entry.evidence or build_evidence(None, policy, attestation=Attestation(operator))
    return evidence.to_record()
