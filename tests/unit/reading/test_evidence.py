"""What a sealed record keeps from a reading under each program's evidence policy."""

from __future__ import annotations

import base64
import json

import cv2
import numpy as np
import pytest

from kiosk.reading.aamva import parse_aamva
from kiosk.reading.evidence import (
    Attestation,
    EvidencePolicy,
    EvidencePolicyInvalid,
    Verdict,
    build_evidence,
)
from kiosk.reading.models import NOTHING_READ, ReadResult
from kiosk.reading.mrz import parse_mrz

from .conftest import TODAY
from .fixtures import SAMPLE_ELEMENTS, TD3_SPECIMEN, aamva_payload, card_back

WITNESS = Attestation(operator="enroller7")
PASSPORT = parse_mrz(TD3_SPECIMEN, today=TODAY)
LICENCE = parse_aamva(aamva_payload(SAMPLE_ELEMENTS))
PERSONAL = ("ERIKSSON", "ANNA", "L898902C3", "1974", "SAMPLE", "T64235789", "RICHMOND", "23269")


def _serialised(record: dict[str, object]) -> str:
    return json.dumps(record)


@pytest.mark.parametrize("reading", [PASSPORT, LICENCE])
def test_attest_keeps_only_the_attestation_and_the_verdict(reading: ReadResult) -> None:
    record = build_evidence(
        reading, EvidencePolicy.ATTEST, attestation=WITNESS, image=b"jpeg"
    ).to_record()
    assert record == {
        "policy": "attest",
        "attestation": {"operator": "enroller7", "statement": "original_document_examined"},
        "verdict": "verified",
    }


def test_metadata_keeps_class_issuer_and_expiry_but_no_number_or_name() -> None:
    record = build_evidence(LICENCE, EvidencePolicy.METADATA, attestation=WITNESS).to_record()
    assert {k: record[k] for k in ("document_class", "issuer", "expiry_date")} == {
        "document_class": "driver_license",
        "issuer": "VA",
        "expiry_date": "2029-12-10",
    }
    assert "image_jpeg_b64" not in record
    text = _serialised(record)
    assert not [p for p in PERSONAL if p in text]


def test_metadata_of_a_passport_is_the_issuing_state_not_the_nationality_field() -> None:
    record = build_evidence(PASSPORT, EvidencePolicy.METADATA, attestation=WITNESS).to_record()
    assert (record["document_class"], record["issuer"]) == ("passport", "UTO")
    assert "nationality" not in record


def test_image_policy_keeps_an_in_memory_jpeg() -> None:
    frame = cv2.cvtColor(card_back(aamva_payload(SAMPLE_ELEMENTS)), cv2.COLOR_GRAY2BGR)
    evidence = build_evidence(LICENCE, EvidencePolicy.IMAGE, attestation=WITNESS, image=frame)
    assert evidence.image_jpeg is not None and evidence.image_jpeg[:2] == b"\xff\xd8"
    record = evidence.to_record()
    assert base64.b64decode(record["image_jpeg_b64"]) == evidence.image_jpeg
    assert record["document_class"] == "driver_license"
    assert "image_jpeg" not in repr(evidence)  # bytes of a document never reach a log


def test_image_policy_without_an_image_keeps_none() -> None:
    record = build_evidence(PASSPORT, EvidencePolicy.IMAGE, attestation=WITNESS).to_record()
    assert record["image_jpeg_b64"] is None


def test_images_are_dropped_under_attest_and_metadata() -> None:
    frame = np.zeros((10, 10, 3), dtype=np.uint8)
    for policy in (EvidencePolicy.ATTEST, EvidencePolicy.METADATA):
        assert build_evidence(PASSPORT, policy, attestation=WITNESS, image=frame).image_jpeg is None


def test_verdicts() -> None:
    broken = parse_mrz([TD3_SPECIMEN[0], TD3_SPECIMEN[1][:-1] + "9"], today=TODAY)
    assert (
        build_evidence(PASSPORT, EvidencePolicy.ATTEST, attestation=WITNESS).verdict
        is Verdict.VERIFIED
    )
    assert (
        build_evidence(broken, EvidencePolicy.ATTEST, attestation=WITNESS).verdict
        is Verdict.FAILED_CHECKS
    )
    for nothing in (None, NOTHING_READ):
        evidence = build_evidence(nothing, EvidencePolicy.METADATA, attestation=WITNESS)
        assert evidence.verdict is Verdict.NOT_READ
        assert evidence.to_record()["document_class"] is None


def test_policy_from_the_program_file() -> None:
    assert EvidencePolicy.from_program(None) is EvidencePolicy.ATTEST
    assert EvidencePolicy.from_program("metadata") is EvidencePolicy.METADATA
    with pytest.raises(EvidencePolicyInvalid) as caught:
        EvidencePolicy.from_program("scan_everything")
    assert caught.value.code == "reading.evidence_policy"
