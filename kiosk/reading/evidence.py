"""What the sealed record keeps about a document that was read, under the program's policy.

IDNYC keeps no copies or scans (68 RCNY 6-03(e)) and its forms do not record which document
types were used (6-11(b)), so the default `attest` keeps only the operator's attestation and
the reading's verdict. Policies nest: `metadata` adds the document class, issuer and expiry
(never the number), `image` adds the image as JPEG bytes that exist only in memory until the
sealing step encrypts them. Nothing here writes a file.
"""

from __future__ import annotations

import base64
import enum
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from kiosk.errors import InvalidInput
from kiosk.reading.models import DocumentClass, ReadResult

_JPEG_QUALITY = 85


class EvidencePolicyInvalid(InvalidInput):
    code = "reading.evidence_policy"


class EvidencePolicy(enum.StrEnum):
    """The program file's `evidence = "attest"|"metadata"|"image"`."""

    ATTEST = "attest"
    METADATA = "metadata"
    IMAGE = "image"

    @classmethod
    def from_program(cls, value: str | None) -> EvidencePolicy:
        """The policy a program file names; a missing key means the strictest, `attest`."""
        if value is None:
            return cls.ATTEST
        try:
            return cls(value)
        except ValueError:
            raise EvidencePolicyInvalid(
                "the program's evidence policy must be attest, metadata or image"
            ) from None


class Verdict(enum.StrEnum):
    VERIFIED = "verified"  # read by machine, every check passed
    FAILED_CHECKS = "failed_checks"  # read, but a check digit, date or required field failed
    NOT_READ = "not_read"  # nothing machine-readable; the attestation stands alone


@dataclass(frozen=True, slots=True)
class Attestation:
    """The operator's statement that they examined the original document."""

    operator: str  # staff account name, as the audit log knows it
    statement: str = "original_document_examined"


@dataclass(frozen=True, slots=True)
class DocumentEvidence:
    policy: EvidencePolicy
    attestation: Attestation
    verdict: Verdict
    document_class: DocumentClass | None = None
    issuer: str | None = None
    expiry_date: date | None = None
    image_jpeg: bytes | None = field(default=None, repr=False)

    def to_record(self) -> dict[str, Any]:
        """A JSON-safe dict for the record that sealing encrypts; keys absent, not null,
        when the policy does not keep them."""
        out: dict[str, Any] = {
            "policy": str(self.policy),
            "attestation": {
                "operator": self.attestation.operator,
                "statement": self.attestation.statement,
            },
            "verdict": str(self.verdict),
        }
        if self.policy is not EvidencePolicy.ATTEST:
            out["document_class"] = (
                None if self.document_class is None else str(self.document_class)
            )
            out["issuer"] = self.issuer
            out["expiry_date"] = None if self.expiry_date is None else self.expiry_date.isoformat()
        if self.policy is EvidencePolicy.IMAGE:
            out["image_jpeg_b64"] = (
                None
                if self.image_jpeg is None
                else base64.b64encode(self.image_jpeg).decode("ascii")
            )
        return out


def build_evidence(
    reading: ReadResult | None,
    policy: EvidencePolicy,
    *,
    attestation: Attestation,
    image: npt.NDArray[np.uint8] | bytes | None = None,
) -> DocumentEvidence:
    """The evidence a record keeps. `image` (a frame, or JPEG bytes) is dropped unless the
    policy is `image`; then a frame is JPEG-encoded in memory."""
    verdict = _verdict(reading)
    if policy is EvidencePolicy.ATTEST or reading is None:
        kept = DocumentEvidence(policy, attestation, verdict)
    else:
        kept = DocumentEvidence(
            policy,
            attestation,
            verdict,
            document_class=reading.document_class,
            issuer=reading.issuer,
            expiry_date=None if reading.fields is None else reading.fields.expiry_date,
        )
    if policy is EvidencePolicy.IMAGE and image is not None:
        jpeg = image if isinstance(image, bytes) else encode_jpeg(image)
        return replace(kept, image_jpeg=jpeg)
    return kept


def encode_jpeg(frame: npt.NDArray[np.uint8]) -> bytes:
    ok, buffer = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, _JPEG_QUALITY])
    if not ok:
        raise InvalidInput("the document image could not be encoded")
    return bytes(buffer)


def _verdict(reading: ReadResult | None) -> Verdict:
    if reading is None or reading.kind is None:
        return Verdict.NOT_READ
    return Verdict.VERIFIED if reading.valid else Verdict.FAILED_CHECKS
