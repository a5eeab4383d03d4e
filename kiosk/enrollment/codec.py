"""The application as JSON and back, for drafts in the vault (format-versioned, exact round trip).

Drafts are readable inside the vault (DESIGN.md, "A record's life"), so this keeps everything
needed to resume, photo and readings included; the sealed record is built in `record.py`.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from kiosk.capture.photo import CardPhoto
from kiosk.enrollment.errors import DraftUnreadable
from kiosk.enrollment.languages import LanguageChoice
from kiosk.enrollment.model import (
    AddressKind,
    ApplicantDetails,
    Application,
    ApplicationType,
    DocumentEntry,
    DocumentOwner,
    EyeColour,
    Gender,
)
from kiosk.errors import KioskError
from kiosk.reading.evidence import Attestation, DocumentEvidence, EvidencePolicy, Verdict
from kiosk.reading.models import DocumentClass
from kiosk.rules import PresentedDocument


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(value)


def application_to_json(app: Application) -> dict[str, Any]:
    details = app.details
    return {
        "application_type": None if app.application_type is None else app.application_type.value,
        "languages": [{"code": c.code, "other": c.other} for c in app.languages],
        "details": {
            name: (value.value if isinstance(value, AddressKind | Gender | EyeColour) else value)
            for name, value in vars(details).items()
        },
        "documents": [_document_to_json(d) for d in app.documents],
        "caretaker_chosen": app.caretaker_chosen,
        "caretaker_attestation": app.caretaker_attestation,
        "agency_verifications": list(app.agency_verifications),
        "photo": None if app.photo is None else _photo_to_json(app.photo),
        "attested": app.attested,
    }


def application_from_json(obj: Any) -> Application:
    """Raises DraftUnreadable for anything that is not what `application_to_json` wrote."""
    try:
        raw = dict(obj["details"])
        for name, enum in (("gender", Gender), ("eye_colour", EyeColour)):
            raw[name] = None if raw[name] is None else enum(raw[name])
        raw["address_kind"] = AddressKind(raw["address_kind"])
        kind = obj["application_type"]
        return Application(
            application_type=None if kind is None else ApplicationType(kind),
            languages=tuple(LanguageChoice(c["code"], c["other"]) for c in obj["languages"]),
            details=ApplicantDetails(**raw),
            documents=tuple(_document_from_json(d) for d in obj["documents"]),
            caretaker_chosen=bool(obj["caretaker_chosen"]),
            caretaker_attestation=bool(obj["caretaker_attestation"]),
            agency_verifications=tuple(obj["agency_verifications"]),
            photo=None if obj["photo"] is None else _photo_from_json(obj["photo"]),
            attested=bool(obj["attested"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error, KioskError) as error:
        raise DraftUnreadable("the saved draft is damaged or of an unknown format") from error


def _photo_to_json(photo: CardPhoto) -> dict[str, Any]:
    return {
        "jpeg_b64": b64(photo.jpeg),
        "width": photo.width,
        "height": photo.height,
        "face_fraction": photo.face_fraction,
    }


def _photo_from_json(obj: Any) -> CardPhoto:
    return CardPhoto(
        jpeg=_unb64(obj["jpeg_b64"]),
        width=int(obj["width"]),
        height=int(obj["height"]),
        face_fraction=float(obj["face_fraction"]),
    )


def _document_to_json(entry: DocumentEntry) -> dict[str, Any]:
    p = entry.presented
    return {
        "id": p.id,
        "owner": entry.owner.value,
        "expires": _iso(p.expires),
        "dated": _iso(p.dated),
        "local_address": p.local_address,
        "postal_code": p.postal_code,
        "photo": p.photo,
        "dob": p.dob,
        "evidence": None if entry.evidence is None else _evidence_to_json(entry.evidence),
    }


def _document_from_json(obj: Any) -> DocumentEntry:
    presented = PresentedDocument(
        id=str(obj["id"]),
        expires=_date(obj["expires"]),
        dated=_date(obj["dated"]),
        local_address=obj["local_address"],
        postal_code=obj["postal_code"],
        photo=obj["photo"],
        dob=obj["dob"],
    )
    evidence = obj["evidence"]
    return DocumentEntry(
        presented,
        DocumentOwner(obj["owner"]),
        None if evidence is None else _evidence_from_json(evidence),
    )


def _evidence_to_json(evidence: DocumentEvidence) -> dict[str, Any]:
    return {
        "policy": evidence.policy.value,
        "operator": evidence.attestation.operator,
        "statement": evidence.attestation.statement,
        "verdict": evidence.verdict.value,
        "document_class": None
        if evidence.document_class is None
        else evidence.document_class.value,
        "issuer": evidence.issuer,
        "expiry_date": _iso(evidence.expiry_date),
        "image_jpeg_b64": None if evidence.image_jpeg is None else b64(evidence.image_jpeg),
    }


def _evidence_from_json(obj: Any) -> DocumentEvidence:
    document_class = obj["document_class"]
    image = obj["image_jpeg_b64"]
    return DocumentEvidence(
        policy=EvidencePolicy(obj["policy"]),
        attestation=Attestation(obj["operator"], obj["statement"]),
        verdict=Verdict(obj["verdict"]),
        document_class=None if document_class is None else DocumentClass(document_class),
        issuer=obj["issuer"],
        expiry_date=_date(obj["expiry_date"]),
        image_jpeg=None if image is None else _unb64(image),
    )
